import Synchronization

/// Maps entry numbers to row positions. Entry numbers are usually dense (1…n), so a flat array
/// indexed by number is the common case; sparse numbering falls back to a dictionary.
public struct EntryNumberIndex: Sendable {
  // Internal, not private: the ledger cache stores and checks them (`Cache/LedgerArchive.swift`).
  var dense: [Int32] = []
  var sparse: [Int64: Int32] = [:]
  var isDense = true

  public init() {}

  /// Builds the index; `duplicates` receives the rows whose number was already taken.
  init(numbers: [Int64], duplicates: inout [Int]) {
    let maximum = numbers.max() ?? 0
    isDense = maximum <= Int64(numbers.count) * 2 + 1024
    if isDense {
      dense = [Int32](repeating: -1, count: Int(max(maximum, 0)) + 1)
      for (row, number) in numbers.enumerated() where number >= 0 {
        if dense[Int(number)] >= 0 {
          duplicates.append(row)
        } else {
          dense[Int(number)] = Int32(row)
        }
      }
    } else {
      sparse.reserveCapacity(numbers.count)
      for (row, number) in numbers.enumerated() {
        if sparse.updateValue(Int32(row), forKey: number) != nil {
          duplicates.append(row)
          if let first = numbers.firstIndex(of: number) { sparse[number] = Int32(first) }
        }
      }
    }
  }

  /// The row holding `number`, or nil.
  @inlinable public func row(of number: Int64) -> Int? {
    rowImpl(number)
  }

  @usableFromInline func rowImpl(_ number: Int64) -> Int? {
    if isDense {
      guard number >= 0, number < Int64(dense.count) else { return nil }
      let row = dense[Int(number)]
      return row >= 0 ? Int(row) : nil
    }
    return sparse[number].map(Int.init)
  }
}

/// Rows grouped by a key, stored flat: the rows of key k are `rows[starts[k]..<starts[k+1]]`.
public struct GroupedRows: Sendable {
  public internal(set) var starts: [Int32] = [0]
  public internal(set) var rows: [Int32] = []

  public init() {}

  /// Groups `count` rows by `key(row)` in 0..<keyCount, keeping row order inside a group.
  init(keyCount: Int, count: Int, key: (Int) -> Int) {
    var sizes = [Int32](repeating: 0, count: keyCount + 1)
    for row in 0..<count { sizes[key(row) + 1] += 1 }
    for index in 1..<sizes.count { sizes[index] += sizes[index - 1] }
    starts = sizes
    var next = sizes
    rows = [Int32](repeating: 0, count: count)
    for row in 0..<count {
      let group = key(row)
      rows[Int(next[group])] = Int32(row)
      next[group] += 1
    }
  }

  public func rows(of key: Int) -> ArraySlice<Int32> { rows[positions(of: key)] }

  /// Where a key's rows lie in `rows` (empty for a key out of range): a loop over a million
  /// keys reads `rows[i]` through these without an array slice, and its retain, per key.
  @inline(__always) public func positions(of key: Int) -> Range<Int> {
    guard key >= 0, key + 1 < starts.count else { return 0..<0 }
    return Int(starts[key])..<Int(starts[key + 1])
  }
}

/// The lookups built once after a load (and after posting), so no later stage scans a ledger
/// to find one entry.
public struct LedgerIndexes: Sendable {
  public var itemLedgerEntryByNumber = EntryNumberIndex()
  public var valueEntryByNumber = EntryNumberIndex()
  public var glEntryByNumber = EntryNumberIndex()
  /// Value entry rows per item, keyed by the item number's string id.
  public var valueEntriesByItem = GroupedRows()
  /// Value entry rows sorted by posting date (stable: equal dates keep entry order).
  public var valueEntriesByPostingDate: [Int32] = []
  /// Relation targets: for each value entry row, the G/L entry rows it was posted to.
  public var glEntriesOfValueEntry = GroupedRows()
  /// For each G/L entry row, the value entry rows behind it.
  public var valueEntriesOfGLEntry = GroupedRows()
  /// Figures of the whole ledger worked out on first use (fresh with every rebuild).
  let memo = LedgerMemo()

  public init() {}
}

/// Values that depend on the ledger alone, not on the filters, computed once per set of indexes:
/// the matrix asks for them on every filter change.
final class LedgerMemo: Sendable {
  private let allTime = Mutex<ExactDecimal??>(nil)

