#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Loading, validating and saving snapshot files.
public enum SnapshotStore {
  /// Loads and validates a snapshot file. Every violation found is in the thrown error.
  /// `progress`, when given, follows the reading (bytes parsed) for a progress line.
  public static func load(path: String, progress: ByteProgress? = nil) throws(SnapshotError) -> Ledger {
    try load(path: path, progress: progress, cache: nil)
  }

  /// Loads a snapshot, from `cache` when it holds a sound entry for this very file; otherwise
  /// from the JSON, after which the entry is written on a background thread
  /// (`SnapshotCache.finishWriting()` waits for it).
  /// `readJSON`: read the JSON even when an entry exists (`validate`), and cache it.
  public static func load(
    path: String, progress: ByteProgress? = nil, cache: SnapshotCache?, readJSON: Bool = false
  )
    throws(SnapshotError) -> Ledger
  {
    let identity = cache.flatMap { cache in
      SnapshotIdentity(path: path).flatMap { $0.size >= cache.minimumSnapshotBytes ? $0 : nil }
    }
    if !readJSON, let cache, let identity, case .hit(let ledger) = cache.lookup(identity) {
      progress?.add(identity.size)
      progress?.finishReading()
      return ledger
    }
    let ledger = try loadJSON(path: path, progress: progress)
    // Cached only if the file did not change while it was read.
    if let cache, let identity, SnapshotIdentity(path: path) == identity {
      CacheWrites.shared.start(cache, ledger, identity, wroteIt: false)
    }
    return ledger
  }

  private static func loadJSON(path: String, progress: ByteProgress?) throws(SnapshotError) -> Ledger {
    let file = try MappedFile(path: path)
    defer { file.close() }
    let hooks = ProgressHooks(progress) { file.release(from: $0, to: $1) }
    return try decode(
      file.bytes, name: path, consumed: hooks.consumed, onRead: hooks.onRead, onRedo: hooks.onRedo)
  }

  /// How a load reports to its progress: the consumed byte ranges (after `release` has dropped
  /// them from the mapping) added up, the reading's end, and a redo after a wrong line guess
  /// counted from zero again (the bytes the void read consumed would otherwise count twice).
  struct ProgressHooks {
    let consumed: @Sendable (Int, Int) -> Void
    let onRead: () -> Void
    let onRedo: () -> Void

    init(_ progress: ByteProgress?, release: @escaping @Sendable (Int, Int) -> Void = { _, _ in }) {
      consumed = { from, to in
        release(from, to)
        progress?.add(to - from)
      }
      onRead = { progress?.finishReading() }
      onRedo = { progress?.restart() }
    }
  }

  /// Loads and validates a snapshot held in memory (tests, the bundled sample).
  public static func decode(_ data: [UInt8], name: String) throws(SnapshotError) -> Ledger {
    var copy = data
    let count = copy.count
    let result: Result<Ledger, SnapshotError> = copy.withUnsafeMutableBufferPointer { buffer in
      do throws(SnapshotError) {
        return .success(
          try decode(UnsafeBufferPointer(rebasing: buffer[0..<count]), name: name, consumed: nil))
      } catch {
        return .failure(error)
      }
    }
    return try result.get()
  }

