import Foundation
import Testing

@testable import ReconEngine

/// One value entry shape BC can produce: its types, which amounts it carries, and its item.
struct EntryShape: Sendable, CustomTestStringConvertible {
  enum Amounts: String, Sendable, CaseIterable {
    /// Cost Amount (Actual) only.
    case actual
    /// A receipt or shipment not invoiced: Cost Amount (Expected), Expected Cost = Yes.
    case expectedOnly
    /// An invoice: actual cost and the reversal of the expected cost.
    case invoice
  }
  var ile: ItemLedgerEntryType
  var entryType: ValueEntryType
  var variance: VarianceType
  var order: OrderType
  var amounts: Amounts
  var item: String

  var testDescription: String {
    "\(ile.caption.isEmpty ? "(blank)" : ile.caption)/\(entryType.caption)/\(variance.caption)/\(order.caption)/\(amounts)/\(item)"
  }

  /// Every combination BC's posting accepts (BufferInvtPosting), with the order types it can
  /// come with, the amount forms it can carry (expected cost only where a Buffer…Posting
  /// procedure takes it), on an inventory item — and the purchase and adjustment shapes also on a
  /// Service and a Non-Inventory item.
  static let all: [EntryShape] = {
    var shapes: [EntryShape] = []
    let expectedCapable: Set<String> = [
      "Purchase/Direct Cost", "Purchase/Revaluation", "Sale/Direct Cost", "Sale/Revaluation",
      "Output/Direct Cost", "Output/Revaluation", "Positive Adjmt./Direct Cost",
      "Negative Adjmt./Direct Cost",
      "Transfer/Direct Cost",
    ]
    for ile in ItemLedgerEntryType.allCases {
      let orders: [OrderType]
      switch ile {
      case .purchase: orders = [.blank, .production]  // production: subcontracting
      case .sale: orders = [.blank, .service]
      case .transfer: orders = [.transfer, .blank]
      case .consumption, .output: orders = [.production]
      case .assemblyConsumption, .assemblyOutput: orders = [.assembly]
      case .blank: orders = [.production, .assembly, .blank]
      default: orders = [.blank]
      }
      let item: String =
        switch ile {
        case .consumption: "COMP"
        case .output, .blank: "PROD"
        default: "INV"
        }
      for entryType in ValueEntryType.allCases {
        for variance in VarianceType.allCases {
          if (entryType == .variance) == (variance == .blank) { continue }
          for order in orders where BCOracle.pairs(ile, entryType, variance, order) != nil {
            let capable = expectedCapable.contains("\(ile.caption)/\(entryType.caption)")
            for amounts in Amounts.allCases where amounts == .actual || capable {
              shapes.append(
                EntryShape(
                  ile: ile, entryType: entryType, variance: variance, order: order, amounts: amounts,
                  item: item))
            }
          }
        }
      }
    }
    for item in ["SVC", "NONINV"] {
      for ile in [ItemLedgerEntryType.purchase, .sale, .positiveAdjmt] {
        shapes.append(
          EntryShape(
            ile: ile, entryType: .directCost, variance: .blank, order: .blank, amounts: .actual, item: item))
      }
    }
    return shapes
  }()

  var inventoryItem: Bool { item != "SVC" && item != "NONINV" }

  /// Two entries of the shape, one in January, one in February.
  func entries() -> [HandLedger.Entry] {
    [("2024-01-10", "120.00", "95.00"), ("2024-02-10", "33.33", "30.10")].map { date, actual, expected in
      var entry = HandLedger.Entry()
      entry.date = date
      entry.item = item
      entry.ile = ile
      entry.entryType = entryType
      entry.variance = variance
      entry.order = order
      entry.inventoriable = inventoryItem
      let sign = ile.isOutbound ? "-" : ""
      let reversal = ile.isOutbound ? "" : "-"
      switch amounts {
      case .actual: entry.actual = sign + actual
      case .expectedOnly:
        entry.expected = sign + expected
        entry.expectedFlag = true
      case .invoice:
        entry.actual = sign + actual
        entry.expected = reversal + expected
      // The invoice entry's reversal of the expected cost is still to post.
      }
      if ile == .consumption {
        entry.sourceType = "Item"
        entry.sourceNo = "PROD"
        entry.group = "RAW"
      }
      if ile == .output || ile == .blank { entry.group = "FINISHED" }
      return entry
    }
  }
}

