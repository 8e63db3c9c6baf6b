import Testing

@testable import ReconEngine

/// Post Inventory Cost to G/L (§4).
@Suite("Post Inventory Cost to G/L")
struct PostingTests {
  let runDate = LedgerDate("2020-02-01") ?? LedgerTable.noDate

  func options(_ method: InventoryCostPosting.Method, document: String? = nil) -> InventoryCostPosting.Options
  {
    InventoryCostPosting.Options(
      method: method, documentNo: document ?? (method == .perPostingGroup ? "IPC-0001" : nil),
      runDate: runDate)
  }

  /// GC-1's value entries with nothing posted yet and no G/L entries.
  func unpostedGC1() throws -> Ledger {
    var ledger = try fixture("gc1-purchase-overhead-sale")
    let ve = Columns.valueEntry
    for row in ledger.valueEntries.indices { ledger.valueEntries[ve.costPostedToGL, row] = .zero }
    ledger.glEntries = LedgerTable(schema: ledger.glEntries.schema)
    ledger.glRegisters = LedgerTable(schema: ledger.glRegisters.schema)
    ledger.glItemLedgerRelations = LedgerTable(schema: ledger.glItemLedgerRelations.schema)
    ledger.rebuildIndexes()
    return ledger
  }

  func glEntries(_ ledger: Ledger) -> [String] {
    let gl = Columns.glEntry
    return ledger.glEntries.indices.map { row in
      [
        String(ledger.glEntries[gl.entryNo, row]), ledger.glEntries[gl.postingDate, row].text,
        ledger.string(ledger.glEntries[gl.glAccountNo, row]),
        ledger.string(ledger.glEntries[gl.documentNo, row]),
        ledger.string(ledger.glEntries[gl.description, row]),
        ledger.glEntries[gl.amount, row].plain(decimals: 2),
        ledger.string(ledger.glEntries[gl.sourceCode, row]),
      ].joined(separator: "|")
    }
  }

