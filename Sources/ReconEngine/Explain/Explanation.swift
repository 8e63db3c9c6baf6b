/// Why a Difference is what it is: the reconciling items behind every non-zero Difference of
/// the matrix, each with a cause, the entries behind it and an amount in the Difference's sign
/// (G/L − inventory). The items of a field add up to its Difference exactly; what they cannot
/// account for is reported as `Unexplained`, which on a valid ledger is always zero.
///
/// The decomposition, per field f and per value entry the matrix takes part in, with I the
/// inventory projection (codeunit 5845 "Get Inventory Report") of the entry's full amounts,
/// I(p) the projection of its posted amounts, P what its posted amounts posted to (codeunit
/// 5802 "Inventory Posting To G/L", the posting map) and G the G/L:
/// `D = G − I = (I(p) − I) + (P − I(p)) + (G − P)`.
/// `I(p) − I` is the projection of what is not posted yet (Unposted cost, Unposted expected
/// cost, Expected cost posting off); `P − I(p)` is where BC's projection and its posting
/// disagree for what was posted (Projection differs from posting: assembly resource entries,
/// expected cost of adjustments and transfers); `G − P` is what happened between the value
/// entries and the G/L: posted lines that landed on another date, on an account the setup no
/// longer names, on an account used for several types, or G/L amounts with no value entry
/// behind them.
public struct Explanation: Sendable {
  public enum Cause: String, CaseIterable, Sendable {
    case unpostedCost = "Unposted cost"
    case unpostedExpectedCost = "Unposted expected cost"
    case expectedCostPostingOff = "Expected cost posting off"
    case directPosting = "Direct posting"
    case postingDateMismatch = "Posting date mismatch"
    case postingSetupChanged = "Posting setup changed"
    case similarAccounts = "Similar accounts"
    case deletedAccount = "Deleted account"
    case dateCompression = "Date compression"
    case closingEntries = "Closing entries"
    case projectionDiffersFromPosting = "Projection differs from posting"
    case unexplained = "Unexplained"
  }

  public struct Item: Sendable {
    public var field: ReconciliationField
    public var account: StringID
    public var cause: Cause
    public var amount: ExactDecimal
    public var valueEntryNos: [Int64]
    public var glEntryNos: [Int64]
    public var description: String
  }

  /// The fields with G/L accounts: the three balance-sheet columns and the P&L rows 3–14.
  public static let fields: [ReconciliationField] = [
    .inventory, .inventoryInterim, .wipInventory, .cogsInterim, .directCostApplied, .overheadApplied,
    .inventoryAdjmt, .invtAccrualInterim, .cogs, .purchaseVariance, .materialVariance, .capacityVariance,
    .subcontractedVariance, .capOverheadVariance, .mfgOverheadVariance,
  ]

  public let reconciliation: Reconciliation
  /// The items, by field in `fields` order, then cause, then account.
  public let items: [Item]

  public init(_ ledger: Ledger, filters: ReconciliationFilters) throws(ReconciliationError) {
    try self.init(ledger, filters: filters, parallelFrom: ExplanationBuilder.parallelThreshold)
  }

  /// `parallelFrom`: the ledger size from which the value entries are gone through on both
  /// cores (the tests take it down to hold both ways equal).
  init(_ ledger: Ledger, filters: ReconciliationFilters, parallelFrom: Int) throws(ReconciliationError) {
    let result = try Reconciliation(ledger, filters: filters)
    reconciliation = result
    guard !filters.hidesGLSide else {
      items = []
      return
    }
    var builder = ExplanationBuilder(ledger: ledger, filters: filters)
    builder.valueEntrySide(parallelFrom: parallelFrom)
    builder.glSide()
    if builder.overflowed { throw .overflow }
    items = builder.finish(difference: result.difference)
  }
}

/// Collects the amounts of the decomposition, keyed by (field, account, cause).
struct ExplanationBuilder {
  struct Key: Hashable {
    var field: Int
    var account: UInt32
    var cause: Explanation.Cause
  }
  struct Accumulator {
    var units: Int64 = 0
    var valueEntries: [Int64] = []
    var glEntries: [Int64] = []
  }

