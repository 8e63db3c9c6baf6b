/// The tests of the warning chain that walk the ledgers, each a port of its procedure in
/// codeunit 5845 "Get Inventory Report" (DetermineDiffError), record navigation included: the
/// flags are BC's, so they are computed the way BC computes them, quirks and all.
enum WarningChecks {
  /// BC's option ordinal of an Item Ledger Entry Type (enum 78): blank is 7, after Output. The
  /// value entry key the tests walk (Key5: Item No., Posting Date, Item Ledger Entry Type, Entry
  /// Type, Variance Type, Item Charge No., Location Code, …) sorts by it.
  static func bcOrdinal(_ raw: UInt8) -> Int {
    switch ItemLedgerEntryType(rawValue: raw) ?? .blank {
    case .blank: return 7
    case .assemblyConsumption: return 8
    case .assemblyOutput: return 9
    default: return Int(raw) - 1
    }
  }

  // MARK: Test 2

  /// CheckCostIsPostedToGL: a value entry in the date filter with Cost Posted to G/L = 0 and
  /// Cost Amount (Actual) ≠ 0 — of any item, the Service and Non-Inventory ones included (the
  /// test reads the Value Entry table without the item-type check of CalcInvtPostings).
  ///
  /// BC walks each (item, posting date) group in key order one sub-group (Entry Type, Item
  /// Ledger Entry Type, Location Code, Variance Type) at a time: it tests the sub-group of the
  /// current entry, jumps to that sub-group's last entry (FindLast) and steps on (Next). A
  /// sub-group whose entries all lie inside an earlier sub-group's span is never tested; the
  /// port keeps that.
  static func costNotPostedToGL(_ ledger: Ledger, _ dates: DateRange) -> Bool {
    let ve = Columns.valueEntry
    let table = ledger.valueEntries
    let actual = table.units(ve.costAmountActual)
    let posted = table.units(ve.costPostedToGL)
    let postingDates = table.ordinals(ve.postingDate)
    let items = table.ids(ve.itemNo)
    // Most ledgers have no such entry at all: one pass settles it.
    let candidates = table.indices.filter {
      actual[$0] != 0 && posted[$0] == 0 && dates.contains(LedgerDate(ordinal: postingDates[$0]))
    }
    if candidates.isEmpty { return false }
    let ileTypes = table.rawBytes(ve.itemLedgerEntryType)
    let entryTypes = table.rawBytes(ve.entryType)
    let varianceTypes = table.rawBytes(ve.varianceType)
    let locations = table.ids(ve.locationCode)
    let charges = table.ids(ve.itemChargeNo)
    let numbers = table.values(ve.entryNo)
    struct Signature: Hashable {
      var entryType: UInt8, ileType: UInt8, variance: UInt8, location: UInt32
    }
    func signature(_ row: Int) -> Signature {
      Signature(
        entryType: entryTypes[row], ileType: ileTypes[row], variance: varianceTypes[row],
        location: locations[row])
    }
    func precedes(_ a: Int, _ b: Int) -> Bool {
      let left = (bcOrdinal(ileTypes[a]), entryTypes[a], varianceTypes[a])
      let right = (bcOrdinal(ileTypes[b]), entryTypes[b], varianceTypes[b])
      if left != right { return left < right }
      for (x, y) in [(charges[a], charges[b]), (locations[a], locations[b])] where x != y {
        return ledger.string(StringID(raw: x)).utf8.lexicographicallyPrecedes(
          ledger.string(StringID(raw: y)).utf8)
      }
      return numbers[a] < numbers[b]
    }
    struct GroupKey: Hashable {
      var item: UInt32, date: Int32
    }
    var walked = Set<GroupKey>()
    for candidate in candidates {
      let key = GroupKey(item: items[candidate], date: postingDates[candidate])
      guard walked.insert(key).inserted else { continue }
      let group = ledger.indexes.valueEntriesByItem.rows(of: Int(key.item)).map(Int.init)
        .filter { postingDates[$0] == key.date }.sorted(by: precedes)
      var tested = Set<Signature>()
      var position = 0
      while position < group.count {
        let current = signature(group[position])
        tested.insert(current)
        position = (group.lastIndex { signature($0) == current } ?? position) + 1
      }
      if group.contains(where: { actual[$0] != 0 && posted[$0] == 0 && tested.contains(signature($0)) }) {
        return true
      }
    }
    return false
  }

  // MARK: Test 3

  /// CheckValueGLCompression: a Date Compr. Register of the Value Entry or G/L Entry table whose
  /// Starting Date is in the filter (BC's second look, Starting and Ending Date both in the
  /// filter, finds a subset of the first).
  static func compressionInFilter(_ ledger: Ledger, _ dates: DateRange) -> Bool {
    let dc = Columns.dateCompression
    return ledger.dateCompressions.indices.contains { row in
      let start = ledger.dateCompressions[dc.startingDate, row]
      return ledger.dateCompressions[dc.tableName, row] != .blank && start != LedgerTable.noDate
        && dates.contains(start)
    }
  }

