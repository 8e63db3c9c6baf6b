/// Elements grouped by a row number, flat: the reports look up "the value entries of this item
/// ledger entry" hundreds of thousands of times, and a dictionary of arrays would allocate one
/// array per entry. Elements keep the order they were given in.
struct RowGroups<Element> {
  private var start: [Int32]
  private var elements: [Element]

  /// `pairs`: (row in 0..<rows, element); rows out of range are left out.
  init(rows: Int, _ pairs: [(row: Int, element: Element)]) {
    start = [Int32](repeating: 0, count: rows + 1)
    for pair in pairs where pair.row >= 0 && pair.row < rows { start[pair.row + 1] += 1 }
    for index in stride(from: 1, to: start.count, by: 1) { start[index] += start[index - 1] }
    var next = Array(start.dropLast())
    let total = Int(start.last ?? 0)
    // Every place is written exactly once: the counts above are of the same pairs.
    elements = [Element](unsafeUninitializedCapacity: total) { buffer, initialized in
      if let base = buffer.baseAddress {
        for pair in pairs where pair.row >= 0 && pair.row < rows {
          (base + Int(next[pair.row])).initialize(to: pair.element)
          next[pair.row] += 1
        }
      }
      initialized = total
    }
  }

  /// Sorts the elements of each group that is not in order already.
  mutating func sortEachGroup(by areInIncreasingOrder: (Element, Element) -> Bool) {
    for row in 0..<max(0, start.count - 1) {
      let range = Int(start[row])..<Int(start[row + 1])
      guard range.count > 1 else { continue }
      if zip(elements[range], elements[range].dropFirst()).contains(where: { areInIncreasingOrder($1, $0) }) {
        elements[range].sort(by: areInIncreasingOrder)
      }
    }
  }

  /// The positions of a row's elements (for `self[element:]`): loops over a million rows read
  /// through these without an array slice, and its retain, per row.
  @inline(__always) func indices(of row: Int) -> Range<Int> {
    guard row >= 0 && row + 1 < start.count else { return 0..<0 }
    return Int(start[row])..<Int(start[row + 1])
  }

  @inline(__always) subscript(element index: Int) -> Element { elements[index] }

  subscript(row: Int) -> ArraySlice<Element> {
    guard row >= 0 && row + 1 < start.count else { return [] }
    return elements[Int(start[row])..<Int(start[row + 1])]
  }
}

extension RowGroups where Element == Int32 {
  /// The value entry rows of each item ledger entry row, those `keep` accepts, in entry order.
  static func valueEntries(of ledger: Ledger, where keep: (Int) -> Bool = { _ in true }) -> RowGroups<Int32> {
    let ve = Columns.valueEntry
    var pairs: [(row: Int, element: Int32)] = []
    pairs.reserveCapacity(ledger.valueEntries.count)
    for row in ledger.valueEntries.indices {
      let number = ledger.valueEntries[ve.itemLedgerEntryNo, row]
      guard number != 0, keep(row), let entry = ledger.indexes.itemLedgerEntryByNumber.row(of: number) else {
        continue
      }
      pairs.append((entry, Int32(row)))
    }
    return RowGroups(rows: ledger.itemLedgerEntries.count, pairs)
  }
}
