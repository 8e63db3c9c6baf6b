/// A key that starts with `x-`, kept verbatim: its name and its value's JSON text.
public struct ExtraField: Hashable, Sendable {
  public var key: String
  public var rawJSON: String
  public init(key: String, rawJSON: String) {
    self.key = key
    self.rawJSON = rawJSON
  }
}

/// One snapshot table stored by column: a million value entries are a few dozen flat arrays
/// rather than a million objects, which keeps loading, scanning and memory use small.
///
/// Every column of a row is always present; an omitted field holds its default.
public struct LedgerTable: Sendable {
  public let schema: TableSchema
  public private(set) var count = 0
  var numbers: [[Int64]]
  var dates: [[Int32]]
  var strings: [[UInt32]]
  var bytes: [[UInt8]]
  /// `x-` keys by row, in the order they were read.
  public internal(set) var extras: [Int: [ExtraField]] = [:]

  /// The value an omitted date holds: before every real date, written as nothing.
  public static let noDate = LedgerDate(ordinal: -2)

  init(schema: TableSchema) {
    self.schema = schema
    numbers = Array(repeating: [], count: schema.slotCounts[.numbers] ?? 0)
    dates = Array(repeating: [], count: schema.slotCounts[.dates] ?? 0)
    strings = Array(repeating: [], count: schema.slotCounts[.strings] ?? 0)
    bytes = Array(repeating: [], count: schema.slotCounts[.bytes] ?? 0)
  }

  public var isEmpty: Bool { count == 0 }
  public var indices: Range<Int> { 0..<count }

  /// Appends a row holding every field's default and returns its index. Non-blank text
  /// defaults are applied by the caller that owns the string pool (`Ledger.appendRow`).
  @discardableResult
  mutating func appendDefaultRow() -> Int {
    for slot in numbers.indices { numbers[slot].append(schema.numberDefaults[slot]) }
    for slot in dates.indices { dates[slot].append(LedgerTable.noDate.ordinal) }
    for slot in strings.indices { strings[slot].append(0) }
    for slot in bytes.indices { bytes[slot].append(schema.byteDefaults[slot]) }
    count += 1
    return count - 1
  }

  /// Appends `rows` default rows at once: the reader grows tables in blocks, so reading a row
  /// does not append to forty arrays one element at a time.
  mutating func appendDefaultRows(_ rows: Int) {
    for slot in numbers.indices {
      numbers[slot].append(contentsOf: repeatElement(schema.numberDefaults[slot], count: rows))
    }
    for slot in dates.indices {
      dates[slot].append(contentsOf: repeatElement(LedgerTable.noDate.ordinal, count: rows))
    }
    for slot in strings.indices { strings[slot].append(contentsOf: repeatElement(0, count: rows)) }
    for slot in bytes.indices {
      bytes[slot].append(contentsOf: repeatElement(schema.byteDefaults[slot], count: rows))
    }
    count += rows
  }

  /// The rows of several tables of one schema, in order, with string ids of one pool; each
  /// part's columns are let go as soon as they are copied.
  static func concatenating(_ parts: inout [LedgerTable], schema: TableSchema) -> LedgerTable {
    var table = LedgerTable(schema: schema)
    let total = parts.reduce(0) { $0 + $1.count }
    func join<T>(_ path: WritableKeyPath<LedgerTable, [[T]]>, _ slot: Int) -> [T] {
      var column: [T] = []
      column.reserveCapacity(total)
      for index in parts.indices {
        column += parts[index][keyPath: path][slot]
        parts[index][keyPath: path][slot] = []
      }
      return column
    }
    for slot in table.numbers.indices { table.numbers[slot] = join(\.numbers, slot) }
    for slot in table.dates.indices { table.dates[slot] = join(\.dates, slot) }
    for slot in table.strings.indices { table.strings[slot] = join(\.strings, slot) }
    for slot in table.bytes.indices { table.bytes[slot] = join(\.bytes, slot) }
    table.count = total
    return table
  }

  /// Sets the row count of columns filled directly (the importer's `ColumnStore`).
  mutating func setCount(_ rows: Int) { count = rows }

