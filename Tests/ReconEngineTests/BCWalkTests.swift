import Foundation
import Testing

@testable import ReconEngine

/// Where codeunit 5845 "Get Inventory Report" answers by the way it walks the records, not by
/// the rule the documentation states: each case built so that the plain rule and BC's walk
/// disagree, with BC's answer expected.
@Suite("Get Inventory Report's record walks")
struct BCWalkTests {
  static func purchase(_ date: String, _ amount: String, posted: Bool = true) -> HandLedger.Entry {
    var entry = HandLedger.Entry()
    entry.date = date
    entry.actual = amount
    entry.postedActual = posted ? amount : "0"
    return entry
  }

  /// The ledger with a G/L entry of 1.00 on Inventory nothing explains, so the chain runs.
  static func ledger(_ entries: [HandLedger.Entry]) throws -> Ledger {
    var hand = HandLedger()
    hand.entries = entries
    hand.glEntries = [("2024-01-20", HandLedger.accounts[.inventory] ?? "", "1.00")]
    return try hand.ledger()
  }

  @Test("CheckCostIsPostedToGL counts the entries of Service and Non-Inventory items too")
  func unpostedNonInventory() throws {
    var service = Self.purchase("2024-01-10", "40.00", posted: false)
    service.item = "SVC"
    service.inventoriable = false
    let ledger = try Self.ledger([Self.purchase("2024-01-10", "100.00"), service])
    let result = try Reconciliation(ledger, filters: ReconciliationFilters())
    #expect(result.itemLines.count == 1)  // the matrix leaves the service item out …
    #expect(result.warnings?.chain == .postCostToGL)  // … the warning does not
  }

  @Test("CheckCostIsPostedToGL never tests a sub-group that lies inside another's span")
  func skippedSubGroup() throws {
    // Key order within item and date: item charge before location. The first entry's
    // sub-group (Direct Cost, Purchase, blank location) spans the whole group, so the BLUE
    // entry's sub-group, unposted, is never looked at.
    var blue = Self.purchase("2024-01-10", "20.00", posted: false)
    blue.location = "BLUE"
    var charge = Self.purchase("2024-01-10", "5.00")
    charge.itemCharge = "FREIGHT"
    let hidden = try Self.ledger([Self.purchase("2024-01-10", "100.00"), blue, charge])
    #expect(try Reconciliation(hidden, filters: ReconciliationFilters()).warnings?.chain != .postCostToGL)
    // Without the item charge entry the BLUE sub-group is reached.
    let found = try Self.ledger([Self.purchase("2024-01-10", "100.00"), blue])
    #expect(try Reconciliation(found, filters: ReconciliationFilters()).warnings?.chain == .postCostToGL)
  }

  @Test("CheckValueGLCompression looks at where a compression starts, not where it ends")
  func compressionStart() throws {
    var ledger = try Self.ledger([Self.purchase("2024-01-10", "100.00")])
    let dc = Columns.dateCompression
    let row = ledger.appendRow(to: \.dateCompressions)
    ledger.dateCompressions[dc.tableName, row] = .glEntry
    ledger.dateCompressions[dc.startingDate, row] = try #require(LedgerDate("2023-12-01"))
    ledger.dateCompressions[dc.endingDate, row] = try #require(LedgerDate("2024-01-31"))
    ledger.rebuildIndexes()
    let ending = ReconciliationFilters(dates: try #require(DateRange(parsing: "2024-01-01..2024-03-31")))
    #expect(try Reconciliation(ledger, filters: ending).warnings?.chain != .compression)
    let starting = ReconciliationFilters(dates: try #require(DateRange(parsing: "2023-11-01..2024-03-31")))
    #expect(try Reconciliation(ledger, filters: starting).warnings?.chain == .compression)
  }

  @Test("CheckPostingDateToGLNotTheSame counts an item as 0 when its first entry is a capacity entry")
  func allTimeInventoryFirstEntry() throws {
    var capacity = HandLedger.Entry()
    capacity.date = "2024-01-05"
    capacity.item = "PROD"
    capacity.ile = .blank
    capacity.order = .production
    capacity.group = "FINISHED"
    capacity.actual = "50.00"
    var output = capacity
    output.date = "2024-01-10"
    output.ile = .output
    var hand = HandLedger()
    hand.entries = [capacity, output]
    var ledger = try hand.ledger()
    try InventoryCostPosting.post(
      &ledger, .init(method: .perEntry, runDate: LedgerDate("2024-02-01") ?? LedgerTable.noDate))
    // Σ Inventory projection 50 = G/L Inventory 50 would read as Posting Date; BC's sum is 0 for
    // PROD (its first entry in key order is the capacity entry), so the chain goes on.
    #expect(try Reconciliation(ledger, filters: ReconciliationFilters()).warnings?.chain == .directPosting)
  }

  @Test("CalcItem projects capacity and resource entries of one group by the first one's order type")
  func groupOrderType() throws {
    var capacity = HandLedger.Entry()
    capacity.item = "PROD"
    capacity.ile = .blank
    capacity.order = .production
    capacity.actual = "30.00"
    var resource = capacity
    resource.order = .assembly
    resource.actual = "20.00"
    var hand = HandLedger()
    hand.entries = [capacity, resource]
    let first = try Reconciliation(try hand.ledger(), filters: ReconciliationFilters())
    #expect(first.itemTotals[.wipInventory] == ExactDecimal(50))
    #expect(first.itemTotals[.inventoryAdjmt].isZero)
    // By variant code first: the resource entry leads, and both are projected as assembly.
    hand.entries[0].variant = "B"
    hand.entries[1].variant = "A"
    let second = try Reconciliation(try hand.ledger(), filters: ReconciliationFilters())
    #expect(second.itemTotals[.wipInventory].isZero)
    #expect(second.itemTotals[.inventoryAdjmt] == ExactDecimal(-50))
    #expect(second.itemTotals[.directCostAppliedActual] == ExactDecimal(-50))
    // On another day they are separate groups.
    hand.entries[1].date = "2024-01-11"
    let apart = try Reconciliation(try hand.ledger(), filters: ReconciliationFilters())
    #expect(apart.itemTotals[.wipInventory] == ExactDecimal(30))
    #expect(apart.itemTotals[.inventoryAdjmt] == ExactDecimal(-20))
  }
}