  static func decode(
    _ bytes: UnsafeBufferPointer<UInt8>, name: String, consumed: (@Sendable (Int, Int) -> Void)?,
    parallelThreshold: Int? = nil, blockRows: Int? = nil, releaseEvery: Int? = nil, onRead: () -> Void = {},
    onRedo: () -> Void = {}
  )
    throws(SnapshotError) -> Ledger
  {
    var ledger = Ledger()
    var reader = SnapshotReader(bytes: bytes)
    reader.consumed = consumed
    if let parallelThreshold { reader.parallelThreshold = parallelThreshold }
    if let blockRows { reader.blockRows = blockRows }
    if let releaseEvery { reader.releaseEvery = releaseEvery }
    var syntax: SnapshotReader.SyntaxError?
    do throws(SnapshotReader.SyntaxError) {
      try reader.read(into: &ledger)
    } catch {
      syntax = reader.earliest(error)
    }
    reader.background?.finish()
    if reader.speculated && (reader.speculationFailed || syntax != nil) {
      // A split guessed from the lines was wrong (or the file has a syntax error, whose report
      // must be the one-thread reader's): read again on one thread, its progress from zero
      // (the bytes the first read consumed would otherwise count twice).
      onRedo()
      return try decode(
        bytes, name: name, consumed: consumed, parallelThreshold: Int.max, blockRows: blockRows,
        releaseEvery: releaseEvery, onRead: onRead)
    }
    onRead()
    var pending = reader.problems
    var total = reader.problemCount
    if let syntax {
      // A one-thread read stops at the syntax error; the main reader, having skipped the big
      // arrays, may have read on past it: what lies beyond is not reported.
      let beyond = pending.filter { $0.offset >= syntax.offset }.count
      pending.removeAll { $0.offset >= syntax.offset }
      total -= beyond
      pending.append(.init(offset: syntax.offset, path: "", message: syntax.message))
      total += 1
    }
    // In file order, whichever thread found them (ties keep the order they were found in).
    pending = pending.enumerated().sorted { ($0.element.offset, $0.offset) < ($1.element.offset, $1.offset) }
      .map(
        \.element)
    var problems = locate(pending, in: bytes)
    if syntax == nil {
      // Validation and the groupings both need only the entry-number indexes: run them side by
      // side on the two cores.
      let (entries, duplicates) = LedgerIndexes.entryNumbers(of: ledger)
      ledger.indexes = entries
      let limit = max(0, SnapshotReader.problemLimit - problems.count)
      let results = ParallelPair(
        { [ledger] in ledger.crossTableProblems(duplicates: duplicates, limit: limit) },
        { [ledger] in entries.addingGroupings(of: ledger) })
      ledger.indexes = results.second
      problems += results.first.problems.map {
        SnapshotProblem(path: $0.path, line: 0, column: 0, message: $0.message)
      }
      total += results.first.total
    }
    if total > 0 { throw SnapshotError(file: name, problems: problems, totalProblems: total) }
    return ledger
  }

  /// Turns byte offsets into 1-based line:column (columns count characters, not bytes), in one
  /// pass over the file up to the last offset.
  static func locate(_ pending: [SnapshotReader.PendingProblem], in bytes: UnsafeBufferPointer<UInt8>)
    -> [SnapshotProblem]
  {
    let order = pending.indices.sorted { pending[$0].offset < pending[$1].offset }
    var located = [SnapshotProblem?](repeating: nil, count: pending.count)
    var line = 1
    var column = 1
    var index = 0
    for problemIndex in order {
      let target = min(pending[problemIndex].offset, bytes.count)
      while index < target {
        let byte = bytes[index]
        if byte == 0x0A {
          line += 1
          column = 1
        } else if byte & 0xC0 != 0x80 {
          column += 1
        }
        index += 1
      }
      let problem = pending[problemIndex]
      located[problemIndex] = SnapshotProblem(
        path: problem.path, line: line, column: column, message: problem.message)
    }
    return located.compactMap { $0 }
  }

  /// Encodes a ledger as snapshot bytes (deterministic).
  public static func encode(_ ledger: Ledger) -> [UInt8] {
    var output: [UInt8] = []
    var writer = SnapshotWriter { (chunk: UnsafeRawBufferPointer) throws(SnapshotError) in
      output.append(contentsOf: chunk)
    }
    do {
      try writer.write(ledger)
    } catch {
      // Appending to memory cannot fail.
    }
    return output
  }

  /// What a save did besides writing: temporaries of earlier, interrupted saves it removed.
  public struct SaveReport: Sendable {
    public var removedTemporaries: [String] = []
  }

