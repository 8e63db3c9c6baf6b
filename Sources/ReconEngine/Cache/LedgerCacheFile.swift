import Dispatch

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The binary form of a loaded ledger: its column arrays as they lie in memory, so a re-open is
/// a few large reads instead of parsing JSON.
///
/// Layout: 8 bytes magic (`RBLEDGR` and the layout version), the header's length and its
/// checksum (8 bytes each), the header, then the arrays, each starting at a multiple of 64.
/// The header holds the program version, the fingerprint of every table schema, the snapshot's
/// identity and a table of contents (element type, offset, length and checksum per array).
/// Nothing in the file is trusted before its checksum matches.
enum LedgerCacheFile {
  static let magic: [UInt8] = Array("RBLEDGR".utf8) + [1]
  static let prefixLength = 24
  static let alignment = 64
  static let archiveLayout = 1

  struct Header {
    var version: String
    var schemaFingerprint: UInt64
    var identity: SnapshotIdentity
    var arrays: [(kind: ArchiveKind, offset: Int, byteCount: Int, checksum: UInt64)]
    var fileSize: Int
  }

  /// Every table's name, fields, kinds, captions and slots: a cache written by a build with other
  /// schemas is never read as this build's columns.
  static let schemaFingerprint: UInt64 = {
    var writer = ByteWriter()
    // The archive's own layout, and how the pool hashes (its slots are stored, not rebuilt):
    // bump `archiveLayout` with any change to what `Ledger.archive` visits or how.
    writer.int(archiveLayout)
    let probe = Array("ReconBench 1000 RESALE".utf8)
    writer.u64(UInt64(probe.withUnsafeBufferPointer { StringPool.hash($0, from: 0, to: probe.count) }))
    for table in Ledger.archivedTables {
      let schema = Ledger()[keyPath: table].schema
      writer.string(schema.name)
      for field in schema.fields {
        writer.string(field.name)
        writer.string("\(field.kind)")
        writer.int(field.slot)
      }
    }
    return writer.bytes.withUnsafeBytes { FastChecksum.of($0) }
  }()

  // MARK: Writing

