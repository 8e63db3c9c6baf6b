import Foundation
import ReconEngine

/// Writes a pack as a whole: into a temporary folder beside the target, then renamed into place,
/// so a failure or a kill never leaves half a pack under the target's name. A folder that holds
/// files is replaced only when told (`--force`), and then only once the new pack is complete.
enum EvidenceFolder {
  struct Failure: Error {
    var message: String
  }

  /// `protecting`: a file that must not be inside a folder this replaces (the snapshot). Each
  /// file's bytes exist only while it is written (the texts are the pack's; a copy of all of
  /// them as bytes doubled the peak of a large pack).
  static func write(
    _ files: [(name: String, contents: String)], to target: String, force: Bool, protecting: String? = nil
  )
    throws
  {
    let manager = FileManager.default
    var trimmed = target
    while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
    let path = FilePaths.absolute(trimmed)
    var isFolder: ObjCBool = false
    let exists = manager.fileExists(atPath: path, isDirectory: &isFolder)
    if exists && !isFolder.boolValue { throw Failure(message: "\(path) is a file, not a folder") }
    var nonEmpty = false
    if exists {
      guard let contents = try? manager.contentsOfDirectory(atPath: path) else {
        throw Failure(message: "cannot read the folder \(path), so it is not replaced")
      }
      nonEmpty = !contents.isEmpty
    }
    if nonEmpty && !force {
      throw Failure(message: "\(path) is not empty; give --force to replace it, or choose another folder")
    }
    if exists, let protecting, FilePaths.absolute(protecting).hasPrefix(path + "/") {
      throw Failure(message: "\(path) holds the snapshot \(protecting): choose another folder for the pack")
    }
    let parent = FilePaths.folder(of: path)
    guard manager.fileExists(atPath: parent) else {
      throw Failure(message: "the folder \(parent) does not exist")
    }
    let temporary = parent + "/." + FilePaths.name(of: path) + ".tmp-" + UUID().uuidString
    do {
      try manager.createDirectory(atPath: temporary, withIntermediateDirectories: false)
      for file in files {
        let full = temporary + "/" + file.name
        try manager.createDirectory(atPath: FilePaths.folder(of: full), withIntermediateDirectories: true)
        try Data(file.contents.utf8).write(to: URL(fileURLWithPath: full), options: .atomic)
      }
    } catch {
      try? manager.removeItem(atPath: temporary)
      throw Failure(message: "cannot write the pack beside \(path): \(error.localizedDescription)")
    }
    // Into place: an old pack is moved aside first and removed once the new one is there.
    var aside: String?
    if exists {
      let old = parent + "/." + FilePaths.name(of: path) + ".old-" + UUID().uuidString
      if rename(path, old) != 0 {
        try? manager.removeItem(atPath: temporary)
        throw Failure(message: "cannot replace \(path): \(String(cString: strerror(errno)))")
      }
      aside = old
    }
    if rename(temporary, path) != 0 {
      let reason = String(cString: strerror(errno))
      if let aside { _ = rename(aside, path) }
      try? manager.removeItem(atPath: temporary)
      throw Failure(message: "cannot move the pack to \(path): \(reason)")
    }
    if let aside { try? manager.removeItem(atPath: aside) }
  }
}
