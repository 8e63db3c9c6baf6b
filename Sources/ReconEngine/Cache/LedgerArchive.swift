/// One flat array of a ledger as the cache stores it: the column stores, the string pool and the
/// indexes are all arrays of one of four element types, so a ledger is a list of them.
enum ArchiveArray: Sendable {
  case int64([Int64])
  case int32([Int32])
  case uint32([UInt32])
  case bytes([UInt8])

  /// The element type's code in the cache file's table of contents.
  var kind: ArchiveKind {
    switch self {
    case .int64: return .int64
    case .int32: return .int32
    case .uint32: return .uint32
    case .bytes: return .bytes
    }
  }

  func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) -> Result) -> Result {
    switch self {
    case .int64(let values): return values.withUnsafeBytes(body)
    case .int32(let values): return values.withUnsafeBytes(body)
    case .uint32(let values): return values.withUnsafeBytes(body)
    case .bytes(let values): return values.withUnsafeBytes(body)
    }
  }

  var byteCount: Int { withUnsafeBytes { $0.count } }
}

enum ArchiveKind: UInt8, Sendable {
  case int64 = 1, int32, uint32, bytes

  var elementSize: Int {
    switch self {
    case .int64: return 8
    case .int32, .uint32: return 4
    case .bytes: return 1
    }
  }
}

/// Walks every array of a ledger in one fixed order. The same walk writes a ledger (the visitor
/// collects the arrays) and reads one (the visitor replaces each array with the next one read),
/// so the two directions cannot disagree about the order.
protocol LedgerArchiveVisitor {
  var isReading: Bool { get }
  mutating func visit(_ values: inout [Int64]) throws(CacheProblem)
  mutating func visit(_ values: inout [Int32]) throws(CacheProblem)
  mutating func visit(_ values: inout [UInt32]) throws(CacheProblem)
  mutating func visit(_ values: inout [UInt8]) throws(CacheProblem)
}

/// Collects a ledger's arrays for writing (no copies: each holds a reference to the column).
struct ArchiveCollector: LedgerArchiveVisitor {
  private(set) var arrays: [ArchiveArray] = []
  var isReading: Bool { false }
  mutating func visit(_ values: inout [Int64]) { arrays.append(.int64(values)) }
  mutating func visit(_ values: inout [Int32]) { arrays.append(.int32(values)) }
  mutating func visit(_ values: inout [UInt32]) { arrays.append(.uint32(values)) }
  mutating func visit(_ values: inout [UInt8]) { arrays.append(.bytes(values)) }
}

/// Hands out arrays read from a cache file, in order, checking each one's element type.
struct ArchiveDistributor: LedgerArchiveVisitor {
  private var arrays: [ArchiveArray]
  private var next = 0
  var isReading: Bool { true }

  init(_ arrays: [ArchiveArray]) { self.arrays = arrays }

  var isExhausted: Bool { next == arrays.count }

  private mutating func take() throws(CacheProblem) -> ArchiveArray {
    guard next < arrays.count else { throw CacheProblem("fewer arrays than the ledger has") }
    let array = arrays[next]
    arrays[next] = .bytes([])  // the caller holds the only reference from here on
    next += 1
    return array
  }

  mutating func visit(_ values: inout [Int64]) throws(CacheProblem) {
    guard case .int64(let read) = try take() else { throw CacheProblem("array \(next - 1): not 64-bit") }
    values = read
  }
  mutating func visit(_ values: inout [Int32]) throws(CacheProblem) {
    guard case .int32(let read) = try take() else { throw CacheProblem("array \(next - 1): not 32-bit") }
    values = read
  }
  mutating func visit(_ values: inout [UInt32]) throws(CacheProblem) {
    guard case .uint32(let read) = try take() else { throw CacheProblem("array \(next - 1): not ids") }
    values = read
  }
  mutating func visit(_ values: inout [UInt8]) throws(CacheProblem) {
    guard case .bytes(let read) = try take() else { throw CacheProblem("array \(next - 1): not bytes") }
    values = read
  }
}

extension Ledger {
  /// Every table the cache stores, the two one-row tables first.
  static var archivedTables: [WritableKeyPath<Ledger, LedgerTable>] { [\.company, \.setup] + arrayTables }

  /// Visits the string pool, every table, the top-level `x-` keys and the indexes. When reading,
  /// the result is checked so that no id, row number or offset points outside what it indexes:
  /// a ledger from the cache is as safe to use as one read from JSON.
  mutating func archive<Visitor: LedgerArchiveVisitor>(_ visitor: inout Visitor) throws(CacheProblem) {
    try strings.archive(&visitor)
    for table in Ledger.archivedTables { try self[keyPath: table].archive(&visitor) }
    var extrasBytes = visitor.isReading ? [] : ExtraFieldCodec.encode([0: extras])
    try visitor.visit(&extrasBytes)
    if visitor.isReading { extras = try ExtraFieldCodec.decode(extrasBytes, rows: 1)[0] ?? [] }
    try indexes.archive(&visitor)
    if visitor.isReading { try checkArchived() }
  }