  /// Writes `ledger` to `path` (a temporary name the caller renames). Throws on any failure;
  /// the caller removes the partial file. `stillWanted` is asked before each array: a write a
  /// newer one for the same snapshot superseded stops there instead of writing on for seconds.
  static func write(
    _ ledger: Ledger, identity: SnapshotIdentity, to path: String, stillWanted: () -> Bool = { true }
  ) throws(CacheProblem) {
    var collector = ArchiveCollector()
    var copy = ledger
    try copy.archive(&collector)
    let arrays = collector.arrays
    let checksums = checksumsInParallel(arrays)
    // The header's length depends on nothing but the number of arrays, so the offsets can be
    // worked out before it is written.
    func header(offsets: [Int], fileSize: Int) -> [UInt8] {
      var writer = ByteWriter()
      writer.string(ReconEngineVersion.current)
      writer.u64(schemaFingerprint)
      identity.write(to: &writer)
      writer.int(arrays.count)
      for (index, array) in arrays.enumerated() {
        writer.u64(UInt64(array.kind.rawValue))
        writer.int(offsets[index])
        writer.int(array.byteCount)
        writer.u64(checksums[index])
      }
      writer.int(fileSize)
      return writer.bytes
    }
    let headerLength = header(offsets: arrays.map { _ in 0 }, fileSize: 0).count
    var offsets: [Int] = []
    var end = aligned(prefixLength + headerLength)
    for array in arrays {
      offsets.append(end)
      end = aligned(end + array.byteCount)
    }
    let headerBytes = header(offsets: offsets, fileSize: end)
    var prefix = ByteWriter()
    prefix.u64(0)
    prefix.int(headerBytes.count)
    prefix.u64(headerBytes.withUnsafeBytes { FastChecksum.of($0) })
    var start = prefix.bytes
    start.replaceSubrange(0..<8, with: magic)

    // Direct I/O, as for saving snapshots: on this kind of machine the page cache is the slow
    // part of writing a few hundred megabytes.
    var descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_DIRECT, 0o600)
    let direct = descriptor >= 0
    if descriptor < 0 && errno == EINVAL {
      descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
    }
    guard descriptor >= 0 else { throw CacheProblem("cannot create \(path): \(errorText())") }
    defer { close(descriptor) }
    var output = SequentialOutput(descriptor: descriptor, direct: direct)
    defer { output.release() }
    try output.append(start + headerBytes)
    for (index, array) in arrays.enumerated() {
      guard stillWanted() else { throw CacheProblem.superseded }
      try output.pad(to: offsets[index])
      try array.withUnsafeBytes { bytes in
        Result { () throws(CacheProblem) in try output.append(bytes) }
      }.get()
    }
    try output.pad(to: end)
    try output.finish()
    if ftruncate(descriptor, off_t(end)) != 0 { throw CacheProblem("cannot size \(path): \(errorText())") }
  }

  static func aligned(_ offset: Int) -> Int { (offset + alignment - 1) / alignment * alignment }

  private static func checksumsInParallel(_ arrays: [ArchiveArray]) -> [UInt64] {
    let results = ResultSlots<UInt64>(count: arrays.count)
    let halves = splitBySize(arrays.map(\.byteCount))
    DispatchQueue.concurrentPerform(iterations: 2) { half in
      for index in halves[half] { results[index] = arrays[index].withUnsafeBytes { FastChecksum.of($0) } }
    }
    return results.values
  }

  /// Two lists of indices whose byte counts are about equal (largest first, each to the lighter
  /// side), so two threads finish together.
  static func splitBySize(_ sizes: [Int]) -> [[Int]] {
    var halves: [[Int]] = [[], []]
    var loads = [0, 0]
    for index in sizes.indices.sorted(by: { sizes[$0] > sizes[$1] }) {
      let side = loads[0] <= loads[1] ? 0 : 1
      halves[side].append(index)
      loads[side] += sizes[index]
    }
    return halves
  }

  // MARK: Reading

  /// The header of the cache file open as `descriptor`, checked against its own checksum and the
  /// file's size.
  static func readHeader(_ descriptor: Int32) throws(CacheProblem) -> Header {
    var info = stat()
    guard fstat(descriptor, &info) == 0 else { throw CacheProblem("cannot stat: \(errorText())") }
    let fileSize = Int(info.st_size)
    let prefix = try readBytes(descriptor, count: prefixLength, at: 0)
    guard Array(prefix[0..<8]) == magic else { throw CacheProblem("not a ledger cache of this layout") }
    var prefixReader = ByteReader(Array(prefix[8...]))
    let headerLength = try prefixReader.int(atMost: min(fileSize, 64 << 20))
    let headerChecksum = try prefixReader.u64()
    let bytes = try readBytes(descriptor, count: headerLength, at: prefixLength)
    guard bytes.withUnsafeBytes({ FastChecksum.of($0) }) == headerChecksum else {
      throw CacheProblem("header checksum mismatch")
    }
    var reader = ByteReader(bytes)
    let version = try reader.string()
    let fingerprint = try reader.u64()
    let identity = try SnapshotIdentity(from: &reader)
    let count = try reader.int(atMost: 1 << 20)
    var arrays: [(kind: ArchiveKind, offset: Int, byteCount: Int, checksum: UInt64)] = []
    for _ in 0..<count {
      guard let kind = ArchiveKind(rawValue: UInt8(truncatingIfNeeded: try reader.u64())) else {
        throw CacheProblem("unknown array type")
      }
      let offset = try reader.int(atMost: fileSize)
      let byteCount = try reader.int(atMost: fileSize - offset)
      guard byteCount % kind.elementSize == 0 else { throw CacheProblem("array length not whole elements") }
      arrays.append((kind, offset, byteCount, try reader.u64()))
    }
    let recordedSize = try reader.int(atMost: Int.max)
    guard recordedSize == fileSize else {
      throw CacheProblem("file is \(fileSize) bytes, not \(recordedSize)")
    }
    return Header(
      version: version, schemaFingerprint: fingerprint, identity: identity, arrays: arrays, fileSize: fileSize
    )
  }

  /// Reads every array of `header` (on two threads, each verified against its checksum) and
  /// puts the ledger together.
  static func readLedger(_ descriptor: Int32, _ header: Header) throws(CacheProblem) -> Ledger {
    let arrays = header.arrays
    let results = ResultSlots<Result<ArchiveArray, CacheProblem>>(count: arrays.count)
    let halves = splitBySize(arrays.map(\.byteCount))
    DispatchQueue.concurrentPerform(iterations: 2) { half in
      for index in halves[half] {
        let entry = arrays[index]
        results[index] = Result { () throws(CacheProblem) in
          let array = try readArray(descriptor, entry.kind, count: entry.byteCount, at: entry.offset)
          guard array.withUnsafeBytes({ FastChecksum.of($0) }) == entry.checksum else {
            throw CacheProblem("array \(index) checksum mismatch")
          }
          return array
        }
      }
    }
    var read: [ArchiveArray] = []
    read.reserveCapacity(arrays.count)
    for index in arrays.indices {
      guard let result = results.take(index) else { throw CacheProblem("array \(index) not read") }
      read.append(try result.get())
    }
    var distributor = ArchiveDistributor(read)
    var ledger = Ledger()
    try ledger.archive(&distributor)
    guard distributor.isExhausted else { throw CacheProblem("more arrays than the ledger has") }
    return ledger
  }

  private static func readArray(
    _ descriptor: Int32, _ kind: ArchiveKind, count byteCount: Int, at offset: Int
  )
    throws(CacheProblem) -> ArchiveArray
  {
    let elements = byteCount / kind.elementSize
    switch kind {
    case .int64: return .int64(try readElements(descriptor, Int64.self, elements, at: offset))
    case .int32: return .int32(try readElements(descriptor, Int32.self, elements, at: offset))
    case .uint32: return .uint32(try readElements(descriptor, UInt32.self, elements, at: offset))
    case .bytes: return .bytes(try readElements(descriptor, UInt8.self, elements, at: offset))
    }
  }

  private static func readBytes(_ descriptor: Int32, count: Int, at offset: Int) throws(CacheProblem)
    -> [UInt8]
  {
    try readElements(descriptor, UInt8.self, count, at: offset)
  }

  /// `count` elements read straight into a new array's storage: one copy, from the page cache.
  private static func readElements<Element: BitwiseCopyable>(
    _ descriptor: Int32, _ type: Element.Type, _ count: Int, at offset: Int
  ) throws(CacheProblem) -> [Element] {
    var failure: CacheProblem?
    let array = [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
      let raw = UnsafeMutableRawBufferPointer(buffer)
      LargeAllocation.adviseHugePages(raw)
      var done = 0
      while done < raw.count, let base = raw.baseAddress {
        let got = pread(descriptor, base + done, min(raw.count - done, 1 << 30), off_t(offset + done))
        if got < 0 && errno == EINTR { continue }
        if got <= 0 {
          failure = CacheProblem(got == 0 ? "file ends early" : "cannot read: \(errorText())")
          break
        }
        done += got
      }
      if failure != nil { raw.initializeMemory(as: UInt8.self, repeating: 0) }
      initialized = count
    }
    if let failure { throw failure }
    return array
  }
}

