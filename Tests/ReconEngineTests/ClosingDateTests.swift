import Foundation
import Testing

@testable import ReconEngine

/// A closed fiscal year whose income statement was closed on its closing date: `..D`, `A..D`
/// and `D` leave the closing entries out, `..CD`, `A..CD` and `CD` take them in (BC compares a
/// closing date as a date just after its day; codeunit 5845 passes the filter unchanged).
@Suite("Closing dates in date filters")
struct ClosingDateTests {
  /// 2019 (closed) and 2020 (open), monthly periods; a purchase and a sale in 2019, posted by our
  /// own `post`; on C2019-12-31 the closing entries move the P&L balances to retained earnings.
  static func closedYear() throws -> Ledger {
    var hand = HandLedger()
    hand.extraAccounts = ["{\"no\":\"3000\",\"name\":\"Retained Earnings\"}"]
    for year in [2019, 2020] {
      for month in 1...12 {
        let start = String(format: "%04d-%02d-01", year, month)
        hand.periods.append((start, month == 1, year == 2019))
      }
    }
    var purchase = HandLedger.Entry()
    purchase.date = "2019-03-10"
    purchase.actual = "500.00"
    var sale = HandLedger.Entry()
    sale.date = "2019-06-10"
    sale.ile = .sale
    sale.actual = "-200.00"
    hand.entries = [purchase, sale]
    // Close Income Statement: DCA (7291) held −500, COGS (7290) +200.
    hand.glEntries = [
      ("C2019-12-31", "7291", "500.00"), ("C2019-12-31", "7290", "-200.00"),
      ("C2019-12-31", "3000", "-300.00"),
    ]
    var ledger = try hand.ledger()
    try InventoryCostPosting.post(
      &ledger, .init(method: .perEntry, runDate: LedgerDate("2020-01-05") ?? LedgerTable.noDate))
    return ledger
  }

  func reconcile(_ ledger: Ledger, _ date: String) throws -> Reconciliation {
    try Reconciliation(ledger, filters: ReconciliationFilters(dates: try #require(DateRange(parsing: date))))
  }

  @Test(
    "before closing: ..D, A..D and D leave the closing entries out",
    arguments: ["..2019-12-31", "2019-01-01..2019-12-31"])
  func beforeClosing(date: String) throws {
    let ledger = try Self.closedYear()
    let result = try reconcile(ledger, date)
    #expect(result.glTotals[.cogs] == ExactDecimal(200))
    #expect(result.glTotals[.directCostApplied] == ExactDecimal(-500))
    for field in Explanation.fields { #expect(result.difference[field].isZero, "\(field.caption)") }
    #expect(try Explanation(ledger, filters: result.filters).items.isEmpty)
    // BC still raises a flag (the split fields always differ), but no cell with a zero
    // Difference shows it. Which flag: CheckGLClosingOverlaps finds the closing entries from an
    // open start; from 2019-01-01 its walk stops at the last period inside the filter and
    // looks on C2019-12-01 instead, so Posting Date comes next (BC's own walk, kept).
    #expect(result.warnings?.chain == (date.hasPrefix("..") ? .closedFiscalYear : .postingDate))
    #expect(result.cell(.cogs, .warning) == .warning(nil, .cogs))
    #expect(result.cell(.directCostApplied, .warning) == .warning(nil, .directCostApplied))
    // Drill-down: the G/L entries of COGS are the posting, not the closing entry.
    let drill = result.drill(.cogs, .glTotal)
    let dates = result.glEntryRows(for: drill, in: ledger).map {
      ledger.glEntries[Columns.glEntry.postingDate, $0].text
    }
    #expect(dates == ["2019-06-10"])
  }

  @Test("the single date D leaves its closing date out")
  func singleDay() throws {
    let ledger = try Self.closedYear()
    let result = try reconcile(ledger, "2019-12-31")
    #expect(result.glLines.isEmpty)
    #expect(result.difference.isZero)
    #expect(try Explanation(ledger, filters: result.filters).items.isEmpty)
  }

  @Test(
    "after closing: ..CD and A..CD take the closing entries in",
    arguments: ["..C2019-12-31", "2019-01-01..C2019-12-31"])
  func afterClosing(date: String) throws {
    let ledger = try Self.closedYear()
    let result = try reconcile(ledger, date)
    #expect(result.glTotals[.cogs].isZero)
    #expect(result.glTotals[.directCostApplied].isZero)
    #expect(result.difference[.cogs] == ExactDecimal(-200))
    #expect(result.difference[.directCostApplied] == ExactDecimal(500))
    #expect(result.difference[.inventory].isZero)
    // As above: only the walk from an open start reaches the next year's first period.
    let flag: ReconciliationWarning = date.hasPrefix("..") ? .closedFiscalYear : .postingDate
    #expect(result.warnings?.chain == flag)
    #expect(result.cell(.cogs, .warning) == .warning(flag, .cogs))
    let items = try Explanation(ledger, filters: result.filters).items
    #expect(items.map(\.cause) == [.closingEntries, .closingEntries])
    #expect(items.map(\.amount) == [ExactDecimal(500), ExactDecimal(-200)])
    #expect(items.map(\.glEntryNos) == [[1], [2]])
    // COGS nets to zero, so it has no G/L line; its entries in the filter still include the closing one.
    let cogs = try #require(ledger.strings.lookup("7290"))
    let dates = result.glEntryRows(account: cogs, in: ledger).map {
      ledger.glEntries[Columns.glEntry.postingDate, $0].text
    }
    #expect(dates == ["C2019-12-31", "2019-06-10"])
  }

  @Test("the closing date CD alone holds only the closing entries")
  func closingDateAlone() throws {
    let ledger = try Self.closedYear()
    let result = try reconcile(ledger, "C2019-12-31")
    #expect(result.glTotals[.cogs] == ExactDecimal(-200))
    #expect(result.itemTotals.isZero)
    #expect(result.difference[.directCostApplied] == ExactDecimal(500))
    let items = try Explanation(ledger, filters: result.filters).items
    #expect(Set(items.map(\.cause)) == [.closingEntries])
    #expect(items.reduce(ExactDecimal.zero) { $0.adding($1.amount) ?? .zero } == ExactDecimal(300))
  }

  @Test("a range starting on D takes D's closing date in; one starting the next day does not")
  func rangeStarts() throws {
    let ledger = try Self.closedYear()
    #expect(try reconcile(ledger, "2019-12-31..").glTotals[.cogs] == ExactDecimal(-200))
    #expect(try reconcile(ledger, "2020-01-01..").glTotals[.cogs].isZero)
  }
}
