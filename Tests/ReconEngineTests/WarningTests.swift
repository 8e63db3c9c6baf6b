import Testing

@testable import ReconEngine

/// Each warning of §3.6's chain, and the rule that a cell shows text only where its own
/// Difference is non-zero.
@Suite("Warnings")
struct WarningTests {
  /// A purchase and a sale, fully posted: reconciled.
  func reconciledBase() throws -> LedgerBuilder {
    var builder = try LedgerBuilder()
    try builder.postedPair("2020-01-05", .purchase, .directCost, "100")
    try builder.postedPair("2020-02-10", .sale, .directCost, "-60")
    return builder
  }

  @Test("a reconciled ledger shows no warning text anywhere")
  func reconciled() throws {
    let result = try reconcile(try reconciledBase().built())
    #expect(result.difference.isZero == false)  // the split fields never reconcile (BC quirk)
    for row in MatrixRow.allCases {
      for column in MatrixColumn.allCases {
        if case .warning(let warning, _) = result.cell(row, column) { #expect(warning == nil) }
      }
    }
  }

  @Test("Post Cost to G/L: cost that never reached the G/L")
  func postCostToGL() throws {
    var builder = try reconciledBase()
    try builder.valueEntry("2020-03-01", .sale, .directCost, actual: "-20", posted: false)
    let result = try reconcile(builder.built())
    #expect(result.warnings?.chain == .postCostToGL)
    #expect(result.cell(.cogs, .warning) == .warning(.postCostToGL, .cogs))
    #expect(result.cell(.warning, .inventory) == .warning(.postCostToGL, .inventory))
    // Cells whose Difference is zero stay blank.
    #expect(result.cell(.directCostApplied, .warning) == .warning(nil, .directCostApplied))
    #expect(result.cell(.warning, .inventoryInterim) == .warning(nil, .inventoryInterim))
  }

  @Test("Compression: a date compression inside the filter")
  func compression() throws {
    var builder = try reconciledBase()
    try builder.glEntry("2020-03-01", "2130", "5")  // something to explain
    let dc = Columns.dateCompression
    let row = builder.ledger.appendRow(to: \.dateCompressions)
    builder.ledger.dateCompressions[dc.tableName, row] = .glEntry
    builder.ledger.dateCompressions[dc.startingDate, row] = try #require(LedgerDate("2020-01-01"))
    builder.ledger.dateCompressions[dc.endingDate, row] = try #require(LedgerDate("2020-01-31"))
    let ledger = builder.built()
    #expect(try reconcile(ledger).warnings?.chain == .compression)
    #expect(try reconcile(ledger).cell(.warning, .inventory) == .warning(.compression, .inventory))
    // Outside the filter the compression does not count.
    #expect(try reconcile(ledger, date: "2020-03-01..2020-03-31").warnings?.chain != .compression)
  }

  @Test("Closed Fiscal Year: closing entries on the closing date of a closed year")
  func closedFiscalYear() throws {
    var builder = try reconciledBase()
    // Year-end closing moves COGS to retained earnings on C2020-12-31.
    try builder.glEntry("C2020-12-31", "7290", "-60")
    try builder.glEntry("C2020-12-31", "2130", "0.01")  // a stray cent so test 1 does not stop the chain
    let p = Columns.accountingPeriod
    for month in 1...12 {
      let row = builder.ledger.appendRow(to: \.accountingPeriods)
      builder.ledger.accountingPeriods[p.startingDate, row] = try #require(
        LedgerDate(year: 2020, month: month, day: 1))
      builder.ledger.accountingPeriods[p.newFiscalYear, row] = month == 1
      builder.ledger.accountingPeriods[p.closed, row] = true
    }
    // Without the next year's first period, CheckGLClosingOverlaps looks on the closing date of
    // the last period's start (C2020-12-01) and finds nothing.
    #expect(try reconcile(builder.built()).warnings?.chain == .directPosting)
    let next = builder.ledger.appendRow(to: \.accountingPeriods)
    builder.ledger.accountingPeriods[p.startingDate, next] = try #require(LedgerDate("2021-01-01"))
    builder.ledger.accountingPeriods[p.newFiscalYear, next] = true
    let result = try reconcile(builder.built())
    #expect(result.warnings?.chain == .closedFiscalYear)
    #expect(result.cell(.cogs, .warning) == .warning(.closedFiscalYear, .cogs))
    // With the year open, the same entries are not closing entries of a closed year.
    var open = builder
    for row in open.ledger.accountingPeriods.indices { open.ledger.accountingPeriods[p.closed, row] = false }
    #expect(try reconcile(open.built()).warnings?.chain != .closedFiscalYear)
  }