  private func checkArchived() throws(CacheProblem) {
    guard company.count == 1, setup.count == 1 else { throw CacheProblem("company or setup is not one row") }
    let poolCount = UInt32(strings.count)
    for table in Ledger.archivedTables {
      for column in self[keyPath: table].strings where column.contains(where: { $0 >= poolCount }) {
        throw CacheProblem("\(self[keyPath: table].schema.name): a string id outside the pool")
      }
    }
    try indexes.check(
      itemLedgerEntries: itemLedgerEntries.count, valueEntries: valueEntries.count,
      glEntries: glEntries.count,
      strings: strings.count)
  }
}

extension LedgerTable {
  mutating func archive<Visitor: LedgerArchiveVisitor>(_ visitor: inout Visitor) throws(CacheProblem) {
    var rowCount = [Int64(count)]
    try visitor.visit(&rowCount)
    for slot in numbers.indices { try visitor.visit(&numbers[slot]) }
    for slot in dates.indices { try visitor.visit(&dates[slot]) }
    for slot in strings.indices { try visitor.visit(&strings[slot]) }
    for slot in bytes.indices { try visitor.visit(&bytes[slot]) }
    var extrasBytes = visitor.isReading ? [] : ExtraFieldCodec.encode(extras)
    try visitor.visit(&extrasBytes)
    guard visitor.isReading else { return }
    guard rowCount.count == 1, rowCount[0] >= 0, rowCount[0] <= Int64(Int32.max) else {
      throw CacheProblem("\(schema.name): bad row count")
    }
    let rows = Int(rowCount[0])
    let lengths = numbers.map(\.count) + dates.map(\.count) + strings.map(\.count) + bytes.map(\.count)
    guard lengths.allSatisfy({ $0 == rows }) else {
      throw CacheProblem("\(schema.name): a column of another length")
    }
    setCount(rows)
    extras = try ExtraFieldCodec.decode(extrasBytes, rows: rows)
  }
}

extension StringPool {
  mutating func archive<Visitor: LedgerArchiveVisitor>(_ visitor: inout Visitor) throws(CacheProblem) {
    try visitor.visit(&arena)
    try visitor.visit(&offsets)
    try visitor.visit(&slots)
    try visitor.visit(&hashes)
    guard visitor.isReading else { return }
    // The shape `intern` and `find` rely on: offsets rising from 0 to the arena's end, one hash
    // per string, a power-of-two slot table at most half full of valid ids.
    let strings = offsets.count - 1
    guard strings >= 1, offsets[0] == 0, offsets[1] == 0, Int(offsets[strings]) == arena.count,
      hashes.count == strings, slots.count >= 2, slots.count & (slots.count - 1) == 0,
      strings * 2 <= slots.count
    else { throw CacheProblem("string pool: inconsistent sizes") }
    for index in 1..<offsets.count where offsets[index] < offsets[index - 1] {
      throw CacheProblem("string pool: offsets go backwards")
    }
    // Every id but the blank one in exactly one slot (so a probe always ends at an empty one),
    // and every hash the hash of its string (so a look-up finds what `intern` put there).
    var seen = [Bool](repeating: false, count: strings)
    for slot in slots where slot != 0 {
      let id = Int(slot) - 1
      guard id >= 1, id < strings, !seen[id] else { throw CacheProblem("string pool: a slot out of place") }
      seen[id] = true
    }
    guard seen.dropFirst().allSatisfy({ $0 }) else { throw CacheProblem("string pool: an id in no slot") }
    try arena.withUnsafeBufferPointer { (bytes) throws(CacheProblem) in
      for id in 1..<strings
      where StringPool.hash(bytes, from: Int(offsets[id]), to: Int(offsets[id + 1])) != hashes[id] {
        throw CacheProblem("string pool: hash of string \(id) does not match")
      }
    }
  }
}

extension LedgerIndexes {
  mutating func archive<Visitor: LedgerArchiveVisitor>(_ visitor: inout Visitor) throws(CacheProblem) {
    try itemLedgerEntryByNumber.archive(&visitor)
    try valueEntryByNumber.archive(&visitor)
    try glEntryByNumber.archive(&visitor)
    try valueEntriesByItem.archive(&visitor)
    try visitor.visit(&valueEntriesByPostingDate)
    try glEntriesOfValueEntry.archive(&visitor)
    try valueEntriesOfGLEntry.archive(&visitor)
  }