  @Test("GC-1 posted per entry gives the documented G/L entries and reconciles")
  func gc1PerEntry() throws {
    var ledger = try unpostedGC1()
    let summary = try InventoryCostPosting.post(&ledger, options(.perEntry))
    #expect(summary.description == "3 value entries posted, 6 G/L entries in register 1, 0 skipped")
    #expect(
      glEntries(ledger) == [
        "1|2020-01-01|2130|107001|Direct Cost  on 2020-01-01|70.00|INVTPCOST",
        "2|2020-01-01|7291|107001|Direct Cost  on 2020-01-01|-70.00|INVTPCOST",
        "3|2020-01-01|2130|107001|Indirect Cost  on 2020-01-01|10.00|INVTPCOST",
        "4|2020-01-01|7292|107001|Indirect Cost  on 2020-01-01|-10.00|INVTPCOST",
        "5|2020-01-15|2130|102001|Direct Cost  on 2020-01-15|-80.00|INVTPCOST",
        "6|2020-01-15|7290|102001|Direct Cost  on 2020-01-15|80.00|INVTPCOST",
      ])
    let rel = Columns.glItemLedgerRelation
    let pairs = ledger.glItemLedgerRelations.indices.map {
      "\(ledger.glItemLedgerRelations[rel.glEntryNo, $0]),\(ledger.glItemLedgerRelations[rel.valueEntryNo, $0]),\(ledger.glItemLedgerRelations[rel.glRegisterNo, $0])"
    }
    #expect(pairs == ["1,1,1", "2,1,1", "3,2,1", "4,2,1", "5,3,1", "6,3,1"])
    let register = Columns.glRegister
    #expect(ledger.glRegisters.count == 1)
    #expect(
      ledger.glRegisters[register.fromEntryNo, 0] == 1 && ledger.glRegisters[register.toEntryNo, 0] == 6)
    #expect(ledger.glRegisters[register.creationDate, 0] == runDate)
    #expect(try matrixCSV(ledger) == matrixCSV(try fixture("gc1-purchase-overhead-sale")))
    #expect(
      try reconcile(ledger).difference.units.enumerated().allSatisfy { index, units in
        units == 0
          || [ReconciliationField.directCostAppliedActual, .overheadAppliedActual].map(\.rawValue).contains(
            index)
      })
  }

  @Test("a sale left unposted, posted per posting group: document no., description, one entry per key")
  func salePerPostingGroup() throws {
    var ledger = try fixture("gc1-purchase-overhead-sale")
    let ve = Columns.valueEntry
    let sale = 2
    ledger.valueEntries[ve.costPostedToGL, sale] = .zero
    // The sale's G/L entries never happened.
    let gl = Columns.glEntry
    ledger.glEntries.truncate(to: 4)
    ledger.glItemLedgerRelations.truncate(to: 4)
    ledger.rebuildIndexes()
    #expect(try reconcile(ledger).warnings?.chain == .postCostToGL)
    let summary = try InventoryCostPosting.post(&ledger, options(.perPostingGroup, document: "IPC-JAN"))
    #expect(summary.description == "1 value entries posted, 2 G/L entries in register 2, 0 skipped")
    #expect(
      glEntries(ledger).suffix(2) == [
        "5|2020-01-15|2130|IPC-JAN|Inventory - COGS, ,RESALE,DOMESTIC,RETAIL|-80.00|INVTPCOST",
        "6|2020-01-15|7290|IPC-JAN|COGS - Inventory, ,RESALE,DOMESTIC,RETAIL|80.00|INVTPCOST",
      ])
    #expect(ledger.glEntries[gl.systemCreatedEntry, 5])
    #expect(ledger.valueEntries[ve.costPostedToGL, sale] == ExactDecimal(-80))
    #expect(try reconcile(ledger).difference[.cogs].isZero)
  }

  @Test("per posting group combines entries with equal keys into one G/L entry")
  func combines() throws {
    var builder = try LedgerBuilder()
    for amount in ["10", "20", "30"] {
      try builder.valueEntry("2020-03-01", .purchase, .directCost, actual: amount, posted: false)
    }
    var ledger = builder.built()
    let summary = try InventoryCostPosting.post(&ledger, options(.perPostingGroup))
    #expect(summary.glEntriesCreated == 2)
    #expect(glEntries(ledger).map { $0.split(separator: "|")[5] } == ["60.00", "-60.00"])
    #expect(ledger.glItemLedgerRelations.count == 6)
  }

  @Test("expected cost is posted to the interim accounts only when expected cost posting is on")
  func expectedCost() throws {
    var on = try LedgerBuilder()
    on.ledger.expectedCostPostingToGL = true
    try on.valueEntry("2020-01-01", .purchase, .directCost, expected: "95", posted: false)
    var ledger = on.built()
    try InventoryCostPosting.post(&ledger, options(.perEntry))
    #expect(glEntries(ledger).map { $0.split(separator: "|")[2] } == ["2131", "5530"])
    #expect(ledger.valueEntries[Columns.valueEntry.expectedCostPostedToGL, 0] == ExactDecimal(95))

    var off = try LedgerBuilder()
    off.ledger.expectedCostPostingToGL = false
    try off.valueEntry("2020-01-01", .purchase, .directCost, expected: "95", posted: false)
    let plan = try InventoryCostPosting.plan(off.built(), options(.perEntry))
    #expect(plan.postedRows.isEmpty)
    #expect(plan.skipped.map(\.reason) == [.expectedCostPostingOff])
  }

  @Test("skips (BC leaves the account blank): missing setup row, blank account, blocked account")
  func skips() throws {
    var builder = try LedgerBuilder()
    try builder.valueEntry("2020-03-01", .purchase, .directCost, actual: "10", posted: false, location: "RED")
    try builder.valueEntry("2020-03-02", .sale, .directCost, actual: "-5", posted: false)
    try builder.valueEntry("2020-03-03", .purchase, .indirectCost, actual: "3", posted: false)
    try builder.valueEntry("2020-03-04", .positiveAdjmt, .directCost, actual: "2", posted: false)
    let gps = Columns.generalPostingSetup, account = Columns.glAccount
    for row in builder.ledger.generalPostingSetup.indices {
      builder.ledger.generalPostingSetup[gps.cogsAccount, row] = .blank
    }
    let overhead = try #require(
      builder.ledger.glAccounts.indices.first {
        builder.ledger.string(builder.ledger.glAccounts[account.no, $0]) == "7292"
      })
    builder.ledger.glAccounts[account.blocked, overhead] = true
    var ledger = builder.built()
    let before = SnapshotStore.encode(ledger)
    let plan = try InventoryCostPosting.plan(ledger, options(.perEntry))
    #expect(
      plan.skipped.map(\.reason) == [
        .missingSetup("location \"RED\", group \"RESALE\""), .blankAccount("COGS Account"),
        .blockedAccount("7292"),
      ])
    #expect(plan.stopped.isEmpty)
    #expect(plan.postedRows == [3])
    #expect(plan.skippedTable(ledger).rows.count == 3)
    #expect(plan.glLinesTable(ledger).rows.count == 2 + 3)
    // A dry run changes nothing.
    #expect(SnapshotStore.encode(ledger) == before)
    let summary = try InventoryCostPosting.post(&ledger, options(.perEntry))
    #expect(summary.description == "1 value entries posted, 2 G/L entries in register 1, 3 skipped")
  }

  @Test("running it twice posts nothing the second time")
  func idempotent() throws {
    var ledger = try unpostedGC1()
    try InventoryCostPosting.post(&ledger, options(.perPostingGroup))
    let after = SnapshotStore.encode(ledger)
    #expect(throws: InventoryCostPosting.PostingError.nothingToPost(skipped: 0)) {
      try InventoryCostPosting.post(&ledger, options(.perPostingGroup))
    }
    #expect(SnapshotStore.encode(ledger) == after)
  }

  @Test("all or nothing: a run that fails part-way leaves the ledger as it was")
  func allOrNothing() throws {
    var builder = try LedgerBuilder()
    for _ in 0..<10 {
      try builder.valueEntry("2020-03-01", .purchase, .directCost, actual: "9999999999999", posted: false)
    }
    var ledger = builder.built()
    let before = SnapshotStore.encode(ledger)
    #expect(throws: InventoryCostPosting.PostingError.overflow) {
      try InventoryCostPosting.post(&ledger, options(.perPostingGroup))
    }
    #expect(SnapshotStore.encode(ledger) == before)
  }

  @Test("document number rules of the two methods")
  func documentNumbers() throws {
    let ledger = try unpostedGC1()
    #expect(throws: InventoryCostPosting.PostingError.documentNoRequired) {
      try InventoryCostPosting.plan(
        ledger, InventoryCostPosting.Options(method: .perPostingGroup, runDate: runDate))
    }
    #expect(throws: InventoryCostPosting.PostingError.documentNoNotAllowed) {
      try InventoryCostPosting.plan(
        ledger, InventoryCostPosting.Options(method: .perEntry, documentNo: "X", runDate: runDate))
    }
  }

  @Test(
    "generated ledgers: after posting everything is posted, registers balance, only manual lines differ",
    arguments: [(11, InventoryCostPosting.Method.perEntry), (12, .perPostingGroup)]
      as [(UInt64, InventoryCostPosting.Method)])
  func property(seed: UInt64, method: InventoryCostPosting.Method) throws {
    var generated = GeneratorOptions(valueEntries: 3_000, seed: seed)
    generated.unpostedDays = 40
    generated.manualJournalLines = 3
    var ledger = LedgerGenerator.generate(generated)
    let summary = try InventoryCostPosting.post(&ledger, options(method))
    #expect(summary.valueEntriesPosted > 100)
    let ve = Columns.valueEntry
    for row in ledger.valueEntries.indices {
      #expect(ledger.valueEntries[ve.costPostedToGL, row] == ledger.valueEntries[ve.costAmountActual, row])
      #expect(
        ledger.valueEntries[ve.expectedCostPostedToGL, row] == ledger.valueEntries[ve.costAmountExpected, row]
      )
    }
    let gl = Columns.glEntry, register = Columns.glRegister
    for row in ledger.glRegisters.indices {
      var sum = ExactSum()
      for entry in ledger.glRegisters[register.fromEntryNo, row]...ledger.glRegisters[register.toEntryNo, row]
      {
        sum.add(ledger.glEntries[gl.amount, try #require(ledger.indexes.glEntryByNumber.row(of: entry))])
      }
      #expect(try sum.value() == .zero)
    }
    // The manual lines (2110 against 8640) are the only Difference left.
    var manual = ExactSum()
    for row in ledger.glEntries.indices where ledger.string(ledger.glEntries[gl.sourceCode, row]) == "GENJNL"
    {
      if ledger.string(ledger.glEntries[gl.glAccountNo, row]) == "2110" {
        manual.add(ledger.glEntries[gl.amount, row])
      }
    }
    let result = try reconcile(ledger)
    #expect(try result.difference[.inventory] == manual.value())
    for field in ReconciliationField.allCases
    where ![
      .inventory, .directCostAppliedActual, .overheadAppliedActual, .directCostAppliedWIP,
      .overheadAppliedWIP, .inventoryToWIP, .wipToInterim,
    ].contains(field) {
      #expect(result.difference[field].isZero, "\(field.caption)")
    }
    #expect(throws: InventoryCostPosting.PostingError.self) {
      try InventoryCostPosting.post(&ledger, options(method))
    }
  }
}