  @Test("Deleted Accounts: G/L entries whose account was deleted")
  func deletedAccounts() throws {
    var builder = try reconciledBase()
    try builder.glEntry("2020-03-01", "", "12")
    try builder.glEntry("2020-03-01", "2130", "3")
    let result = try reconcile(builder.built())
    #expect(result.warnings?.chain == .deletedAccounts)
    #expect(result.cell(.warning, .inventory) == .warning(.deletedAccounts, .inventory))
  }

  @Test("Posting Date: a value entry after the period whose G/L entry falls inside it")
  func postingDate() throws {
    var builder = try reconciledBase()
    // Value entry dated 2020-04-02, its G/L entries dated 2020-03-31.
    try builder.valueEntry("2020-04-02", .purchase, .directCost, actual: "50")
    try builder.glEntry("2020-03-31", "2130", "50")
    try builder.glEntry("2020-03-31", "7291", "-50")
    let result = try reconcile(builder.built(), date: "..2020-03-31")
    #expect(result.warnings?.chain == .postingDate)
    #expect(result.cell(.warning, .inventory) == .warning(.postingDate, .inventory))
    #expect(result.cell(.directCostApplied, .warning) == .warning(.postingDate, .directCostApplied))
  }

  @Test("Direct Posting: a manual line straight to the inventory account")
  func directPosting() throws {
    var builder = try reconciledBase()
    try builder.glEntry("2020-03-01", "2130", "250")
    try builder.glEntry("2020-03-01", "8640", "-250")
    let result = try reconcile(builder.built())
    #expect(result.warnings?.chain == .directPosting)
    #expect(
      result.cell(.difference, .inventory)
        == .amount(ExactDecimal(250), CellFormula.formula(.difference, .inventory)!))
    #expect(result.cell(.warning, .inventory) == .warning(.directPosting, .inventory))
    #expect(result.cell(.cogs, .warning) == .warning(nil, .cogs))
  }

  @Test("Expected Cost Setup outranks the chain on interim fields only")
  func expectedCostSetupPrecedence() throws {
    var builder = try reconciledBase()
    builder.ledger.expectedCostPostingToGL = false
    try builder.valueEntry("2020-03-01", .purchase, .directCost, expected: "40", posted: false)
    try builder.valueEntry("2020-03-02", .sale, .directCost, actual: "-10", posted: false)
    let result = try reconcile(builder.built())
    #expect(result.warnings == WarningFlags(expectedCostSetup: true, chain: .postCostToGL))
    #expect(result.cell(.warning, .inventoryInterim) == .warning(.expectedCostSetup, .inventoryInterim))
    #expect(result.cell(.invtAccrualInterim, .warning) == .warning(.expectedCostSetup, .invtAccrualInterim))
    #expect(result.cell(.warning, .inventory) == .warning(.postCostToGL, .inventory))
    #expect(result.cell(.cogs, .warning) == .warning(.postCostToGL, .cogs))
  }

  @Test("every warning has its short text and long explanation")
  func texts() {
    for warning in ReconciliationWarning.allCases {
      #expect(!warning.text.isEmpty && warning.explanation.count > 30)
    }
    #expect(ReconciliationWarning.postCostToGL.text == "Post Cost to G/L")
  }
}