/// The cache file written front to back through whole 4 MiB chunks (a background thread writes
/// one while the next is filled), so every write but the last is aligned for direct I/O; the last
/// is padded to a block and the file truncated to its length afterwards.
struct SequentialOutput {
  static let chunk = 4 << 20
  private let file: BackgroundFileWriter
  private let staging = UnsafeMutableRawPointer.allocate(byteCount: chunk, alignment: OutputBuffer.alignment)
  private var filled = 0
  private(set) var written = 0

  init(descriptor: Int32, direct: Bool) {
    file = BackgroundFileWriter(descriptor: descriptor, direct: direct, chunkCapacity: SequentialOutput.chunk)
  }

  func release() {
    _ = file.finish()
    staging.deallocate()
  }

  var position: Int { written + filled }

  mutating func append(_ bytes: [UInt8]) throws(CacheProblem) {
    try bytes.withUnsafeBytes { raw in Result { () throws(CacheProblem) in try append(raw) } }.get()
  }

  mutating func append(_ bytes: UnsafeRawBufferPointer) throws(CacheProblem) {
    var offset = 0
    while offset < bytes.count, let source = bytes.baseAddress {
      let length = min(SequentialOutput.chunk - filled, bytes.count - offset)
      (staging + filled).copyMemory(from: source + offset, byteCount: length)
      filled += length
      offset += length
      if filled == SequentialOutput.chunk { try flush(filled) }
    }
  }

