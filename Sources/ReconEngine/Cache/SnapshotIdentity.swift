#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What a cached ledger was read from: the snapshot's resolved path, the file's identity and
/// times as the file system reports them, and a checksum of samples of its content. Any edit,
/// copy over, `touch`, restore from a backup or rename onto the path changes at least one of
/// them; a cache entry is used only when all of them match.
public struct SnapshotIdentity: Equatable, Sendable {
  public var path: String
  var device: UInt64
  var inode: UInt64
  public var size: Int
  var modified: timespec
  var changed: timespec
  /// FastChecksum of the first and last 64 KiB and 64 blocks of 4 KiB spread evenly between
  /// them (the whole file when it is at most 1 MiB): what a re-open can afford to read of a
  /// file of a gigabyte.
  var sampleChecksum: UInt64
  /// The clock just before the file was looked at (not part of the identity).
  var takenAt: timespec

  /// The identity of the file at `path` now, or nil when it cannot be read.
  public init?(path: String) {
    takenAt = timespec()
    clock_gettime(CLOCK_REALTIME, &takenAt)
    guard let resolved = realpath(path, nil) else { return nil }
    self.path = String(cString: resolved)
    free(resolved)
    let descriptor = open(self.path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var info = stat()
    guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
    device = UInt64(info.st_dev)
    inode = UInt64(info.st_ino)
    size = Int(info.st_size)
    modified = info.st_mtim
    changed = info.st_ctim
    guard let samples = SnapshotIdentity.sampleChecksum(descriptor, size: size) else { return nil }
    sampleChecksum = samples
  }

  static func sampleChecksum(_ descriptor: Int32, size: Int) -> UInt64? {
    let edge = 64 << 10
    let block = 4 << 10
    var ranges: [(offset: Int, length: Int)]
    if size <= 1 << 20 {
      ranges = [(0, size)]
    } else {
      ranges = [(0, edge)]
      let inner = size - 2 * edge - block
      for index in 1...64 { ranges.append((edge + inner * index / 65, block)) }
      ranges.append((size - edge, edge))
    }
    var buffer = [UInt8](repeating: 0, count: max(edge, min(size, 1 << 20)))
    var checksum: UInt64 = 0
    for range in ranges {
      let read = buffer.withUnsafeMutableBytes {
        pread(descriptor, $0.baseAddress, range.length, off_t(range.offset))
      }
      guard read == range.length else { return nil }
      checksum = buffer.withUnsafeBytes {
        FastChecksum.of(UnsafeRawBufferPointer(rebasing: $0[0..<range.length]), seed: checksum)
      }
    }
    return checksum
  }

  public static func == (lhs: SnapshotIdentity, rhs: SnapshotIdentity) -> Bool {
    lhs.path == rhs.path && lhs.device == rhs.device && lhs.inode == rhs.inode && lhs.size == rhs.size
      && lhs.modified.tv_sec == rhs.modified.tv_sec && lhs.modified.tv_nsec == rhs.modified.tv_nsec
      && lhs.changed.tv_sec == rhs.changed.tv_sec && lhs.changed.tv_nsec == rhs.changed.tv_nsec
      && lhs.sampleChecksum == rhs.sampleChecksum
  }

  func write(to writer: inout ByteWriter) {
    writer.string(path)
    writer.u64(device)
    writer.u64(inode)
    writer.int(size)
    writer.i64(Int64(modified.tv_sec))
    writer.i64(Int64(modified.tv_nsec))
    writer.i64(Int64(changed.tv_sec))
    writer.i64(Int64(changed.tv_nsec))
    writer.u64(sampleChecksum)
  }

  init(from reader: inout ByteReader) throws(CacheProblem) {
    path = try reader.string()
    device = try reader.u64()
    inode = try reader.u64()
    size = try reader.int(atMost: Int.max)
    modified = timespec(tv_sec: Int(try reader.i64()), tv_nsec: Int(try reader.i64()))
    changed = timespec(tv_sec: Int(try reader.i64()), tv_nsec: Int(try reader.i64()))
    sampleChecksum = try reader.u64()
    takenAt = timespec()
  }

  /// File times come from a coarse clock (a few milliseconds): a same-size rewrite in the tick
  /// of the last change keeps every time, and no later look can tell. As git does with "racily
  /// clean" files, a file whose last change is less than `window` seconds before it was looked
  /// at is not trusted to be told apart by its times (nor one changed "in the future").
  func isRacy(window: Double = 0.1) -> Bool {
    func seconds(_ time: timespec) -> Double { Double(time.tv_sec) + Double(time.tv_nsec) / 1e9 }
    let latest = max(seconds(modified), seconds(changed))
    return latest > seconds(takenAt) - window
  }
}