  let ledger: Ledger
  let dates: DateRange
  /// The value entries the matrix takes part in, by row: those of inventory items (or of item
  /// numbers with no item record), within the item and location filters; dates aside.
  let selection: [Bool]
  /// An item or location filter is set: only the selected entries' G/L counts.
  let filtersItems: Bool
  /// Periods whose value entries or G/L entries were date-compressed (their relations are gone).
  let compressedValueEntries: [ClosedRange<LedgerDate>]
  let compressedGLEntries: [ClosedRange<LedgerDate>]
  /// The fields each account is named for in the posting setups (several: similar accounts).
  var fieldsOfAccount: [UInt32: [ReconciliationField]] = [:]
  var accumulators: [Key: Accumulator] = [:]
  /// A sum left the exact range: the explanation is refused (`ReconciliationError.overflow`).
  var overflowed = false
  /// When not nil (the timeline's one pass over all dates), every contribution is also added
  /// here under the posting date that puts it inside a date filter — its value entry's or its
  /// G/L entry's — so that the explanation of any date range is a sum over these dates.
  var dated: [DatedKey: Int64]?
  struct DatedKey: Hashable {
    var field: Int
    var cause: Explanation.Cause
    var ordinal: Int32
  }
  /// Per G/L entry row: the part of its amount accounted for by value entry lines.
  var matched: [Int64]
  let resolver: AccountResolver
  /// `fieldsOfAccount` by string id (most ids are not accounts: an empty list), for the look-up
  /// on every posted line.
  let fieldsByAccountID: [[ReconciliationField]]
  /// Whether a field is one of `Explanation.fields`, by raw value.
  let isExplained: [Bool]
  let allFields = ReconciliationField.allCases

  init(ledger: Ledger, filters: ReconciliationFilters) {
    self.ledger = ledger
    self.dates = filters.dates
    selection = ExplanationBuilder.selection(ledger, filters)
    filtersItems = filters.hasItemOrLocationFilter
    let dc = Columns.dateCompression
    func periods(_ table: CompressedTable) -> [ClosedRange<LedgerDate>] {
      ledger.dateCompressions.indices.compactMap { row in
        let start = ledger.dateCompressions[dc.startingDate, row]
        let end = ledger.dateCompressions[dc.endingDate, row].closingDate
        guard ledger.dateCompressions[dc.tableName, row] == table, start <= end else { return nil }
        return start...end
      }
    }
    compressedValueEntries = periods(.valueEntry)
    compressedGLEntries = periods(.glEntry)
    for (type, accounts) in Reconciliation.setupAccounts(ledger) {
      for account in accounts { fieldsOfAccount[account.raw, default: []].append(.forAccountType(type)) }
    }
    matched = Array(repeating: 0, count: ledger.glEntries.count)
    resolver = AccountResolver(ledger)
    var byID = [[ReconciliationField]](repeating: [], count: ledger.strings.count)
    for (account, fields) in fieldsOfAccount where Int(account) < byID.count { byID[Int(account)] = fields }
    fieldsByAccountID = byID
    isExplained = ReconciliationField.allCases.map { Explanation.fields.contains($0) }
  }

  mutating func add(
    _ field: ReconciliationField, _ account: StringID, _ cause: Explanation.Cause, _ units: Int64,
    valueEntry: Int64? = nil, glEntry: Int64? = nil, at date: LedgerDate
  ) {
    guard units != 0, isExplained[field.rawValue] else { return }
    record(field, cause, units, at: date)
    let key = Key(field: field.rawValue, account: account.raw, cause: cause)
    // One look-up, modified in place (no copy of the entry lists per addition); a sum that
    // would leave the range is remembered and reported, never trapped.
    let wrapped = Self.accumulate(
      &accumulators[key, default: Accumulator()], units, valueEntry: valueEntry, glEntry: glEntry)
    overflowed = overflowed || wrapped
  }

