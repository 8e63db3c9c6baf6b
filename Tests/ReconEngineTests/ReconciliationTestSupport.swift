import Foundation
import Testing

@testable import ReconEngine

/// A worked-example snapshot under Tests/ReconEngineTests/Fixtures.
func fixture(_ name: String) throws -> Ledger {
  let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
  return try SnapshotStore.load(path: folder.appendingPathComponent(name + ".json").path)
}

/// The matrix CSV for a ledger and filters written the way `reconbench matrix` takes them.
func matrixCSV(
  _ ledger: Ledger, date: String? = nil, item: String? = nil, location: String? = nil, warnings: Bool = true
) throws -> String {
  try reconcile(ledger, date: date, item: item, location: location, warnings: warnings)
    .matrixTable(decimals: ledger.amountDecimals).csv
}

func reconcile(
  _ ledger: Ledger, date: String? = nil, item: String? = nil, location: String? = nil, warnings: Bool = true
) throws -> Reconciliation {
  var filters = ReconciliationFilters(warnings: warnings)
  if let date { filters.dates = try #require(DateRange(parsing: date)) }
  if let item {
    let filter: CodeFilter = try #require(CodeFilter(parsing: item))
    filters.items = filter
  }
  if let location {
    let filter: CodeFilter = try #require(CodeFilter(parsing: location))
    filters.locations = filter
  }
  return try Reconciliation(ledger, filters: filters)
}

/// A CSV of the full 18 × 7 grid where only the listed rows carry values; the others are empty.
func fullGrid(_ filled: [String: String]) -> String {
  var lines = ["Row,Inventory,Inventory (Interim),WIP Inventory,Total,G/L Total,Difference,Warning"]
  for row in MatrixRow.allCases {
    lines.append(row.caption + "," + (filled[row.caption] ?? ",,,,,,"))
  }
  return lines.joined(separator: "\n") + "\n"
}

/// Builds small ledgers for warning and projection cases: the worked examples' chart of
/// accounts and setup, then entries added one by one.
struct LedgerBuilder {
  var ledger: Ledger

  init() throws {
    var base = try fixture("gc1-purchase-overhead-sale")
    for table in [
      \Ledger.itemLedgerEntries, \.itemApplicationEntries, \.valueEntries, \.glEntries, \.glRegisters,
      \.glItemLedgerRelations,
    ] {
      base[keyPath: table] = LedgerTable(schema: base[keyPath: table].schema)
    }
    ledger = base
  }

  mutating func valueEntry(
    _ date: String, _ ile: ItemLedgerEntryType, _ type: ValueEntryType, actual: String = "0",
    expected: String = "0",
    variance: VarianceType = .blank, order: OrderType = .blank, posted: Bool = true, item: String = "ITEM1",
    location: String = ""
  ) throws {
    let c = Columns.valueEntry
    let row = ledger.appendRow(to: \.valueEntries)
    ledger.valueEntries[c.entryNo, row] = Int64(row + 1)
    ledger.valueEntries[c.itemNo, row] = ledger.strings.intern(item)
    ledger.valueEntries[c.postingDate, row] = try #require(LedgerDate(date))
    ledger.valueEntries[c.itemLedgerEntryType, row] = ile
    ledger.valueEntries[c.entryType, row] = type
    ledger.valueEntries[c.varianceType, row] = variance
    ledger.valueEntries[c.orderType, row] = order
    ledger.valueEntries[c.locationCode, row] = ledger.strings.intern(location)
    ledger.valueEntries[c.inventoryPostingGroup, row] = ledger.strings.intern("RESALE")
    ledger.valueEntries[c.genBusPostingGroup, row] = ledger.strings.intern("DOMESTIC")
    ledger.valueEntries[c.genProdPostingGroup, row] = ledger.strings.intern("RETAIL")
    let a = try ExactDecimal(parsing: actual)
    let e = try ExactDecimal(parsing: expected)
    ledger.valueEntries[c.costAmountActual, row] = a
    ledger.valueEntries[c.costAmountExpected, row] = e
    if posted {
      ledger.valueEntries[c.costPostedToGL, row] = a
      ledger.valueEntries[c.expectedCostPostedToGL, row] = e
    }
  }

  mutating func glEntry(_ date: String, _ account: String, _ amount: String) throws {
    let c = Columns.glEntry
    let row = ledger.appendRow(to: \.glEntries)
    ledger.glEntries[c.entryNo, row] = Int64(row + 1)
    ledger.glEntries[c.glAccountNo, row] = ledger.strings.intern(account)
    ledger.glEntries[c.postingDate, row] = try #require(LedgerDate(date))
    ledger.glEntries[c.amount, row] = try ExactDecimal(parsing: amount)
  }

  /// A value entry and the two G/L entries its posting makes, per the posting map.
  mutating func postedPair(
    _ date: String, _ ile: ItemLedgerEntryType, _ type: ValueEntryType, _ actual: String
  )
    throws
  {
    try valueEntry(date, ile, type, actual: actual)
    let accounts: [InventoryAccountType: String] = [
      .inventory: "2130", .directCostApplied: "7291", .overheadApplied: "7292", .cogs: "7290",
      .inventoryAdjmt: "7270", .purchaseVariance: "7293",
    ]
    let pair = try #require(
      PostingMap.actual(itemLedgerEntryType: ile, entryType: type, varianceType: .blank, orderType: .blank))
    let amount = try ExactDecimal(parsing: actual)
    try glEntry(date, try #require(accounts[pair.account]), amount.plain(decimals: 2))
    try glEntry(date, try #require(accounts[pair.balancing]), try #require(amount.negated).plain(decimals: 2))
  }

  func built() -> Ledger {
    var copy = ledger
    copy.rebuildIndexes()
    return copy
  }
}