/// How much of a hand-built ledger our own `post` has posted.
enum PostingState: String, CaseIterable, Sendable {
  case none, januaryPerEntry, allPerEntry, allPerPostingGroup
}

@Suite("Every value entry shape reconciles and explains as BC does")
struct CombinationSweepTests {
  static let filters = [nil, "..2024-01-31", "2024-02-01..", "2024-01-10", "2024-01-01..2024-01-31"]

  @Test("identities, oracle figures and a complete explanation", arguments: EntryShape.all)
  func sweep(shape: EntryShape) throws {
    for expectedPosting in [false, true] {
      var hand = HandLedger()
      hand.expectedCostPosting = expectedPosting
      hand.entries = shape.entries()
      if !shape.inventoryItem {
        // BC marks a non-inventory item's entries as not inventoriable; one says posted with
        // no G/L behind it.
        hand.entries[0].postedActual = hand.entries[0].actual
      }
      let base = try hand.ledger()
      for state in PostingState.allCases {
        let ledger = try Self.post(base, state)
        try Self.checkPosting(before: base, after: ledger, state: state, shape: shape)
        for date in Self.filters {
          try SweepChecks.check(
            ledger, date: date, item: nil,
            context: "\(shape.testDescription) \(state) \(expectedPosting) \(date ?? "all")")
        }
        try SweepChecks.check(
          ledger, date: nil, item: shape.item, context: "\(shape.testDescription) \(state) by item")
        try Self.checkCauses(ledger, state: state, expectedPosting: expectedPosting, shape: shape)
      }
    }
  }

  static func post(_ ledger: Ledger, _ state: PostingState) throws -> Ledger {
    var posted = ledger
    let runDate = LedgerDate("2024-03-01") ?? LedgerTable.noDate
    var options: InventoryCostPosting.Options
    switch state {
    case .none: return ledger
    case .januaryPerEntry:
      options = .init(method: .perEntry, runDate: runDate)
      options.dates = DateRange(parsing: "..2024-01-31") ?? .all
    case .allPerEntry: options = .init(method: .perEntry, runDate: runDate)
    case .allPerPostingGroup: options = .init(method: .perPostingGroup, documentNo: "IPC-1", runDate: runDate)
    }
    do {
      try InventoryCostPosting.post(&posted, options)
    } catch {
      guard case .nothingToPost = error else { throw error }
      return ledger
    }
    return posted
  }