  /// Adds to one accumulator; true when the sum would leave the range.
  private static func accumulate(
    _ accumulator: inout Accumulator, _ units: Int64, valueEntry: Int64?, glEntry: Int64?
  )
    -> Bool
  {
    let (sum, wrapped) = accumulator.units.addingReportingOverflow(units)
    accumulator.units = sum
    if let valueEntry, accumulator.valueEntries.last != valueEntry {
      accumulator.valueEntries.append(valueEntry)
    }
    if let glEntry, accumulator.glEntries.last != glEntry { accumulator.glEntries.append(glEntry) }
    return wrapped
  }

  /// Adds to the dated contributions only (nothing when they are not kept).
  mutating func record(
    _ field: ReconciliationField, _ cause: Explanation.Cause, _ units: Int64, at date: LedgerDate
  ) {
    guard dated != nil, units != 0, isExplained[field.rawValue] else { return }
    let key = DatedKey(field: field.rawValue, cause: cause, ordinal: date.ordinal)
    let (sum, wrapped) = (dated?[key] ?? 0).addingReportingOverflow(units)
    overflowed = overflowed || wrapped
    dated?[key] = sum
  }

  /// One posting line of a value entry: its account type and amount.
  struct Line: BitwiseCopyable {
    var type: InventoryAccountType
    var units: Int64
    var expected: Bool
  }

  /// The two lines of a posting pair (none for a zero amount).
  static func lines(_ pair: PostingPair?, _ units: Int64, expected: Bool) -> [Line] {
    guard let pair, units != 0 else { return [] }
    return [
      Line(type: pair.account, units: units, expected: expected),
      Line(type: pair.balancing, units: -units, expected: expected),
    ]
  }

  /// `lines`, appended to a reused list.
  static func appendLines(
    _ pair: PostingPair?, _ units: Int64, expected: Bool, to lines: inout ScratchList<Line>
  ) {
    guard let pair, units != 0 else { return }
    lines.append(Line(type: pair.account, units: units, expected: expected))
    lines.append(Line(type: pair.balancing, units: -units, expected: expected))
  }

  /// Per value entry of the matrix: the projection of its unposted part, the gap between the
  /// projection and the posting of its posted part, and its posted lines matched to the G/L
  /// entries they went to. Entries of Service and Non-Inventory items take no part.
  /// The value entry side on both cores from this many value entries on: two builders take
  /// one half of the rows each, then the second's sums and entry lists are merged after the
  /// first's, which gives what one builder going through all rows in order gives.
  static let parallelThreshold = 100_000

  mutating func valueEntrySide(parallelFrom threshold: Int = ExplanationBuilder.parallelThreshold) {
    let count = ledger.valueEntries.count
    guard count >= max(2, threshold) else { return valueEntrySide(rows: 0..<count) }
    let middle = count / 2
    let template = self
    let halves = ParallelPair(
      {
        var first = template
        first.valueEntrySide(rows: 0..<middle)
        return first
      },
      {
        var second = template
        second.valueEntrySide(rows: middle..<count)
        return second
      })
    self = halves.first
    merge(halves.second)
  }

  /// Adds the results of a builder that went through later rows than this one.
  private mutating func merge(_ later: ExplanationBuilder) {
    overflowed = overflowed || later.overflowed
    for (key, accumulator) in later.accumulators {
      guard var merged = accumulators[key] else {
        accumulators[key] = accumulator
        continue
      }
      let (sum, wrapped) = merged.units.addingReportingOverflow(accumulator.units)
      overflowed = overflowed || wrapped
      merged.units = sum
      merged.valueEntries += accumulator.valueEntries
      // `add` does not repeat an entry just added: neither does the merge at the seam.
      var glEntries = accumulator.glEntries[...]
      if let first = glEntries.first, merged.glEntries.last == first { glEntries = glEntries.dropFirst() }
      merged.glEntries += glEntries
      accumulators[key] = merged
    }
    if let later = later.dated {
      for (key, units) in later {
        let (sum, wrapped) = (dated?[key] ?? 0).addingReportingOverflow(units)
        overflowed = overflowed || wrapped
        dated?[key] = sum
      }
    }
    for row in matched.indices where later.matched[row] != 0 {
      let (sum, wrapped) = matched[row].addingReportingOverflow(later.matched[row])
      overflowed = overflowed || wrapped
      matched[row] = sum
    }
  }

