/// The columns of a table while it is read: plain buffers written by index, so the millions of
/// values of an import pay no copy-on-write check each; turned into a `LedgerTable` (and freed)
/// once the reading is done. Only its `TableBuilder` touches it, on one thread.
final class ColumnStore {
  let schema: TableSchema
  private(set) var capacity = 0
  private(set) var numbers: [UnsafeMutablePointer<Int64>] = []
  private(set) var dates: [UnsafeMutablePointer<Int32>] = []
  private(set) var strings: [UnsafeMutablePointer<UInt32>] = []
  private(set) var bytes: [UnsafeMutablePointer<UInt8>] = []

  init(schema: TableSchema) {
    self.schema = schema
    numbers = (0..<(schema.slotCounts[.numbers] ?? 0)).map { _ in .allocate(capacity: 1) }
    dates = (0..<(schema.slotCounts[.dates] ?? 0)).map { _ in .allocate(capacity: 1) }
    strings = (0..<(schema.slotCounts[.strings] ?? 0)).map { _ in .allocate(capacity: 1) }
    bytes = (0..<(schema.slotCounts[.bytes] ?? 0)).map { _ in .allocate(capacity: 1) }
  }

  deinit { free() }

  private func free() {
    for pointer in numbers { pointer.deallocate() }
    for pointer in dates { pointer.deallocate() }
    for pointer in strings { pointer.deallocate() }
    for pointer in bytes { pointer.deallocate() }
    numbers = []
    dates = []
    strings = []
    bytes = []
    capacity = 0
  }

  /// Room for `rows` rows, the new ones holding the defaults; one column is moved at a time.
  func grow(to rows: Int) {
    guard rows > capacity else { return }
    func moved<T>(_ old: UnsafeMutablePointer<T>, _ fill: T) -> UnsafeMutablePointer<T> {
      let new = UnsafeMutablePointer<T>.allocate(capacity: rows)
      new.moveInitialize(from: old, count: capacity)
      (new + capacity).initialize(repeating: fill, count: rows - capacity)
      old.deallocate()
      return new
    }
    for slot in numbers.indices { numbers[slot] = moved(numbers[slot], schema.numberDefaults[slot]) }
    for slot in dates.indices { dates[slot] = moved(dates[slot], LedgerTable.noDate.ordinal) }
    for slot in strings.indices { strings[slot] = moved(strings[slot], 0) }
    for slot in bytes.indices { bytes[slot] = moved(bytes[slot], schema.byteDefaults[slot]) }
    capacity = rows
  }

  /// Puts a row back to the defaults (a record dropped after it was started).
  func reset(_ row: Int) {
    guard row < capacity else { return }
    for slot in numbers.indices { numbers[slot][row] = schema.numberDefaults[slot] }
    for slot in dates.indices { dates[slot][row] = LedgerTable.noDate.ordinal }
    for slot in strings.indices { strings[slot][row] = 0 }
    for slot in bytes.indices { bytes[slot][row] = schema.byteDefaults[slot] }
  }

  /// Rewrites the string ids of the first `rows` rows.
  func renumberStrings(_ translation: [UInt32], rows: Int) {
    for pointer in strings {
      for row in 0..<min(rows, capacity) { pointer[row] = translation[Int(pointer[row])] }
    }
  }

  /// The first `rows` rows as a snapshot table; the buffers are freed column by column.
  func table(rows: Int) -> LedgerTable {
    var table = LedgerTable(schema: schema)
    let count = min(rows, capacity)
    func take<T>(_ pointer: UnsafeMutablePointer<T>) -> [T] {
      let column = Array(UnsafeBufferPointer(start: pointer, count: count))
      pointer.deallocate()
      return column
    }
    table.numbers = numbers.map(take)
    table.dates = dates.map(take)
    table.strings = strings.map(take)
    table.bytes = bytes.map(take)
    table.setCount(count)
    numbers = []
    dates = []
    strings = []
    bytes = []
    capacity = 0
    return table
  }
}
