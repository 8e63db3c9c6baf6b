import Foundation
import Testing

@testable import ReconEngine

/// The timeline: every period's and every cumulative Difference equals the matrix for that range
/// (checked against `Reconciliation` on the sample, its expected-cost-off twin and a generated
/// ledger, by month, week and accounting period); on hand-built ledgers whose problems start on
/// known days, the first dates and the causes; closing dates and empty periods.
@Suite("Timeline")
struct TimelineTests {
  func checkAgainstMatrix(_ ledger: Ledger, _ options: Timeline.Options) throws {
    let timeline = try Timeline(ledger, options, causes: false)
    #expect(!timeline.periods.isEmpty)
    for (position, period) in timeline.periods.enumerated() {
      let alone = try Reconciliation(ledger, filters: ReconciliationFilters(dates: period.range))
      let upTo = try Reconciliation(ledger, filters: ReconciliationFilters(dates: DateRange(end: period.end)))
      for (index, field) in Timeline.fields.enumerated() {
        let cell = timeline.cells[position][index]
        #expect(cell.difference == alone.difference[field], "\(field.caption) \(period.range)")
        #expect(cell.cumulative == upTo.difference[field], "\(field.caption) ..\(period.end.text)")
      }
    }
    // The periods follow each other without gaps or overlaps.
    for (previous, next) in zip(timeline.periods, timeline.periods.dropFirst()) {
      let expected =
        previous.end.ordinal & 1 == 0 && next.start.ordinal & 1 == 1
        ? previous.end.ordinal | 1 : previous.end.normalDate.adding(days: 1).ordinal
      #expect(next.start.ordinal == expected, "\(previous.range) → \(next.range)")
    }
  }

  @Test(
    "each period's and each cumulative Difference equals the matrix for that range",
    arguments: [Timeline.Granularity.month, .week, nil])
  func matchesMatrix(by: Timeline.Granularity?) throws {
    try checkAgainstMatrix(SampleCompany.load(), .init(by: by))
    try checkAgainstMatrix(SampleCompany.build(expectedCostPosting: false), .init(by: by))
    var options = GeneratorOptions(valueEntries: 3_000, seed: 11)
    options.year = 2024
    try checkAgainstMatrix(LedgerGenerator.generate(options), .init(by: by))
  }

  @Test("each period's causes are those of the explanation of that period alone")
  func causesMatchExplanation() throws {
    var generated = GeneratorOptions(valueEntries: 3_000, seed: 11)
    generated.year = 2024
    for ledger in [
      SampleCompany.load(), SampleCompany.build(expectedCostPosting: false),
      LedgerGenerator.generate(generated),
    ] {
      let timeline = try Timeline(ledger, .init(by: .month))
      for (position, period) in timeline.periods.enumerated() {
        let explanation = try Explanation(ledger, filters: ReconciliationFilters(dates: period.range))
        for (index, field) in Timeline.fields.enumerated() {
          var sums: [Explanation.Cause: Int64] = [:]
          for item in explanation.items where item.field == field {
            sums[item.cause, default: 0] += item.amount.units
          }
          let expected = Explanation.Cause.allCases.compactMap { cause -> Timeline.Cause? in
            guard let units = sums[cause], units != 0 else { return nil }
            return Timeline.Cause(cause: cause, amount: ExactDecimal(units: units))
          }
          #expect(timeline.cells[position][index].causes == expected, "\(field.caption) \(period.range)")
          #expect(!expected.contains { $0.cause == .unexplained })
        }
      }
    }
  }