  private mutating func valueEntrySide(rows: Range<Int>) {
    let ve = Columns.valueEntry, gl = Columns.glEntry
    let table = ledger.valueEntries
    // Every column the loop reads, taken out once: a read through the table's nested arrays
    // costs a retain and a release per value, and this runs for every value entry.
    let entryNos = table.values(ve.entryNo), postingDates = table.ordinals(ve.postingDate)
    let actualUnits = table.units(ve.costAmountActual), expectedUnits = table.units(ve.costAmountExpected)
    let postedActualUnits = table.units(ve.costPostedToGL)
    let postedExpectedUnits = table.units(ve.expectedCostPostedToGL)
    let pairs = PostingPairs(table)
    let glAccounts = ledger.glEntries.ids(gl.glAccountNo), glNumbers = ledger.glEntries.values(gl.entryNo)
    let glDates = ledger.glEntries.ordinals(gl.postingDate)
    let glAmounts = ledger.glEntries.units(gl.amount)
    let related = ledger.indexes.glEntriesOfValueEntry
    let selection = self.selection, dates = self.dates, fieldsByAccountID = self.fieldsByAccountID
    let expectedOn = ledger.expectedCostPostingToGL
    let fieldCount = ReconciliationField.allCases.count
    // Reused for every entry: a million entries should not mean millions of small allocations
    // (nor an array's uniqueness check per write).
    var unpostedActual = ScratchList<Int64>(repeating: 0, count: fieldCount)
    var unpostedExpected = ScratchList<Int64>(repeating: 0, count: fieldCount)
    var gap = ScratchList<Int64>(repeating: 0, count: fieldCount)
    var touched = ScratchList<Int>(capacity: 16)
    var posted = ScratchList<Line>(capacity: 4)
    var matches = ScratchList<Match>(capacity: 4)
    var candidates = ScratchList<Int>(capacity: 8)
    var named = ScratchList<StringID>(capacity: 4)
    // Local to this pass (each half of a two-core pass has its own), so it is never shared
    // and never copied on write.
    var memo = NamedAccountMemo()
    let resolver = self.resolver
    let recipes = FlatProjection.shared
    let keys = ProjectionKeys(ledger)
    let expectedCause: Explanation.Cause = expectedOn ? .unpostedExpectedCost : .expectedCostPostingOff
    for row in rows where selection[row] {
      let number = entryNos[row]
      let date = LedgerDate(ordinal: postingDates[row])
      let inFilter = dates.contains(date)
      let a = actualUnits[row], e = expectedUnits[row]
      let postedActual = postedActualUnits[row], postedExpected = postedExpectedUnits[row]
      posted.removeAll()
      Self.appendLines(pairs.actual(row), postedActual, expected: false, to: &posted)
      Self.appendLines(pairs.expected(row), postedExpected, expected: true, to: &posted)
      if inFilter {
        // I(p) − I: the projection of the unposted amounts, negated; and −I(p), the projection
        // of the posted amounts, to which the posting lines are added below.
        for term in recipes.range(keys[row]) {
          let field = recipes.fields[term], sign = recipes.signs[term], source = recipes.sources[term]
          touched.append(field)
          if source != 1 {
            unpostedActual[field] -= sign * (a - postedActual)
            gap[field] -= sign * postedActual
          }
          if source != 0 {
            unpostedExpected[field] -= sign * (e - postedExpected)
            gap[field] -= sign * postedExpected
          }
        }
        // P − I(p): what the posted amounts posted to, against their projection.
        for index in 0..<posted.count {
          let line = posted[index]
          let field = ReconciliationField.forAccountType(line.type).rawValue
          touched.append(field)
          gap[field] += line.units
        }
        // Each touched field once (later duplicates find it zeroed), then zeroed for the next row.
        for position in 0..<touched.count {
          let index = touched[position]
          guard unpostedActual[index] != 0 || unpostedExpected[index] != 0 || gap[index] != 0 else {
            continue
          }
          let field = allFields[index]
          let account =
            field.accountType.map { memo.namedAccount($0, valueEntryRow: row, resolver) } ?? .blank
          add(field, account, .unpostedCost, unpostedActual[index], valueEntry: number, at: date)
          add(field, account, expectedCause, unpostedExpected[index], valueEntry: number, at: date)
          add(field, account, .projectionDiffersFromPosting, gap[index], valueEntry: number, at: date)
          unpostedActual[index] = 0
          unpostedExpected[index] = 0
          gap[index] = 0
        }
        touched.removeAll()
      }
      // G − P, line by line: each posted line against the G/L entry it went to.
      guard !posted.isEmpty else { continue }
      Self.relatedGLRows(of: row, related, into: &candidates)
      named.removeAll()
      for index in 0..<posted.count {
        named.append(memo.namedAccount(posted[index].type, valueEntryRow: row, resolver))
      }
      Self.match(
        posted, named: named, accounts: glAccounts, amounts: glAmounts, candidates: &candidates,
        into: &matches)
      for position in 0..<matches.count {
        let match = matches[position]
        let line = match.line
        let field = ReconciliationField.forAccountType(line.type)
        guard let glRow = match.glRow else {
          // Marked as posted, but no G/L entry is linked: the G/L lacks it — or it was
          // summarised by a date compression, which drops the relations.
          let cause: Explanation.Cause =
            (compressedValueEntries + compressedGLEntries).contains { $0.contains(date) }
            ? .dateCompression : .unpostedCost
          if inFilter { add(field, match.expectedAccount, cause, -line.units, valueEntry: number, at: date) }
          continue
        }
        let (sum, wrapped) = matched[glRow].addingReportingOverflow(line.units)
        overflowed = overflowed || wrapped
        matched[glRow] = sum
        let glAccount = StringID(raw: glAccounts[glRow])
        let glNumber = glNumbers[glRow]
        // With an item or location filter only the lines of the selected entries count on the
        // G/L side (the G/L attributed to items through the relations).
        let glDate = LedgerDate(ordinal: glDates[glRow])
        let glInFilter = dates.contains(glDate)

        if glAccount.isBlank {
          if inFilter {
            add(
              field, glAccount, .deletedAccount, -line.units, valueEntry: number, glEntry: glNumber, at: date)
          }
          continue
        }
        let accountFields = fieldsByAccountID[Int(glAccount.raw)]
        if accountFields.contains(field) {
          let delta = (glInFilter ? line.units : 0) - (inFilter ? line.units : 0)
          // Dated, the mismatch is two contributions: the G/L entry's on its date, the value
          // entry's (negated) on its own. Within one filter holding both they cancel.
          add(field, glAccount, .postingDateMismatch, delta, valueEntry: number, glEntry: glNumber, at: date)
          if dated != nil && delta == 0 && glDate != date {
            record(field, .postingDateMismatch, line.units, at: glDate)
            record(field, .postingDateMismatch, -line.units, at: date)
          }
          guard accountFields.count > 1, glInFilter else { continue }
          for other in accountFields where other != field {
            add(
              other, glAccount, .similarAccounts, line.units, valueEntry: number, glEntry: glNumber,
              at: glDate)
          }
        } else {
          if inFilter {
            add(
              field, glAccount, .postingSetupChanged, -line.units, valueEntry: number, glEntry: glNumber,
              at: date)
          }
          guard glInFilter else { continue }
          for other in accountFields {
            add(
              other, glAccount, .postingSetupChanged, line.units, valueEntry: number, glEntry: glNumber,
              at: glDate)
          }
        }
      }
    }
  }