  /// Every row an index hands out lies inside its table (a relation's missing side is -1).
  func check(itemLedgerEntries: Int, valueEntries: Int, glEntries: Int, strings: Int) throws(CacheProblem) {
    try itemLedgerEntryByNumber.check(rows: itemLedgerEntries)
    try valueEntryByNumber.check(rows: valueEntries)
    try glEntryByNumber.check(rows: glEntries)
    try valueEntriesByItem.check(keys: strings, rows: valueEntries, allowMissing: false)
    guard valueEntriesByPostingDate.count == valueEntries,
      !valueEntriesByPostingDate.contains(where: { $0 < 0 || Int($0) >= valueEntries })
    else { throw CacheProblem("index by posting date: rows outside the table") }
    try glEntriesOfValueEntry.check(keys: valueEntries + 1, rows: glEntries, allowMissing: true)
    try valueEntriesOfGLEntry.check(keys: glEntries + 1, rows: valueEntries, allowMissing: true)
  }
}

extension EntryNumberIndex {
  mutating func archive<Visitor: LedgerArchiveVisitor>(_ visitor: inout Visitor) throws(CacheProblem) {
    var flag: [UInt8] = [isDense ? 1 : 0]
    var keys = visitor.isReading ? [] : Array(sparse.keys)
    var values = visitor.isReading ? [] : keys.map { sparse[$0] ?? -1 }
    try visitor.visit(&flag)
    try visitor.visit(&dense)
    try visitor.visit(&keys)
    try visitor.visit(&values)
    guard visitor.isReading else { return }
    guard flag.count == 1, flag[0] <= 1, keys.count == values.count else {
      throw CacheProblem("entry number index: bad shape")
    }
    isDense = flag[0] == 1
    sparse = Dictionary(zip(keys, values), uniquingKeysWith: { first, _ in first })
  }

  func check(rows: Int) throws(CacheProblem) {
    let outside: (Int32) -> Bool = { $0 < -1 || Int($0) >= rows }
    if dense.contains(where: outside) || sparse.values.contains(where: outside) {
      throw CacheProblem("entry number index: rows outside the table")
    }
  }
}

extension GroupedRows {
  mutating func archive<Visitor: LedgerArchiveVisitor>(_ visitor: inout Visitor) throws(CacheProblem) {
    try visitor.visit(&starts)
    try visitor.visit(&self.rows)
  }

  /// Starts rise from 0 to the member count, at most one per key plus one (a pool that grew after
  /// the grouping was built has keys the grouping does not know: `rows(of:)` answers [] for
  /// them); members are rows in range.
  func check(keys: Int, rows rowCount: Int, allowMissing: Bool) throws(CacheProblem) {
    guard !starts.isEmpty, starts.count <= keys + 1, starts[0] == 0,
      Int(starts[starts.count - 1]) == self.rows.count
    else { throw CacheProblem("grouping: bad starts") }
    for index in 1..<starts.count where starts[index] < starts[index - 1] {
      throw CacheProblem("grouping: starts go backwards")
    }
    let lowest: Int32 = allowMissing ? -1 : 0
    if self.rows.contains(where: { $0 < lowest || Int($0) >= rowCount }) {
      throw CacheProblem("grouping: rows outside the table")
    }
  }
}

/// The `x-` keys of a table by row, as bytes: row, field count, then key and raw JSON per field.
enum ExtraFieldCodec {
  static func encode(_ extras: [Int: [ExtraField]]) -> [UInt8] {
    var writer = ByteWriter()
    writer.int(extras.count)
    for row in extras.keys.sorted() {
      let fields = extras[row] ?? []
      writer.int(row)
      writer.int(fields.count)
      for field in fields {
        writer.string(field.key)
        writer.string(field.rawJSON)
      }
    }
    return writer.bytes
  }

  static func decode(_ bytes: [UInt8], rows: Int) throws(CacheProblem) -> [Int: [ExtraField]] {
    var reader = ByteReader(bytes)
    var extras: [Int: [ExtraField]] = [:]
    let count = try reader.int(atMost: bytes.count)
    for _ in 0..<count {
      let row = try reader.int(atMost: rows - 1)
      let fieldCount = try reader.int(atMost: bytes.count)
      var fields: [ExtraField] = []
      for _ in 0..<fieldCount {
        let key = try reader.string()
        fields.append(ExtraField(key: key, rawJSON: try reader.string()))
      }
      extras[row] = fields
    }
    guard reader.isAtEnd else { throw CacheProblem("x- keys: bytes past the end") }
    return extras
  }
}