  /// The value, computing it with `make` the first time.
  func allTimeInventory(_ make: () -> ExactDecimal?) -> ExactDecimal? {
    allTime.withLock { known in
      if let known { return known }
      let value = make()
      known = .some(value)
      return value
    }
  }
}

/// Row numbers that share an entry number with an earlier row, per table.
struct DuplicateEntryRows {
  var itemLedgerEntries: [Int] = []
  var valueEntries: [Int] = []
  var glEntries: [Int] = []
}

extension LedgerIndexes {
  /// The entry-number indexes, which everything else (validation included) needs first, and
  /// the rows whose entry number was already taken.
  static func entryNumbers(of ledger: Ledger) -> (LedgerIndexes, DuplicateEntryRows) {
    var duplicates = DuplicateEntryRows()
    var built = LedgerIndexes()
    built.itemLedgerEntryByNumber = EntryNumberIndex(
      numbers: ledger.itemLedgerEntries.values(Columns.itemLedgerEntry.entryNo),
      duplicates: &duplicates.itemLedgerEntries)
    built.valueEntryByNumber = EntryNumberIndex(
      numbers: ledger.valueEntries.values(Columns.valueEntry.entryNo), duplicates: &duplicates.valueEntries)
    built.glEntryByNumber = EntryNumberIndex(
      numbers: ledger.glEntries.values(Columns.glEntry.entryNo), duplicates: &duplicates.glEntries)
    return (built, duplicates)
  }

  /// Adds the groupings (value entries by item and by date, relations both ways) to indexes
  /// that already hold the entry numbers.
  func addingGroupings(of ledger: Ledger) -> LedgerIndexes {
    var built = self
    let ve = Columns.valueEntry, rel = Columns.glItemLedgerRelation
    let valueEntries = ledger.valueEntries
    let itemIDs = valueEntries.ids(ve.itemNo)
    built.valueEntriesByItem = GroupedRows(keyCount: ledger.strings.count, count: valueEntries.count) {
      Int(itemIDs[$0])
    }

    let dates = valueEntries.ordinals(ve.postingDate)
    var byDate = (0..<Int32(valueEntries.count)).map { $0 }
    if zip(dates, dates.dropFirst()).contains(where: { $0 > $1 }) {
      byDate.sort { dates[Int($0)] != dates[Int($1)] ? dates[Int($0)] < dates[Int($1)] : $0 < $1 }
    }
    built.valueEntriesByPostingDate = byDate

    // Relations resolved to rows once; a dangling relation (reported by validation) is grouped
    // under a sentinel key past the last real row.
    let relationGL = ledger.glItemLedgerRelations.values(rel.glEntryNo)
    let relationVE = ledger.glItemLedgerRelations.values(rel.valueEntryNo)
    let valueEntryCount = valueEntries.count
    let glEntryCount = ledger.glEntries.count
    var glRows = [Int32](repeating: Int32(glEntryCount), count: relationGL.count)
    var veRows = [Int32](repeating: Int32(valueEntryCount), count: relationGL.count)
    for index in relationGL.indices {
      if let row = valueEntryByNumber.row(of: relationVE[index]) { veRows[index] = Int32(row) }
      if let row = glEntryByNumber.row(of: relationGL[index]) { glRows[index] = Int32(row) }
    }
    built.glEntriesOfValueEntry = GroupedRows(keyCount: valueEntryCount + 1, count: relationGL.count) {
      Int(veRows[$0])
    }.mapped { glRows[$0] < glEntryCount ? Int(glRows[$0]) : -1 }
    built.valueEntriesOfGLEntry = GroupedRows(keyCount: glEntryCount + 1, count: relationGL.count) {
      Int(glRows[$0])
    }.mapped { veRows[$0] < valueEntryCount ? Int(veRows[$0]) : -1 }
    return built
  }
}

extension Ledger {
  /// Rebuilds every index after the tables changed (posting, generating).
  public mutating func rebuildIndexes() {
    let (entries, _) = LedgerIndexes.entryNumbers(of: self)
    indexes = entries.addingGroupings(of: self)
  }
}

extension GroupedRows {
  /// The same grouping with each member replaced (relation row → entry row).
  func mapped(_ transform: (Int) -> Int) -> GroupedRows {
    var copy = self
    copy.rows = rows.map { Int32(transform(Int($0))) }
    return copy
  }
}