  /// The G/L our `post` wrote, account by account, equals what the AL Buffer…Posting procedures
  /// post for the same entries.
  static func checkPosting(before: Ledger, after: Ledger, state: PostingState, shape: EntryShape) throws {
    let ve = Columns.valueEntry, gl = Columns.glEntry
    var expected: [String: Int64] = [:]
    let entries = before.valueEntries
    for row in entries.indices where state != .none {
      if state == .januaryPerEntry && entries[ve.postingDate, row].text > "2024-01-31" { continue }
      guard entries[ve.inventoriable, row],
        let pairs = BCOracle.pairs(shape.ile, shape.entryType, shape.variance, shape.order)
      else { continue }
      let actual = entries[ve.costAmountActual, row].units - entries[ve.costPostedToGL, row].units
      let expectedLeft =
        entries[ve.costAmountExpected, row].units - entries[ve.expectedCostPostedToGL, row].units
      if !before.expectedCostPostingToGL && entries[ve.expectedCost, row]
        && entries[ve.expectedCostPostedToGL, row].isZero
      {
        continue  // skipped: expected cost with expected cost posting off
      }
      func book(_ pair: (InventoryAccountType, InventoryAccountType), _ amount: Int64) {
        guard amount != 0 else { return }
        expected[HandLedger.accounts[pair.0] ?? "?", default: 0] += amount
        expected[HandLedger.accounts[pair.1] ?? "?", default: 0] -= amount
      }
      book(pairs.actual, actual)
      if before.expectedCostPostingToGL, let pair = pairs.expected { book(pair, expectedLeft) }
    }
    var written: [String: Int64] = [:]
    for row in after.glEntries.indices {
      written[after.string(after.glEntries[gl.glAccountNo, row]), default: 0] +=
        after.glEntries[gl.amount, row].units
    }
    #expect(
      written.filter { $0.value != 0 } == expected.filter { $0.value != 0 },
      "\(shape.testDescription) \(state)")
  }

  /// Which causes can appear: only the unposted ones before posting; after a full run only
  /// BC's own projection/posting gap (and expected cost left when its posting is off).
  static func checkCauses(_ ledger: Ledger, state: PostingState, expectedPosting: Bool, shape: EntryShape)
    throws
  {
    let causes = Set(try Explanation(ledger, filters: ReconciliationFilters()).items.map(\.cause))
    let allowed: Set<Explanation.Cause>
    switch state {
    case .none:
      allowed = [.unpostedCost, .unpostedExpectedCost, .expectedCostPostingOff]
    case .januaryPerEntry:
      allowed = [
        .unpostedCost, .unpostedExpectedCost, .expectedCostPostingOff, .projectionDiffersFromPosting,
      ]
    case .allPerEntry, .allPerPostingGroup:
      allowed =
        shape.inventoryItem
        ? [.projectionDiffersFromPosting, .expectedCostPostingOff] : [.directPosting]
    }
    #expect(causes.isSubset(of: allowed), "\(shape.testDescription) \(state): \(causes)")
  }
}