  /// Saves atomically: writes a temporary file in the same folder, flushes it to disk, then
  /// renames it over `path`. On any failure the temporary file is removed and `path` untouched.
  /// A symbolic link is saved through (its target is replaced, in the target's folder); an
  /// existing file keeps its mode and, where permitted, its owner; a file without write
  /// permission for its user is refused unless `overwriteReadOnly`. Temporaries left by a save
  /// that was killed (their process is gone) are removed and named in the report.
  /// With a `cache`, the saved ledger is cached for the new file, so opening it next is fast.
  @discardableResult
  public static func save(
    _ ledger: Ledger, to path: String, overwriteReadOnly: Bool = false, cache: SnapshotCache? = nil
  )
    throws(SnapshotError)
    -> SaveReport
  {
    let report = try save(ledger, to: path, failAfterBytes: nil, overwriteReadOnly: overwriteReadOnly)
    if let cache, let identity = SnapshotIdentity(path: path), identity.size >= cache.minimumSnapshotBytes {
      CacheWrites.shared.start(cache, ledger, identity, wroteIt: true)
    }
    return report
  }

  /// `failAfterBytes` lets tests simulate a disk that fails part-way through a save.
  @discardableResult
  static func save(
    _ ledger: Ledger, to givenPath: String, failAfterBytes: Int?, overwriteReadOnly: Bool = false
  )
    throws(SnapshotError) -> SaveReport
  {
    let path = resolvedTarget(givenPath)
    let folder = FilePaths.folder(of: path)
    let base = FilePaths.name(of: path)
    var info = stat()
    let exists = stat(path, &info) == 0
    if exists && (info.st_mode & S_IFMT) == S_IFDIR {
      throw .file(givenPath, "cannot save: it is a directory")
    }
    if exists && !overwriteReadOnly && !isWritable(path, info) {
      throw .file(
        givenPath,
        "cannot save: the file is read-only (mode \(String(info.st_mode & 0o777, radix: 8))); make it writable, or use --force"
      )
    }
    var report = SaveReport()
    report.removedTemporaries = removeStaleTemporaries(of: base, in: folder)
    let temporary =
      "\(folder)/.\(base).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    // Direct I/O skips the page cache, which on this kind of machine is the slow part of
    // writing a large file; file systems without it (tmpfs) get an ordinary descriptor.
    var descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_DIRECT, 0o644)
    let direct = descriptor >= 0
    if descriptor < 0 && errno == EINVAL {
      descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    }
    if descriptor < 0 { throw .file(givenPath, "cannot save into \(folder): \(errorText())") }
    if exists {
      // The new file takes the old one's mode (a 600 ledger stays private) and, as root or
      // its owner, its owner and group.
      _ = fchmod(descriptor, info.st_mode & 0o7777)
      _ = fchown(descriptor, info.st_uid, info.st_gid)
    }
    var written = 0
    func fail(_ message: String) -> SnapshotError {
      Glibc.close(descriptor)
      unlink(temporary)
      return .file(givenPath, message)
    }
    let chunkSize = 1 << 22
    let file = BackgroundFileWriter(descriptor: descriptor, direct: direct, chunkCapacity: chunkSize + 65_536)
    var writer = SnapshotWriter(chunkSize: chunkSize) {
      (chunk: UnsafeRawBufferPointer) throws(SnapshotError) in
      if let limit = failAfterBytes, written + chunk.count > limit {
        _ = file.finish()
        throw fail("cannot save: simulated write failure")
      }
      if let failure = file.write(chunk) {
        throw fail("cannot save: \(failure)")
      }
      written += chunk.count
    }
    try writer.write(ledger)
    if let failure = file.finish() { throw fail("cannot save: \(failure)") }
    if fsync(descriptor) != 0 { throw fail("cannot save: flushing to disk failed: \(errorText())") }
    if Glibc.close(descriptor) != 0 {
      unlink(temporary)
      throw .file(givenPath, "cannot save: \(errorText())")
    }
    if rename(temporary, path) != 0 {
      let message = errorText()
      unlink(temporary)
      throw .file(givenPath, "cannot save: \(message)")
    }
    // Make the rename itself durable.
    let folderDescriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    if folderDescriptor >= 0 {
      fsync(folderDescriptor)
      Glibc.close(folderDescriptor)
    }
    return report
  }

  /// The file a save writes: the target of a symbolic link (followed to the end), else the
  /// path itself.
  static func resolvedTarget(_ path: String) -> String {
    var info = stat()
    guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK else { return path }
    // A link whose target does not exist yet: resolve the folder, keep the name.
    if let resolved = realpath(path, nil) {
      defer { free(resolved) }
      return String(cString: resolved)
    }
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    let count = readlink(path, &buffer, buffer.count - 1)
    guard count > 0 else { return path }
    let target = String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    if target.hasPrefix("/") { return target }
    return FilePaths.folder(of: path) + "/" + target
  }

  /// Editors' rule: the owner (root included) needs the owner's write bit; anyone else needs
  /// write access.
  static func isWritable(_ path: String, _ info: stat) -> Bool {
    if getuid() == info.st_uid || getuid() == 0 { return info.st_mode & S_IWUSR != 0 }
    return access(path, W_OK) == 0
  }

  /// Removes `.<base>.tmp-<pid>-<n>` files whose process no longer runs: what a save killed
  /// part-way leaves behind. Returns their names.
  static func removeStaleTemporaries(of base: String, in folder: String) -> [String] {
    let prefix = "." + base + ".tmp-"
    var removed: [String] = []
    for name in FilePaths.entries(of: folder) {
      guard name.hasPrefix(prefix) else { continue }
      guard writerIsGone(name.dropFirst(prefix.count)) else { continue }
      if unlink(folder + "/" + name) == 0 { removed.append(name) }
    }
    return removed.sorted()
  }

  /// Whether a temporary named `…tmp-<pid>-<n>` (given `<pid>-<n>`) was left by a process that
  /// no longer runs: another process's write still going on, or this one's, is left alone.
  static func writerIsGone(_ suffix: Substring) -> Bool {
    let rest = suffix.split(separator: "-")
    guard rest.count == 2, let pid = Int32(rest[0]), rest[1].allSatisfy(\.isNumber), pid != getpid() else {
      return false
    }
    return !(kill(pid, 0) == 0 || errno == EPERM)
  }
}