  /// The value entries an item or location filter selects (dates aside), by row.
  static func selection(_ ledger: Ledger, _ filters: ReconciliationFilters) -> [Bool] {
    var all = filters
    all.dates = .all
    var selected = [Bool](repeating: false, count: ledger.valueEntries.count)
    EntrySelection(ledger, all).forEachRow { row, _ in selected[row] = true }
    return selected
  }

  /// G/L entries on the reconciled accounts that value entries do not account for: entries
  /// with no value entry behind them, and the part of an entry its value entries do not cover.
  /// They belong to no item, so with an item or location filter they are not counted.
  mutating func glSide() {
    if filtersItems { return }
    let gl = Columns.glEntry
    let table = ledger.glEntries
    for row in table.indices {
      let account = table[gl.glAccountNo, row]
      guard let fields = fieldsOfAccount[account.raw], dates.contains(table[gl.postingDate, row]) else {
        continue
      }
      let rest = table[gl.amount, row].units - matched[row]
      guard rest != 0 else { continue }
      let date = table[gl.postingDate, row]
      let cause: Explanation.Cause =
        date.isClosing
        ? .closingEntries
        : compressedGLEntries.contains { $0.contains(date) } ? .dateCompression : .directPosting
      for field in fields { add(field, account, cause, rest, glEntry: table[gl.entryNo, row], at: date) }
    }
  }

