import Testing

@testable import ReconEngine

/// The reconciling items: every Difference explained to the cent, never an Unexplained rest.
@Suite("Explanation")
struct ExplanationTests {
  func explain(_ ledger: Ledger, date: String? = nil, item: String? = nil, location: String? = nil) throws
    -> Explanation
  {
    var filters = ReconciliationFilters(attributeGL: true)
    if let date { filters.dates = try #require(DateRange(parsing: date)) }
    if let item { filters.items = CodeFilter(parsing: item) }
    if let location { filters.locations = CodeFilter(parsing: location) }
    return try Explanation(ledger, filters: filters)
  }

  /// Items add up to each field's Difference and nothing is unexplained.
  func expectComplete(_ explanation: Explanation, _ context: String) {
    for field in Explanation.fields {
      let sum = explanation.items.filter { $0.field == field }.reduce(Int64(0)) { $0 + $1.amount.units }
      #expect(sum == explanation.reconciliation.difference[field].units, "\(context): \(field.caption)")
    }
    let unexplained = explanation.items.filter { $0.cause == .unexplained }
    #expect(unexplained.isEmpty, "\(context): \(unexplained.map { "\($0.field.caption) \($0.amount)" })")
  }

  func causes(_ explanation: Explanation) -> Set<String> {
    Set(explanation.items.map { "\($0.field.caption)/\($0.cause.rawValue)" })
  }

  @Test("the sample's documented problems, each with its cause and amount")
  func sample() throws {
    let sample = SampleCompany.load()
    let all = try explain(sample)
    expectComplete(all, "all dates")
    let inventory = all.items.filter { $0.field == .inventory }
    #expect(
      inventory.filter { $0.cause == .unpostedCost }.reduce(Int64(0)) { $0 + $1.amount.units } == -931_633_000
    )
    #expect(
      inventory.contains {
        $0.cause == .directPosting && $0.amount == ExactDecimal(1_250) && $0.glEntryNos.count == 1
      })
    #expect(
      inventory.contains {
        $0.cause == .postingSetupChanged && $0.amount == ExactDecimal(units: -78_366_875_000)
      })
    let march = try explain(sample, date: "2025-03-01..2025-03-31")
    expectComplete(march, "March")
    #expect(
      march.items.contains {
        $0.field == .directCostApplied && $0.cause == .postingDateMismatch
          && $0.amount == ExactDecimal(units: -48_620_000)
          && $0.valueEntryNos == [2504]
      })
    let off = try explain(SampleCompany.build(expectedCostPosting: false))
    expectComplete(off, "expected cost off")
    #expect(causes(off).contains("COGS (Interim)/Expected cost posting off"))
  }

  @Test("the worked examples: nothing to explain when reconciled, unposted expected cost in GC-3c")
  func workedExamples() throws {
    #expect(try explain(try fixture("gc1-purchase-overhead-sale")).items.isEmpty)
    expectComplete(try explain(try fixture("gc1-purchase-overhead-sale"), date: "..2020-01-14"), "GC-1 early")
    #expect(try explain(try fixture("gc3-expected-cost"), date: "..2020-01-10").items.isEmpty)
    let gc3b = try explain(try fixture("gc3b-expected-cost-posting-off"), date: "..2020-01-10")
    expectComplete(gc3b, "GC-3b")
    #expect(
      causes(gc3b) == [
        "Inventory (Interim)/Expected cost posting off", "Invt. Accrual (Interim)/Expected cost posting off",
      ])
    let gc3c = try explain(try fixture("gc3c-expected-cost-unposted"), date: "..2020-01-10")
    #expect(
      causes(gc3c) == [
        "Inventory (Interim)/Unposted expected cost", "Invt. Accrual (Interim)/Unposted expected cost",
      ])
  }

  /// A generated ledger with one fault of every kind injected.
  func faulty(seed: UInt64) throws -> Ledger {
    var options = GeneratorOptions(valueEntries: 3_000, seed: seed)
    options.unpostedDays = 10
    options.manualJournalLines = 3
    var ledger = LedgerGenerator.generate(options)
    let gl = Columns.glEntry, ips = Columns.inventoryPostingSetup, gps = Columns.generalPostingSetup
    let march = try #require(LedgerDate("2025-03-31"))
    // Posting date mismatch: one day's posting run dated a day later, across a month end.
    for row in ledger.glEntries.indices where ledger.glEntries[gl.postingDate, row] == march {
      ledger.glEntries[gl.postingDate, row] = march.adding(days: 1)
    }
    // Setup changed: RAW inventory moves to a new account after the fact.
    let account = ledger.appendRow(to: \.glAccounts)
    ledger.glAccounts[Columns.glAccount.no, account] = ledger.strings.intern("2125")
    for row in ledger.inventoryPostingSetup.indices
    where ledger.string(ledger.inventoryPostingSetup[ips.inventoryAccount, row]) == "2120" {
      ledger.inventoryPostingSetup[ips.inventoryAccount, row] = ledger.strings.intern("2125")
    }
    // Similar accounts: COGS (Interim) posts to the COGS account in one setup row.
    ledger.generalPostingSetup[gps.cogsAccountInterim, 0] = ledger.strings.intern("7290")
    // Deleted account: some G/L entries lose their account.
    for row in stride(from: 5, to: ledger.glEntries.count, by: 97) {
      ledger.glEntries[gl.glAccountNo, row] = .blank
    }
    // Closing entries: a closing-date entry on an inventory account.
    let closing = ledger.appendRow(to: \.glEntries)
    ledger.glEntries[gl.entryNo, closing] = Int64(ledger.glEntries.count)
    ledger.glEntries[gl.glAccountNo, closing] = ledger.strings.intern("2130")
    ledger.glEntries[gl.postingDate, closing] = try #require(LedgerDate("C2025-06-30"))
    ledger.glEntries[gl.amount, closing] = ExactDecimal(-77)
    // Date compression: February's G/L entries were compressed, which dropped their relations.
    let dc = Columns.dateCompression
    let compression = ledger.appendRow(to: \.dateCompressions)
    ledger.dateCompressions[dc.tableName, compression] = .glEntry
    let february = try #require(LedgerDate("2025-02-01"))
    let endOfFebruary = try #require(LedgerDate("2025-02-28"))
    ledger.dateCompressions[dc.startingDate, compression] = february
    ledger.dateCompressions[dc.endingDate, compression] = endOfFebruary
    let rel = Columns.glItemLedgerRelation
    let relations = ledger.glItemLedgerRelations
    ledger.glItemLedgerRelations = LedgerTable(schema: relations.schema)
    for row in relations.indices {
      guard let glRow = ledger.indexes.glEntryByNumber.row(of: relations[rel.glEntryNo, row]) else {
        continue
      }
      let date = ledger.glEntries[gl.postingDate, glRow]
      if date >= february && date <= endOfFebruary { continue }
      let copy = ledger.appendRow(to: \.glItemLedgerRelations)
      ledger.glItemLedgerRelations[rel.glEntryNo, copy] = relations[rel.glEntryNo, row]
      ledger.glItemLedgerRelations[rel.valueEntryNo, copy] = relations[rel.valueEntryNo, row]
      ledger.glItemLedgerRelations[rel.glRegisterNo, copy] = relations[rel.glRegisterNo, row]
    }
    ledger.rebuildIndexes()
    return ledger
  }

  @Test(
    "injected faults of every kind: the unexplained rest is zero for every field and filter",
    arguments: [21, 22] as [UInt64])
  func property(seed: UInt64) throws {
    let ledger = try faulty(seed: seed)
    var seen = Set<Explanation.Cause>()
    for date in [
      nil, "2025-03-01..2025-03-31", "2025-04-01..2025-04-30", "..2025-06-30", "2025-07-01..", "2025-12-25..",
    ]
      as [String?]
    {
      let explanation = try explain(ledger, date: date)
      expectComplete(explanation, "seed \(seed), \(date ?? "all")")
      seen.formUnion(explanation.items.map(\.cause))
    }
    #expect(
      seen == [
        .unpostedCost, .unpostedExpectedCost, .directPosting, .postingDateMismatch, .postingSetupChanged,
        .similarAccounts, .deletedAccount, .closingEntries, .dateCompression,
      ])
  }

  @Test(
    "with item and location filters the G/L is attributed through the relations, and still explained",
    arguments: [21, 23] as [UInt64])
  func attributed(seed: UInt64) throws {
    let ledger = try faulty(seed: seed)
    for (item, location) in [("1000..1009", nil), (nil, "BLUE"), ("10*|11*", "RED|GREEN"), ("<>1005", "''")]
      as [(String?, String?)]
    {
      for date in [nil, "2025-03-01..2025-04-30", "2025-12-20.."] as [String?] {
        let explanation = try explain(ledger, date: date, item: item, location: location)
        #expect(explanation.reconciliation.layout.columns.contains(.difference))
        expectComplete(
          explanation, "seed \(seed), item \(item ?? "*"), location \(location ?? "*"), \(date ?? "all")")
        #expect(!explanation.items.contains { $0.cause == .directPosting || $0.cause == .closingEntries })
      }
    }
  }

  @Test(
    "the sample's resale items: their own unposted cost and the old account, not the raw materials' manual line"
  )
  func sampleByItem() throws {
    let resale = try explain(SampleCompany.load(), item: "1000..1999")
    expectComplete(resale, "resale")
    #expect(resale.reconciliation.difference[.inventory] == ExactDecimal(units: -79_240_072_000))
    #expect(!resale.items.contains { $0.cause == .directPosting })
    // Without attribution BC's rule holds: no G/L side, nothing to explain.
    var hidden = ReconciliationFilters()
    hidden.items = CodeFilter(parsing: "1000..1999")
    #expect(try Explanation(SampleCompany.load(), filters: hidden).items.isEmpty)
    #expect(try Reconciliation(SampleCompany.load(), filters: hidden).layout.columns.count == 4)
  }

  @Test("every warning case of the chain is explained to the cent")
  func warningCases() throws {
    func base() throws -> LedgerBuilder {
      var builder = try LedgerBuilder()
      try builder.postedPair("2020-01-05", .purchase, .directCost, "100")
      try builder.postedPair("2020-02-10", .sale, .directCost, "-60")
      return builder
    }
    var cases: [(String, Ledger, String?, Explanation.Cause)] = []
    var unposted = try base()
    try unposted.valueEntry("2020-03-01", .sale, .directCost, actual: "-20", posted: false)
    cases.append(("Post Cost to G/L", unposted.built(), nil, .unpostedCost))
    var direct = try base()
    try direct.glEntry("2020-03-01", "2130", "250")
    try direct.glEntry("2020-03-01", "8640", "-250")
    cases.append(("Direct Posting", direct.built(), nil, .directPosting))
    var deleted = try base()
    try deleted.glEntry("2020-03-01", "", "12")
    try deleted.glEntry("2020-03-01", "2130", "3")
    cases.append(("Deleted Accounts", deleted.built(), nil, .directPosting))
    var mismatch = try base()
    try mismatch.valueEntry("2020-04-02", .purchase, .directCost, actual: "50")
    try mismatch.glEntry("2020-03-31", "2130", "50")
    try mismatch.glEntry("2020-03-31", "7291", "-50")
    cases.append(("Posting Date", mismatch.built(), "..2020-03-31", .directPosting))
    var closing = try base()
    try closing.glEntry("C2020-12-31", "7290", "-60")
    cases.append(("Closed Fiscal Year", closing.built(), nil, .closingEntries))
    var expectedOff = try base()
    expectedOff.ledger.expectedCostPostingToGL = false
    try expectedOff.valueEntry("2020-03-01", .purchase, .directCost, expected: "40", posted: false)
    cases.append(("Expected Cost Setup", expectedOff.built(), nil, .expectedCostPostingOff))
    for (name, ledger, date, cause) in cases {
      let explanation = try explain(ledger, date: date)
      expectComplete(explanation, name)
      #expect(
        explanation.items.contains { $0.cause == cause },
        "\(name): \(explanation.items.map(\.cause.rawValue))")
    }
  }

  @Test("entry numbers are written as runs")
  func ranges() {
    #expect(Explanation.ranges([5, 1, 2, 3, 9, 10, 3]) == "1-3 5 9-10")
    #expect(Explanation.ranges([]) == "")
  }
}
