import Dispatch
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Ledgers already read, kept in the user's cache folder so that re-opening an unchanged
/// snapshot reads its columns instead of parsing its JSON again.
///
/// Safe by construction: the snapshot JSON stays the only file users see or edit; an entry is
/// used only when the snapshot's path, device, inode, size, modification and change times and
/// sampled content all match what it was made from, and when its own checksums (header and
/// every array) and shape hold; an entry failing any check is removed. The folder is bounded
/// (least recently used entries go first), and snapshots under `minimumSnapshotBytes` are not
/// cached (parsing them is faster than anything).
public struct SnapshotCache: Sendable {
  public let folder: String
  /// Total bytes the folder's entries may take.
  public var sizeLimit: Int
  /// Snapshots smaller than this are read from their JSON every time.
  public var minimumSnapshotBytes: Int

  public static let defaultSizeLimit = 5 << 30
  public static let defaultMinimumSnapshotBytes = 4 << 20
  static let entrySuffix = ".rbcache"

  public init(
    folder: String, sizeLimit: Int = SnapshotCache.defaultSizeLimit,
    minimumSnapshotBytes: Int = SnapshotCache.defaultMinimumSnapshotBytes
  ) {
    self.folder = folder
    self.sizeLimit = sizeLimit
    self.minimumSnapshotBytes = minimumSnapshotBytes
  }