  /// A posted line, the account the setup names for it, and the G/L entry row it went to (nil
  /// when none is left).
  struct Match: BitwiseCopyable {
    var line: Line
    var expectedAccount: StringID
    var glRow: Int?
  }

  /// Pairs each posted line of a value entry with the G/L entry it went to: of the entry's
  /// related G/L entries, the one on the account the setup names with the line's sign, else any
  /// with its sign; nil when none is left.
  static func match(_ lines: [Line], valueEntryRow row: Int, ledger: Ledger, resolver: AccountResolver)
    -> [Match]
  {
    let gl = Columns.glEntry
    var candidates = ScratchList<Int>(capacity: 8)
    relatedGLRows(of: row, ledger.indexes.glEntriesOfValueEntry, into: &candidates)
    var posted = ScratchList<Line>(capacity: lines.count)
    var named = ScratchList<StringID>(capacity: lines.count)
    for line in lines {
      posted.append(line)
      named.append(resolver.namedAccount(line.type, valueEntryRow: row))
    }
    var matches = ScratchList<Match>(capacity: lines.count)
    match(
      posted, named: named, accounts: ledger.glEntries.ids(gl.glAccountNo),
      amounts: ledger.glEntries.units(gl.amount), candidates: &candidates, into: &matches)
    return (0..<matches.count).map { matches[$0] }
  }

  /// The G/L entry rows a value entry row was posted to (its relations; -1 for a relation to an
  /// entry the ledger lacks, left out), into `candidates` (emptied first).
  @inline(__always)
  static func relatedGLRows(of row: Int, _ related: GroupedRows, into candidates: inout ScratchList<Int>) {
    candidates.removeAll()
    for index in related.positions(of: row) where related.rows[index] >= 0 {
      candidates.append(Int(related.rows[index]))
    }
  }

  /// `match` into a reused list: `candidates` holds the related G/L entry rows (consumed),
  /// `named` the account the setup names for each line, `accounts` and `amounts` are the G/L
  /// entries' columns.
  static func match(
    _ lines: borrowing ScratchList<Line>, named: borrowing ScratchList<StringID>, accounts: [UInt32],
    amounts: [Int64], candidates: inout ScratchList<Int>, into matches: inout ScratchList<Match>
  ) {
    matches.removeAll()
    for index in 0..<lines.count {
      let line = lines[index], expected = named[index]
      let sign = line.units < 0
      let pick =
        candidates.firstIndex { accounts[$0] == expected.raw && (amounts[$0] < 0) == sign }
        ?? candidates.firstIndex { (amounts[$0] < 0) == sign }
      guard let pick else {
        matches.append(Match(line: line, expectedAccount: expected, glRow: nil))
        continue
      }
      matches.append(Match(line: line, expectedAccount: expected, glRow: candidates.remove(at: pick)))
    }
  }

  /// The account pairs of a value entry's actual and expected parts (posting map, §2).
  static func pairs(_ ledger: Ledger, _ row: Int) -> (actual: PostingPair?, expected: PostingPair?) {
    pairs(ledger.valueEntries, row)
  }

