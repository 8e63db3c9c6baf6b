#if canImport(Glibc)
  import Glibc
#endif

/// Writes a small text file (a CSV export) atomically — a temporary file in the same folder,
/// flushed, then renamed — and says in words why it could not.
public enum TextFileWriter {
  public struct Failure: Error, Equatable, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "Cannot write \(path): \(reason)" }
  }

  public static func write(_ text: String, to path: String) throws(Failure) {
    let shownFolder = FilePaths.folder(of: path)
    if FilePaths.isFolder(path) { throw Failure(path: path, reason: "it is a folder; give a file name") }
    var folderInfo = stat()
    if stat(shownFolder, &folderInfo) != 0 {
      throw Failure(path: path, reason: reason(errno, folder: shownFolder))
    }
    if (folderInfo.st_mode & S_IFMT) != S_IFDIR {
      throw Failure(path: path, reason: "\(shownFolder) is a file, not a folder")
    }
    let base = FilePaths.name(of: path)
    let temporary = "\(shownFolder)/.\(base).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    if descriptor < 0 { throw Failure(path: path, reason: reason(errno, folder: shownFolder)) }
    func fail(_ code: Int32) -> Failure {
      Glibc.close(descriptor)
      unlink(temporary)
      return Failure(path: path, reason: reason(code, folder: shownFolder))
    }
    var bytes = Array(text.utf8)
    var written = 0
    let count = bytes.count
    let failure: Int32? = bytes.withUnsafeMutableBytes { buffer -> Int32? in
      guard let base = buffer.baseAddress else { return nil }
      while written < count {
        let result = Glibc.write(descriptor, base + written, count - written)
        if result < 0 {
          if errno == EINTR { continue }
          return errno
        }
        written += result
      }
      return nil
    }
    if let failure { throw fail(failure) }
    if fsync(descriptor) != 0 { throw fail(errno) }
    if Glibc.close(descriptor) != 0 {
      let code = errno
      unlink(temporary)
      throw Failure(path: path, reason: reason(code, folder: shownFolder))
    }
    if rename(temporary, path) != 0 {
      let code = errno
      unlink(temporary)
      throw Failure(path: path, reason: reason(code, folder: shownFolder))
    }
  }

  /// An errno in the words a user needs.
  static func reason(_ code: Int32, folder: String) -> String {
    switch code {
    case ENOENT: return "the folder \(folder) does not exist"
    case EACCES, EPERM: return "no permission to write in \(folder)"
    case EROFS: return "\(folder) is on a read-only file system"
    case ENOSPC, EDQUOT: return "the disk is full"
    case ENOTDIR: return "a part of \(folder) is a file, not a folder"
    case EISDIR: return "it is a folder; give a file name"
    case ENAMETOOLONG: return "the name is too long"
    default: return String(cString: strerror(code))
    }
  }
}