  /// Keeps the rows `rows`, in that order, column by column: at any moment one column is held
  /// twice, not the table.
  mutating func gather(_ rows: [Int]) {
    if rows.count == count && rows.indices.allSatisfy({ rows[$0] == $0 }) { return }
    for slot in numbers.indices { numbers[slot] = rows.map { numbers[slot][$0] } }
    for slot in dates.indices { dates[slot] = rows.map { dates[slot][$0] } }
    for slot in strings.indices { strings[slot] = rows.map { strings[slot][$0] } }
    for slot in bytes.indices { bytes[slot] = rows.map { bytes[slot][$0] } }
    var moved: [Int: [ExtraField]] = [:]
    for (index, row) in rows.enumerated() { if let fields = extras[row] { moved[index] = fields } }
    extras = moved
    count = rows.count
  }

  /// Drops rows past `rows` (the unused part of the reader's last block).
  mutating func truncate(to rows: Int) {
    guard rows < count else { return }
    let extra = count - rows
    for slot in numbers.indices { numbers[slot].removeLast(extra) }
    for slot in dates.indices { dates[slot].removeLast(extra) }
    for slot in strings.indices { strings[slot].removeLast(extra) }
    for slot in bytes.indices { bytes[slot].removeLast(extra) }
    count = rows
  }

  /// Appends the rows of another table of the same schema (string ids must share one pool).
  mutating func append(_ other: LedgerTable) {
    for slot in numbers.indices { numbers[slot] += other.numbers[slot] }
    for slot in dates.indices { dates[slot] += other.dates[slot] }
    for slot in strings.indices { strings[slot] += other.strings[slot] }
    for slot in bytes.indices { bytes[slot] += other.bytes[slot] }
    for (row, fields) in other.extras { extras[row + count] = fields }
    count += other.count
  }

  mutating func reserveCapacity(_ rows: Int) {
    for slot in numbers.indices { numbers[slot].reserveCapacity(rows) }
    for slot in dates.indices { dates[slot].reserveCapacity(rows) }
    for slot in strings.indices { strings[slot].reserveCapacity(rows) }
    for slot in bytes.indices { bytes[slot].reserveCapacity(rows) }
  }

  // MARK: Typed access

  public subscript(column: IntColumn, row: Int) -> Int64 {
    get { numbers[column.slot][row] }
    set { numbers[column.slot][row] = newValue }
  }

  public subscript(column: DecimalColumn, row: Int) -> ExactDecimal {
    get { ExactDecimal(units: numbers[column.slot][row]) }
    set { numbers[column.slot][row] = newValue.units }
  }

  public subscript(column: DateColumn, row: Int) -> LedgerDate {
    get { LedgerDate(ordinal: dates[column.slot][row]) }
    set { dates[column.slot][row] = newValue.ordinal }
  }

  public subscript(column: StringColumn, row: Int) -> StringID {
    get { StringID(raw: strings[column.slot][row]) }
    set { strings[column.slot][row] = newValue.raw }
  }

  public subscript(column: BoolColumn, row: Int) -> Bool {
    get { bytes[column.slot][row] != 0 }
    set { bytes[column.slot][row] = newValue ? 1 : 0 }
  }

  public subscript<E: LedgerEnum>(column: EnumColumn<E>, row: Int) -> E {
    get { E.stored(bytes[column.slot][row]) }
    set { bytes[column.slot][row] = newValue.rawValue }
  }

  /// Whole columns, for loops over every row (no per-row bounds on the outer array).
  public func values(_ column: IntColumn) -> [Int64] { numbers[column.slot] }
  public func units(_ column: DecimalColumn) -> [Int64] { numbers[column.slot] }
  public func ordinals(_ column: DateColumn) -> [Int32] { dates[column.slot] }
  public func ids(_ column: StringColumn) -> [UInt32] { strings[column.slot] }
  public func rawBytes<E: LedgerEnum>(_ column: EnumColumn<E>) -> [UInt8] { bytes[column.slot] }
  public func flags(_ column: BoolColumn) -> [UInt8] { bytes[column.slot] }
}