  static func pairs(_ table: LedgerTable, _ row: Int) -> (actual: PostingPair?, expected: PostingPair?) {
    let ve = Columns.valueEntry
    let ile = table[ve.itemLedgerEntryType, row]
    let entryType = table[ve.entryType, row]
    return (
      PostingMap.actual(
        itemLedgerEntryType: ile, entryType: entryType, varianceType: table[ve.varianceType, row],
        orderType: table[ve.orderType, row]),
      PostingMap.expected(itemLedgerEntryType: ile, entryType: entryType)
    )
  }

  /// The posted lines of a value entry (actual and expected parts).
  static func postedLines(_ ledger: Ledger, _ row: Int) -> [Line] {
    let ve = Columns.valueEntry
    let (actualPair, expectedPair) = pairs(ledger, row)
    return lines(actualPair, ledger.valueEntries[ve.costPostedToGL, row].units, expected: false)
      + lines(expectedPair, ledger.valueEntries[ve.expectedCostPostedToGL, row].units, expected: true)
  }

  /// The items in order, with an Unexplained item wherever they do not add up to the Difference.
  func finish(difference: FieldAmounts) -> [Explanation.Item] {
    var items: [Explanation.Item] = []
    for field in Explanation.fields {
      var total: Int64 = 0
      var fieldItems: [Explanation.Item] = []
      for cause in Explanation.Cause.allCases {
        let keys = accumulators.keys.filter { $0.field == field.rawValue && $0.cause == cause }.sorted {
          ledger.string(StringID(raw: $0.account)).utf8.lexicographicallyPrecedes(
            ledger.string(StringID(raw: $1.account)).utf8)
        }
        for key in keys {
          guard let accumulator = accumulators[key], accumulator.units != 0 else { continue }
          total += accumulator.units
          fieldItems.append(
            Explanation.Item(
              field: field, account: StringID(raw: key.account), cause: cause,
              amount: ExactDecimal(units: accumulator.units),
              valueEntryNos: accumulator.valueEntries, glEntryNos: accumulator.glEntries,
              description: Self.describe(cause, accumulator)))
        }
      }
      let rest = difference[field].units - total
      if rest != 0 {
        fieldItems.append(
          Explanation.Item(
            field: field, account: .blank, cause: .unexplained, amount: ExactDecimal(units: rest),
            valueEntryNos: [],
            glEntryNos: [], description: "not accounted for by the causes above: a defect in the explanation")
        )
      }
      items += fieldItems
    }
    return items
  }

  static func describe(_ cause: Explanation.Cause, _ accumulator: Accumulator) -> String {
    let entries = accumulator.valueEntries.count
    let glEntries = accumulator.glEntries.count
    switch cause {
    case .unpostedCost: return "\(entries) value entries with actual cost not (fully) posted to the G/L"
    case .unpostedExpectedCost:
      return "\(entries) value entries with expected cost not posted to the interim accounts"
    case .expectedCostPostingOff:
      return "\(entries) value entries with expected cost; expected cost posting to G/L is off"
    case .directPosting: return "\(glEntries) G/L entries with no value entry behind them"
    case .postingDateMismatch:
      return "\(glEntries) G/L entries dated on the other side of the date filter from their value entries"
    case .postingSetupChanged:
      return
        "\(glEntries) G/L entries on an account the posting setup no longer names for their value entries"
    case .similarAccounts: return "\(glEntries) G/L entries on an account used for more than one account type"
    case .deletedAccount: return "\(glEntries) G/L entries whose account was deleted"
    case .dateCompression:
      return
        "entries in a date-compressed period: \(entries) value entries, \(glEntries) G/L entries without their relations"
    case .closingEntries: return "\(glEntries) closing entries of a closed fiscal year"
    case .projectionDiffersFromPosting:
      return
        "\(entries) value entries that Post Inventory Cost to G/L posts where the reconciliation does not project them"
    case .unexplained: return "not accounted for by the causes above: a defect in the explanation"
    }
  }
}
