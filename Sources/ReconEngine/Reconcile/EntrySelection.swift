/// The value entries a reconciliation looks at (§3.2 step 2): posting date in the date filter,
/// item in the item filter and an inventory item (or no item record), location in the location
/// filter. Rows are visited in entry order, touching the columns sequentially, which is what
/// keeps a million entries within a few milliseconds.
struct EntrySelection {
  /// The included items, sorted by number; a row's slot is its item's index here.
  let items: [StringID]
  private let slotOfItem: [Int32]
  private let allowedLocations: [Bool]?
  private let ledger: Ledger
  private let dates: DateRange

  init(_ ledger: Ledger, _ filters: ReconciliationFilters, onlyItems: Set<StringID>? = nil) {
    self.ledger = ledger
    dates = filters.dates
    var included = Reconciliation.includedItems(ledger, filters)
    if let onlyItems { included = included.filter { onlyItems.contains($0) } }
    items = included
    var slots = [Int32](repeating: -1, count: ledger.strings.count)
    for (slot, item) in included.enumerated() { slots[Int(item.raw)] = Int32(slot) }
    slotOfItem = slots
    allowedLocations = Reconciliation.allowedLocations(ledger, filters)
  }

  /// Calls `body(row, itemSlot)` for every selected value entry, in entry order.
  func forEachRow(_ body: (Int, Int) -> Void) {
    let ve = Columns.valueEntry
    let table = ledger.valueEntries
    let postingDates = table.ordinals(ve.postingDate)
    let itemIDs = table.ids(ve.itemNo)
    let locations = table.ids(ve.locationCode)
    let low = dates.lowerOrdinal
    let high = dates.upperOrdinal
    let byDate = ledger.indexes.valueEntriesByPostingDate
    // The rows whose dates fall in the range, found by binary search over the date order.
    func firstPosition(_ predicate: (Int32) -> Bool) -> Int {
      var lower = 0
      var upper = byDate.count
      while lower < upper {
        let middle = (lower + upper) / 2
        if predicate(postingDates[Int(byDate[middle])]) { upper = middle } else { lower = middle + 1 }
      }
      return lower
    }
    let from = dates.start == nil ? 0 : firstPosition { $0 >= low }
    let to = dates.end == nil ? byDate.count : firstPosition { $0 > high }
    guard from < to else { return }
    // In a ledger whose entry order is date order (the usual case) the range is contiguous.
    let contiguous = Int(byDate[from]) == from && Int(byDate[to - 1]) == to - 1
    let slots = slotOfItem
    let allowedLocations = self.allowedLocations
    func visit(_ row: Int) {
      let slot = slots[Int(itemIDs[row])]
      if slot < 0 { return }
      if let allowedLocations, !allowedLocations[Int(locations[row])] { return }
      body(row, Int(slot))
    }
    if contiguous {
      for row in from..<to { visit(row) }
    } else {
      var rows = byDate[from..<to].map(Int.init)
      rows.sort()
      for row in rows { visit(row) }
    }
  }
}

/// The projection table flattened into plain arrays: the terms of combination `key` are
/// `range(key)`, each a field index, a source (0 actual, 1 expected, 2 both) and a sign.
struct FlatProjection {
  let starts: [Int]
  let fields: [Int]
  let sources: [UInt8]
  let signs: [Int64]

  static let shared = FlatProjection(Projection.table)

  init(_ table: [[ProjectionTerm]]) {
    var starts = [0]
    var fields: [Int] = []
    var sources: [UInt8] = []
    var signs: [Int64] = []
    for terms in table {
      for term in terms {
        fields.append(term.field.rawValue)
        let source: UInt8 =
          switch term.source {
          case .actual: 0
          case .expected: 1
          case .actualPlusExpected: 2
          }
        sources.append(source)
        signs.append(term.sign)
      }
      starts.append(fields.count)
    }
    self.starts = starts
    self.fields = fields
    self.sources = sources
    self.signs = signs
  }

  @inline(__always) func range(_ key: Int) -> Range<Int> { starts[key]..<starts[key + 1] }

  /// The amount term `term` takes of an entry, signed: actual, expected or both (the sum of
  /// the two may leave the range: `overflow` is then set).
  @inline(__always) func signedAmount(_ term: Int, actual: Int64, expected: Int64, overflow: inout Bool)
    -> Int64
  {
    let amount: Int64
    switch sources[term] {
    case 0: amount = actual
    case 1: amount = expected
    default:
      let (sum, wrapped) = actual.addingReportingOverflow(expected)
      overflow = overflow || wrapped
      amount = sum
    }
    return signs[term] * amount
  }
}