/// The checks every ledger and filter must pass, against the AL oracle.
enum SweepChecks {
  static func check(_ ledger: Ledger, date: String?, item: String?, context: String) throws {
    var filters = ReconciliationFilters()
    if let date { filters.dates = try #require(DateRange(parsing: date)) }
    if let item {
      filters.items = CodeFilter(parsing: item)
      filters.attributeGL = true
    }
    let result = try Reconciliation(ledger, filters: filters)
    let ve = Columns.valueEntry, gl = Columns.glEntry
    let entries = ledger.valueEntries
    let inventoryItems: Set<String> = ["INV", "PROD", "COMP"]
    // The oracle's projection, with BC's grouping of capacity and resource entries by their
    // group's first entry (CalcItem).
    let orders = BCGrouping.orderTypes(ledger)
    var items = BCOracle.Amounts()
    var assemblyResource = false
    for row in entries.indices {
      let itemNo = ledger.string(entries[ve.itemNo, row])
      guard inventoryItems.contains(itemNo), filters.dates.contains(entries[ve.postingDate, row]),
        item.map({ $0.split(separator: "|").contains(Substring(itemNo)) }) ?? true
      else { continue }
      let ile = entries[ve.itemLedgerEntryType, row]
      if ile == .blank && orders[row] == .assembly { assemblyResource = true }
      for (field, amount) in BCOracle.projection(
        ile, entries[ve.entryType, row], entries[ve.varianceType, row], orders[row],
        a: entries[ve.costAmountActual, row].units, e: entries[ve.costAmountExpected, row].units)
      {
        items[field, default: 0] += amount
      }
    }
    for field in ReconciliationField.allCases {
      #expect(
        result.itemTotals.units[field.rawValue] == items[field] ?? 0, "\(context): items \(field.caption)")
    }
    // The G/L side: each account is one type, so the G/L entries in the filter give it.
    if item == nil {
      var glSide = BCOracle.Amounts()
      for row in ledger.glEntries.indices where filters.dates.contains(ledger.glEntries[gl.postingDate, row])
      {
        guard let type = HandLedger.type(ofAccount: ledger.string(ledger.glEntries[gl.glAccountNo, row]))
        else {
          continue
        }
        glSide[.forAccountType(type), default: 0] += ledger.glEntries[gl.amount, row].units
      }
      for field in Explanation.fields {
        #expect(
          result.glTotals.units[field.rawValue] == glSide[field] ?? 0, "\(context): G/L \(field.caption)")
      }
    }
    for field in ReconciliationField.allCases {
      #expect(
        result.difference.units[field.rawValue]
          == result.glTotals.units[field.rawValue] - result.itemTotals.units[field.rawValue])
    }
    // §3.4: each balance-sheet column of the item side balances, but for assembly resources.
    if !assemblyResource {
      for column in [MatrixColumn.inventory, .inventoryInterim, .wipInventory] {
        var sum: Int64 = 0
        for row in MatrixRow.allCases.prefix(through: MatrixRow.mfgOverheadVariance.rawValue) {
          if case .amount(let amount, _) = result.cell(row, column) { sum += amount.units }
        }
        guard case .amount(let total, _) = result.cell(.total, column) else { continue }
        #expect(sum == -total.units, "\(context): column \(column.caption)")
      }
    }
    // The explanation adds up to every Difference, leaves nothing unexplained, and never names
    // an entry of a Service or Non-Inventory item.
    let explanation = try Explanation(ledger, filters: filters)
    for field in Explanation.fields {
      let sum = explanation.items.filter { $0.field == field }.reduce(Int64(0)) { $0 + $1.amount.units }
      #expect(sum == result.difference[field].units, "\(context): explanation of \(field.caption)")
    }
    #expect(!explanation.items.contains { $0.cause == .unexplained }, "\(context): unexplained")
    if result.difference.isZero {
      #expect(explanation.items.isEmpty, "\(context): items without a Difference")
    }
    for number in explanation.items.flatMap(\.valueEntryNos) {
      let row = try #require(ledger.indexes.valueEntryByNumber.row(of: number))
      #expect(inventoryItems.contains(ledger.string(entries[ve.itemNo, row])), "\(context): entry \(number)")
    }
  }
}

/// The order type BC projects a capacity or resource entry by: its CalcItem group's first
/// entry's (same item, date, entry type, variance type, item charge, location; first by
/// variant, source type, source no., entry no.). Written for the tests from the AL code.
enum BCGrouping {
  static func orderTypes(_ ledger: Ledger) -> [OrderType] {
    let ve = Columns.valueEntry
    let t = ledger.valueEntries
    var orders = t.indices.map { t[ve.orderType, $0] }
    func key(_ row: Int) -> String {
      [
        ledger.string(t[ve.itemNo, row]), t[ve.postingDate, row].text, t[ve.entryType, row].caption,
        t[ve.varianceType, row].caption, ledger.string(t[ve.itemChargeNo, row]),
        ledger.string(t[ve.locationCode, row]),
      ].joined(separator: "\u{1}")
    }
    func rank(_ row: Int) -> [String] {
      [
        ledger.string(t[ve.variantCode, row]), ledger.string(t[ve.sourceType, row]),
        ledger.string(t[ve.sourceNo, row]), String(format: "%020lld", t[ve.entryNo, row]),
      ]
    }
    let blanks = t.indices.filter { t[ve.itemLedgerEntryType, $0] == .blank }
    let groups = Dictionary(grouping: blanks, by: key)
    for members in groups.values {
      guard let first = members.min(by: { rank($0).lexicographicallyPrecedes(rank($1)) }) else { continue }
      for row in members { orders[row] = t[ve.orderType, first] }
    }
    return orders
  }
}