  /// The cache of this user: `$XDG_CACHE_HOME/reconbench`, else `$HOME/.cache/reconbench`; nil
  /// when `RECONBENCH_NO_CACHE` is set (to anything but 0 or empty) or no folder is known.
  /// `RECONBENCH_CACHE_SIZE` sets the limit (bytes, or with K, M or G).
  public static func standard(environment: [String: String]) -> SnapshotCache? {
    if let off = environment["RECONBENCH_NO_CACHE"], !off.isEmpty, off != "0" { return nil }
    let base: String
    if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
      base = xdg
    } else if let home = environment["HOME"], home.hasPrefix("/") {
      base = home + "/.cache"
    } else {
      return nil
    }
    var cache = SnapshotCache(folder: base + "/reconbench")
    if let text = environment["RECONBENCH_CACHE_SIZE"], let limit = parseSize(text) {
      cache.sizeLimit = limit
    }
    return cache
  }

  /// `500M`, `5G`, `1048576`.
  public static func parseSize(_ text: String) -> Int? {
    let units: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40]
    var digits = Substring(text.uppercased())
    var factor = 1
    if let last = digits.last, let unit = units[last] {
      factor = unit
      digits = digits.dropLast()
    }
    guard let value = Int(digits), value >= 0 else { return nil }
    let (product, overflow) = value.multipliedReportingOverflow(by: factor)
    return overflow ? nil : product
  }

  /// The entry for a snapshot path: one per path, named by a checksum of the resolved path.
  func entryPath(for identity: SnapshotIdentity) -> String {
    let key = identity.path.utf8CString.withUnsafeBytes { FastChecksum.of($0, seed: 0x5EED) }
    let hex = String(key, radix: 16)
    return folder + "/" + String(repeating: "0", count: 16 - hex.count) + hex + SnapshotCache.entrySuffix
  }

  // MARK: Reading

  public enum Lookup: Sendable {
    case hit(Ledger)
    /// Why not: no entry, an entry of another version of the file, or a damaged one (removed).
    case miss(String)
  }

  /// The cached ledger of the snapshot whose identity is `identity`, if there is a sound one.
  public func lookup(_ identity: SnapshotIdentity) -> Lookup {
    guard FilePaths.exists(folder) else { return .miss("no cache entry") }
    guard folderIsPrivate() else { return .miss("the cache folder is not private to this user") }
    let path = entryPath(for: identity)
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return .miss("no cache entry") }
    defer { close(descriptor) }
    do throws(CacheProblem) {
      let header = try LedgerCacheFile.readHeader(descriptor)
      guard header.version == ReconEngineVersion.current,
        header.schemaFingerprint == LedgerCacheFile.schemaFingerprint
      else {
        removeIfStill(path, descriptor)
        return .miss("cache entry of another program version")
      }
      // A snapshot that changed keeps its entry until it is read again (and the entry replaced).
      guard header.identity == identity else { return .miss("the snapshot changed since it was cached") }
      let ledger = try LedgerCacheFile.readLedger(descriptor, header)
      markUsed(path)
      return .hit(ledger)
    } catch {
      removeIfStill(path, descriptor)
      return .miss("damaged cache entry removed: \(error.description)")
    }
  }

  /// Removes the entry at `path` if it is still the file open as `descriptor` (another process
  /// may have renamed a fresh entry into place meanwhile).
  private func removeIfStill(_ path: String, _ descriptor: Int32) {
    var open = stat()
    var named = stat()
    guard fstat(descriptor, &open) == 0, stat(path, &named) == 0, open.st_dev == named.st_dev,
      open.st_ino == named.st_ino
    else { return }
    unlink(path)
  }

  /// The entry's modification time is its last use, for the least-recently-used trim.
  private func markUsed(_ path: String) {
    _ = utimensat(AT_FDCWD, path, nil, 0)
  }

  // MARK: Writing

  /// Writes the entry for `identity` (atomically: a temporary file renamed into place), then
  /// trims the folder to its limit. An entry that alone exceeds the limit is not written.
  public func store(_ ledger: Ledger, identity: SnapshotIdentity) throws(CacheProblem) {
    try store(ledger, identity: identity, stillWanted: { true })
  }

  /// `wroteIt`: the caller has just written the file with this very ledger (a save), so its
  /// fresh times are expected; a ledger read from a file is cached only if the file's last
  /// change was well before the read began (`SnapshotIdentity.isRacy`).
  func store(_ ledger: Ledger, identity: SnapshotIdentity, wroteIt: Bool = true, stillWanted: () -> Bool)
    throws(CacheProblem)
  {
    guard identity.size >= minimumSnapshotBytes, wroteIt || !identity.isRacy(), stillWanted(),
      SnapshotIdentity(path: identity.path) == identity
    else { return }
    try makeFolder()
    removeStaleTemporaries()
    let target = entryPath(for: identity)
    let temporary = target + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    do throws(CacheProblem) {
      try LedgerCacheFile.write(ledger, identity: identity, to: temporary, stillWanted: stillWanted)
    } catch {
      unlink(temporary)
      // A newer write took over: not a failure.
      if error == .superseded { return }
      throw error
    }
    var info = stat()
    let size = stat(temporary, &info) == 0 ? Int(info.st_size) : Int.max
    // Still the file it was read from now that the entry is written.
    guard size <= sizeLimit, stillWanted(), SnapshotIdentity(path: identity.path) == identity else {
      unlink(temporary)
      return
    }
    guard rename(temporary, target) == 0 else {
      let message = errorText()
      unlink(temporary)
      throw CacheProblem("cannot rename into \(folder): \(message)")
    }
    trim(keeping: target)
  }

  private func makeFolder() throws(CacheProblem) {
    var path = ""
    for component in folder.split(separator: "/") {
      path += "/" + component
      if mkdir(path, 0o700) != 0 && errno != EEXIST {
        throw CacheProblem("cannot create \(path): \(errorText())")
      }
    }
    guard folderIsPrivate() else { throw CacheProblem("\(folder) is not a private folder of this user") }
  }

  /// The folder is a real directory of this user that nobody else may write to (or read):
  /// another user's planted entry would otherwise be read as this user's ledger.
  func folderIsPrivate() -> Bool {
    var info = stat()
    guard lstat(folder, &info) == 0 else { return false }
    return (info.st_mode & S_IFMT) == S_IFDIR && info.st_uid == geteuid() && info.st_mode & 0o077 == 0
  }

  /// Temporaries of writes whose process is gone (killed part-way).
  private func removeStaleTemporaries() {
    for name in FilePaths.entries(of: folder) {
      guard let range = name.range(of: SnapshotCache.entrySuffix + ".tmp-"),
        SnapshotStore.writerIsGone(name[range.upperBound...])
      else { continue }
      unlink(folder + "/" + name)
    }
  }

  // MARK: Listing and trimming

  public struct Entry: Sendable {
    public var file: String
    public var bytes: Int
    /// Seconds since 1970 of the last use.
    public var lastUsed: Int
    /// The same to the nanosecond, for ordering.
    var lastUsedTime: timespec
    /// The snapshot it was made from, when its header is readable.
    public var snapshot: String?
  }

  /// The entries in the folder, most recently used first.
  public func entries() -> [Entry] {
    var found: [Entry] = []
    for name in FilePaths.entries(of: folder) where name.hasSuffix(SnapshotCache.entrySuffix) {
      let path = folder + "/" + name
      var info = stat()
      guard stat(path, &info) == 0 else { continue }
      var snapshot: String?
      let descriptor = open(path, O_RDONLY | O_CLOEXEC)
      if descriptor >= 0 {
        snapshot = try? LedgerCacheFile.readHeader(descriptor).identity.path
        close(descriptor)
      }
      found.append(
        Entry(
          file: path, bytes: Int(info.st_size), lastUsed: Int(info.st_mtim.tv_sec),
          lastUsedTime: info.st_mtim,
          snapshot: snapshot))
    }
    return found.sorted {
      ($0.lastUsedTime.tv_sec, $0.lastUsedTime.tv_nsec, $0.file) > (
        $1.lastUsedTime.tv_sec, $1.lastUsedTime.tv_nsec, $1.file
      )
    }
  }

  /// Removes least recently used entries until the folder fits its limit; `keeping` stays.
  func trim(keeping kept: String? = nil) {
    let found = entries()
    var total = found.reduce(0) { $0 + $1.bytes }
    for entry in found.reversed() where total > sizeLimit && entry.file != kept {
      if unlink(entry.file) == 0 { total -= entry.bytes }
    }
  }

  /// Removes every entry and stray temporary; returns the number of entries removed.
  @discardableResult
  public func clear() -> Int {
    var removed = 0
    for name in FilePaths.entries(of: folder) where name.contains(SnapshotCache.entrySuffix) {
      if unlink(folder + "/" + name) == 0 && name.hasSuffix(SnapshotCache.entrySuffix) { removed += 1 }
    }
    return removed
  }
}

/// Cache entries written on a background thread after a snapshot was read from its JSON, so the
/// command or screen that asked for the ledger does not wait for them. A process waits for them
/// before it exits (`SnapshotCache.finishWriting()`); a newer write for the same snapshot makes an
/// older one still running give up.
final class CacheWrites: Sendable {
  static let shared = CacheWrites()
  private let group = DispatchGroup()
  private let latest = Mutex<[String: Int]>([:])

  func start(_ cache: SnapshotCache, _ ledger: Ledger, _ identity: SnapshotIdentity, wroteIt: Bool) {
    let key = cache.entryPath(for: identity)
    let generation = latest.withLock { table in
      table[key, default: 0] += 1
      return table[key, default: 0]
    }
    group.enter()
    DispatchQueue.global(qos: .utility).async { [self] in
      defer { group.leave() }
      try? cache.store(ledger, identity: identity, wroteIt: wroteIt) {
        latest.withLock { $0[key] == generation }
      }
    }
  }

  func wait() { group.wait() }
}

extension SnapshotCache {
  /// Waits for cache entries still being written; call before the process exits.
  public static func finishWriting() { CacheWrites.shared.wait() }
}