  @Test("a date range cuts the first and last period; days with entries only by day")
  func ranges() throws {
    let ledger = SampleCompany.load()
    let range = try #require(DateRange(parsing: "2025-03-15..2025-05-10"))
    try checkAgainstMatrix(ledger, .init(by: .month, dates: range))
    let timeline = try Timeline(ledger, .init(by: .month, dates: range), causes: false)
    #expect(
      timeline.periods.map { "\($0.range)" } == [
        "2025-03-15..2025-03-31", "2025-04-01..2025-04-30", "2025-05-01..2025-05-10",
      ])
    try checkAgainstMatrix(
      ledger, .init(by: .day, dates: try #require(DateRange(parsing: "2025-12-20..2025-12-31"))))
  }

  /// A purchase posted in February, one left unposted on 17 March, a journal line straight to
  /// inventory on 9 May, a closing entry on C2025-12-31; nothing in April.
  static func knownDays() throws -> Ledger {
    var hand = HandLedger()
    var posted = HandLedger.Entry()
    posted.date = "2025-02-10"
    posted.actual = "500.00"
    var unposted = HandLedger.Entry()
    unposted.date = "2025-03-17"
    unposted.actual = "80.00"
    hand.entries = [posted, unposted]
    hand.glEntries = [("2025-05-09", "2110", "25.00"), ("C2025-12-31", "7290", "-30.00")]
    var ledger = try hand.ledger()
    try InventoryCostPosting.post(
      &ledger,
      .init(
        method: .perEntry, dates: DateRange(end: LedgerDate("2025-02-28")),
        runDate: LedgerDate("2025-03-01") ?? LedgerTable.noDate))
    return ledger
  }

  func dates(_ timeline: Timeline, _ field: ReconciliationField) throws -> Timeline.FirstDates {
    try #require(timeline.firstDates.first { $0.field == field })
  }

  @Test("first dates: a mid-month unposted entry, a manual journal line, a closing entry")
  func knownFirstDates() throws {
    let ledger = try Self.knownDays()
    let timeline = try Timeline(ledger, .init(by: .month))
    let inventory = try dates(timeline, .inventory)
    #expect(inventory.firstNonZero?.text == "2025-03-17")
    #expect(inventory.stableSince?.text == "2025-05-09")
    #expect(inventory.difference == ExactDecimal(-55))
    let dca = try dates(timeline, .directCostApplied)
    #expect(dca.firstNonZero?.text == "2025-03-17")
    #expect(dca.stableSince?.text == "2025-03-17")
    #expect(dca.difference == ExactDecimal(80))
    let cogs = try dates(timeline, .cogs)
    #expect(cogs.firstNonZero?.text == "C2025-12-31")
    #expect(cogs.stableSince?.text == "C2025-12-31")
    #expect(try dates(timeline, .purchaseVariance).firstNonZero == nil)
    #expect(try dates(timeline, .purchaseVariance).stableSince == nil)
    // The periods: February to December, then the closing date on its own; April is empty.
    let labels = timeline.periods.map { "\($0.range)" }
    #expect(labels.first == "2025-02-01..2025-02-28")
    #expect(labels.suffix(2) == ["2025-12-01..2025-12-31", "C2025-12-31"])
    let inventoryIndex = try #require(Timeline.fields.firstIndex(of: .inventory))
    let april = try #require(timeline.periods.firstIndex { $0.start.text == "2025-04-01" })
    #expect(timeline.cells[april][inventoryIndex].difference.isZero)
    #expect(timeline.cells[april][inventoryIndex].cumulative == ExactDecimal(-80))
    #expect(timeline.cells[april][inventoryIndex].causes.isEmpty)
    // Causes of the moving periods, from the explanation of that period alone.
    let march = try #require(timeline.periods.firstIndex { $0.start.text == "2025-03-01" })
    let may = try #require(timeline.periods.firstIndex { $0.start.text == "2025-05-01" })
    #expect(
      timeline.cells[march][inventoryIndex].causes == [.init(cause: .unpostedCost, amount: ExactDecimal(-80))]
    )
    #expect(
      timeline.cells[may][inventoryIndex].causes == [.init(cause: .directPosting, amount: ExactDecimal(25))])
    let csv = timeline.table(decimals: 2).csv
    #expect(csv.contains("Inventory,2025-03-01,2025-03-31,-80.00,-80.00,Unposted cost -80.00\n"))
    #expect(csv.contains("Inventory,2025-04-01,2025-04-30,,-80.00,\n"))
    #expect(csv.contains("COGS,C2025-12-31,C2025-12-31,-30.00,-30.00,"))
    #expect(timeline.firstDatesTable(decimals: 2).csv.contains("Inventory,2025-03-17,2025-05-09,-55.00\n"))
  }

  @Test("a posting setup changed after posting: the Difference opens on the first moved entry's day")
  func setupChange() throws {
    var hand = HandLedger()
    hand.extraAccounts = ["{\"no\":\"2115\",\"name\":\"Inventory (new)\"}"]
    var purchase = HandLedger.Entry()
    purchase.date = "2025-02-10"
    purchase.actual = "500.00"
    var sale = HandLedger.Entry()
    sale.date = "2025-04-05"
    sale.ile = .sale
    sale.actual = "-200.00"
    hand.entries = [purchase, sale]
    var ledger = try hand.ledger()
    try InventoryCostPosting.post(
      &ledger, .init(method: .perEntry, runDate: LedgerDate("2025-05-01") ?? LedgerTable.noDate))
    // The setup now names 2115: what was posted to 2110 is no longer looked at.
    let new = ledger.strings.intern("2115")
    for row in ledger.inventoryPostingSetup.indices {
      ledger.inventoryPostingSetup[Columns.inventoryPostingSetup.inventoryAccount, row] = new
    }
    let timeline = try Timeline(ledger, .init())
    let inventory = try dates(timeline, .inventory)
    #expect(inventory.firstNonZero?.text == "2025-02-10")
    #expect(inventory.stableSince?.text == "2025-04-05")
    #expect(inventory.difference == ExactDecimal(-300))
  }

  @Test(
    "accounting periods before the entries do not give empty leading periods; a range may start on a closing date"
  )
  func periodEdges() throws {
    var ledger = try Self.knownDays()
    // One accounting period starting in 2019: the 2025 entries come long after its start.
    let row = ledger.appendRow(to: \.accountingPeriods)
    ledger.accountingPeriods[Columns.accountingPeriod.startingDate, row] = try #require(
      LedgerDate("2019-01-01"))
    let timeline = try Timeline(ledger, .init())
    #expect(timeline.periods.first.map { "\($0.range)" } == "2025-02-01..2025-02-28")
    let closing = try #require(DateRange(parsing: "C2025-12-31.."))
    let late = try Timeline(ledger, .init(dates: closing))
    #expect(late.periods.map { "\($0.range)" } == ["C2025-12-31"])
  }

  @Test("a ledger without entries has no periods and no first dates")
  func empty() throws {
    let timeline = try Timeline(Ledger(), .init())
    #expect(timeline.periods.isEmpty)
    #expect(timeline.firstDates.allSatisfy { $0.firstNonZero == nil && $0.difference.isZero })
    #expect(timeline.table(decimals: 2).csv == Timeline.header.joined(separator: ",") + "\n")
  }
}