/// Random ledgers mixing every shape, several items, locations and dates, posted in parts by
/// our own `post`, then disturbed the ways real ledgers are (manual G/L entries, moved dates,
/// deleted accounts, unposted entries marked posted) — each held against the oracle under many
/// date filters.
@Suite("Random ledgers reconcile and explain as BC does")
struct RandomLedgerTests {
  struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
  }

  static let seeds = Array(UInt64(1)...UInt64(49))

  @Test("49 random ledgers × 12 date filters", arguments: seeds)
  func randomLedger(seed: UInt64) throws {
    var random = SplitMix(state: seed)
    var hand = HandLedger()
    hand.expectedCostPosting = Bool.random(using: &random)
    let shapes = EntryShape.all
    let days = (1...60).map { LedgerDate(year: 2024, month: 1, day: 1)?.adding(days: $0 - 1).text ?? "" }
    for _ in 0..<40 {
      guard let shape = shapes.randomElement(using: &random) else { continue }
      var entry = shape.entries()[
        Int.random(in: 0...1, using: &random)]
      // Few days, items and locations, so capacity and resource entries share CalcItem groups.
      entry.date = days[Int.random(in: 0..<days.count, using: &random) / 6 * 6]
      entry.location = Bool.random(using: &random) ? "" : "BLUE"
      if shape.ile == .blank && Bool.random(using: &random) {
        entry.variant = "V\(Int.random(in: 1...2, using: &random))"
      }
      hand.entries.append(entry)
    }
    var ledger = try hand.ledger()
    // Post in parts: a random cut-off and method, sometimes twice.
    for _ in 0..<Int.random(in: 0...2, using: &random) {
      var options = InventoryCostPosting.Options(
        method: Bool.random(using: &random) ? .perEntry : .perPostingGroup,
        runDate: LedgerDate("2024-04-01") ?? LedgerTable.noDate)
      if options.method == .perPostingGroup { options.documentNo = "IPC-\(seed)" }
      options.dates = DateRange(parsing: ".." + (days.randomElement(using: &random) ?? "")) ?? .all
      do { try InventoryCostPosting.post(&ledger, options) } catch {
        guard case .nothingToPost = error else { throw error }
      }
    }
    // Disturb it.
    let gl = Columns.glEntry, ve = Columns.valueEntry
    if !ledger.glEntries.isEmpty {
      let moved = Int.random(in: 0..<ledger.glEntries.count, using: &random)
      ledger.glEntries[gl.postingDate, moved] = try #require(
        LedgerDate(days.randomElement(using: &random) ?? ""))
      let deleted = Int.random(in: 0..<ledger.glEntries.count, using: &random)
      if Bool.random(using: &random) { ledger.glEntries[gl.glAccountNo, deleted] = .blank }
    }
    let manual = ledger.appendRow(to: \.glEntries)
    ledger.glEntries[gl.entryNo, manual] = Int64(ledger.glEntries.count + 1000)
    ledger.glEntries[gl.glAccountNo, manual] = ledger.strings.intern(HandLedger.accounts[.inventory] ?? "")
    ledger.glEntries[gl.postingDate, manual] = try #require(
      LedgerDate(days.randomElement(using: &random) ?? ""))
    ledger.glEntries[gl.amount, manual] = ExactDecimal(units: Int64.random(in: -9999...9999, using: &random))
    let marked = Int.random(in: 0..<ledger.valueEntries.count, using: &random)
    ledger.valueEntries[ve.costPostedToGL, marked] = ledger.valueEntries[ve.costAmountActual, marked]
    ledger.rebuildIndexes()
    var filters: [String?] = [nil]
    for _ in 0..<11 {
      let a = days.randomElement(using: &random) ?? "", b = days.randomElement(using: &random) ?? ""
      let (low, high) = a < b ? (a, b) : (b, a)
      filters.append([".." + high, low + "..", low + ".." + high, low].randomElement(using: &random))
    }
    for date in filters {
      try SweepChecks.check(ledger, date: date, item: nil, context: "seed \(seed) \(date ?? "all")")
    }
    try SweepChecks.check(ledger, date: nil, item: "PROD|INV", context: "seed \(seed) by item")
  }
}