  // MARK: Test 4

  /// CheckGLClosingOverlaps: G/L entries on the closing date of a closed fiscal year, found by
  /// BC's own walk over the accounting periods (the caller has checked the P&L differences).
  ///
  /// The walk, as the AL code does it: find the first period starting in the filter; if it is
  /// closed and starts at or before the filter's lower bound (GetRangeMin, 0D when open) it is
  /// the start. Otherwise, if it starts after that bound, drop the filter and take the period
  /// before it (any, closed or not) or, failing that, this period if it is closed. From the
  /// start, step forward until a period opens a new fiscal year (or the periods end) and look
  /// for G/L entries on `ClosingDate(that period's start − 1 day)` — or, when no new year was
  /// reached, on `ClosingDate(the last period's start)`. Then, with the filter back on and only
  /// closed periods, step on and repeat. AL's Next() seeks from the record's key as it stands,
  /// and the walk has overwritten the Starting Date with the closing date, so after a new year
  /// was reached the next step lands on that same period again; the port keeps the key the same
  /// way.
  static func closingEntriesOverlap(_ ledger: Ledger, _ dates: DateRange) -> Bool {
    let p = Columns.accountingPeriod
    let periods = ledger.accountingPeriods.indices.map {
      (
        start: ledger.accountingPeriods[p.startingDate, $0],
        newYear: ledger.accountingPeriods[p.newFiscalYear, $0],
        closed: ledger.accountingPeriods[p.closed, $0]
      )
    }.sorted { $0.start < $1.start }
    guard !periods.isEmpty else { return false }
    var onlyInFilter = true
    var onlyClosed = false
    func passes(_ index: Int) -> Bool {
      (!onlyInFilter || dates.contains(periods[index].start)) && (!onlyClosed || periods[index].closed)
    }
    /// Next(): the first period after `key` that passes the filters.
    func next(after key: Int32) -> Int? {
      periods.indices.first { periods[$0].start.ordinal > key && passes($0) }
    }
    /// Next(-1): the last period before `key` that passes the filters.
    func previous(before key: Int32) -> Int? {
      periods.indices.last { periods[$0].start.ordinal < key && passes($0) }
    }
    let undefinedDate = Int32.min  // 0D
    let minDate = dates.start?.ordinal ?? undefinedDate
    // Find('-'); a failed find leaves the empty record (Starting Date 0D, not closed).
    guard var current = periods.indices.first(where: passes) else { return false }
    var key = periods[current].start.ordinal
    var found = periods[current].closed && key <= minDate
    if key > minDate {
      onlyInFilter = false
      if !found, let earlier = previous(before: key) {
        current = earlier
        key = periods[earlier].start.ordinal
        found = true
      }
      if !found { found = periods[current].closed }
    }
    guard found else { return false }
    let glDates = Set(ledger.glEntries.ordinals(Columns.glEntry.postingDate))
    while true {
      // repeat until (Next() = 0) or "New Fiscal Year"
      while let following = next(after: key) {
        current = following
        key = periods[following].start.ordinal
        if periods[following].newYear { break }
      }
      let period = periods[current]
      let closing = (period.newYear ? period.start.adding(days: -1) : period.start).closingDate
      key = closing.ordinal
      onlyInFilter = true
      if glDates.contains(closing.ordinal) { return true }
      onlyClosed = true
      guard let following = next(after: key) else { return false }
      current = following
      key = periods[following].start.ordinal
    }
  }

  // MARK: Test 6

  /// CheckPostingDateToGLNotTheSame, inventory side: Σ over every item number but blank of
  /// CalcInventory on the item's entries, all dates, all item types. CalcInventory tests the
  /// current record — the item's first entry in key order (posting date, then BC's Item Ledger
  /// Entry Type ordinal, …) — and returns 0 for the whole item when that entry is a capacity or
  /// resource entry; otherwise it sums Cost Amount (Actual) over all the item's entries, those of
  /// capacity and resources included.
  static func allTimeInventory(_ ledger: Ledger) -> ExactDecimal? {
    let ve = Columns.valueEntry
    let table = ledger.valueEntries
    let actual = table.units(ve.costAmountActual)
    let postingDates = table.ordinals(ve.postingDate)
    let ileTypes = table.rawBytes(ve.itemLedgerEntryType)
    let groups = ledger.indexes.valueEntriesByItem
    var total = ExactSum()
    for key in 0..<max(0, groups.starts.count - 1) where key != Int(StringID.blank.raw) {
      let rows = groups.rows(of: key)
      guard
        let first = rows.min(by: {
          (postingDates[Int($0)], bcOrdinal(ileTypes[Int($0)])) < (
            postingDates[Int($1)], bcOrdinal(ileTypes[Int($1)])
          )
        }), ileTypes[Int(first)] != ItemLedgerEntryType.blank.rawValue
      else { continue }
      for row in rows { total.add(ExactDecimal(units: actual[Int(row)])) }
    }
    return try? total.value()
  }
}