  /// Zeros up to `offset`.
  mutating func pad(to offset: Int) throws(CacheProblem) {
    while position < offset {
      let length = min(SequentialOutput.chunk - filled, offset - position)
      (staging + filled).initializeMemory(as: UInt8.self, repeating: 0, count: length)
      filled += length
      if filled == SequentialOutput.chunk { try flush(filled) }
    }
  }

  mutating func finish() throws(CacheProblem) {
    let blocks = (filled + OutputBuffer.alignment - 1) / OutputBuffer.alignment * OutputBuffer.alignment
    (staging + filled).initializeMemory(as: UInt8.self, repeating: 0, count: blocks - filled)
    if blocks > 0 { try flush(blocks) }
    if let failure = file.finish() { throw CacheProblem("cannot write the cache: \(failure)") }
  }

  private mutating func flush(_ length: Int) throws(CacheProblem) {
    if let failure = file.write(UnsafeRawBufferPointer(start: staging, count: length)) {
      throw CacheProblem("cannot write the cache: \(failure)")
    }
    written += filled
    filled = 0
  }
}

/// Result slots that each of two threads fills for its own indices; read after both finished.
/// Raw storage, not an array property: two threads modifying one stored array would be
/// overlapping accesses to it even at different indices.
final class ResultSlots<Value>: @unchecked Sendable {
  private let slots: UnsafeMutableBufferPointer<Value?>
  init(count: Int) {
    slots = .allocate(capacity: count)
    slots.initialize(repeating: nil)
  }
  deinit {
    slots.deinitialize()
    slots.deallocate()
  }
  subscript(index: Int) -> Value? {
    get { slots[index] }
    set { slots[index] = newValue }
  }
  var values: [Value] { slots.compactMap { $0 } }
  func take(_ index: Int) -> Value? {
    let value = slots[index]
    slots[index] = nil
    return value
  }
}

/// Transparent huge pages for large fresh buffers where the kernel offers them on request
/// (`madvise` mode): filling a few hundred megabytes then takes a fault per 2 MiB, not per 4 KiB.
enum LargeAllocation {
  static func adviseHugePages(_ buffer: UnsafeMutableRawBufferPointer) {
    #if os(Linux)
      let huge = 2 << 20
      guard buffer.count >= 2 * huge, let base = buffer.baseAddress else { return }
      let start = (Int(bitPattern: base) + huge - 1) / huge * huge
      let end = (Int(bitPattern: base) + buffer.count) / huge * huge
      guard end > start, let pointer = UnsafeMutableRawPointer(bitPattern: start) else { return }
      madvise(pointer, end - start, Int32(MADV_HUGEPAGE))
    #endif
  }
}