func errorText() -> String {
  String(cString: strerror(errno))
}

/// A read-only memory map of a whole file. Pages already parsed can be dropped, so reading a
/// large snapshot does not hold the whole file resident on top of the ledger built from it.
final class MappedFile: @unchecked Sendable {
  let bytes: UnsafeBufferPointer<UInt8>
  private let base: UnsafeMutableRawPointer?
  private let length: Int

  init(path: String) throws(SnapshotError) {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    if descriptor < 0 {
      throw .file(path, errno == ENOENT ? "no such file" : "cannot open: \(errorText())")
    }
    defer { Glibc.close(descriptor) }
    var info = stat()
    guard fstat(descriptor, &info) == 0 else { throw .file(path, "cannot read: \(errorText())") }
    if (info.st_mode & S_IFMT) == S_IFDIR { throw .file(path, "is a directory, not a snapshot file") }
    length = Int(info.st_size)
    if length == 0 {
      base = nil
      bytes = UnsafeBufferPointer(start: nil, count: 0)
      return
    }
    guard let mapped = mmap(nil, length, PROT_READ, MAP_PRIVATE, descriptor, 0), mapped != MAP_FAILED else {
      throw .file(path, "cannot read: \(errorText())")
    }
    madvise(mapped, length, Int32(MADV_SEQUENTIAL))
    base = mapped
    bytes = UnsafeBufferPointer(start: mapped.assumingMemoryBound(to: UInt8.self), count: length)
  }

  /// Lets the kernel drop the whole pages inside `start..<end`; they are read again if touched.
  /// Thread-safe: two readers release their own ranges.
  func release(from start: Int, to end: Int) {
    guard let base else { return }
    let page = Int(sysconf(Int32(_SC_PAGESIZE)))
    let first = (start + page - 1) / page * page
    let last = end / page * page
    if last > first { madvise(base + first, last - first, Int32(MADV_DONTNEED)) }
  }

  func close() {
    if let base { munmap(base, length) }
  }
}
