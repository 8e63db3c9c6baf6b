/// The bundled sample company, CRONUS Office Furniture Ltd.: a year of activity (2025) of a
/// small furniture maker and reseller, with deliberate reconciliation problems documented in
/// `SampleData/README.md`. It is built from a fixed seed by the engine, so the executable needs
/// no resource files and the committed `SampleData/*.json` can be regenerated
/// (`reconbench export-sample`) and checked against it by the tests.
public enum SampleCompany {
  public static let name = "bundled sample company (CRONUS Office Furniture Ltd.)"
  public static let seed: UInt64 = 2025
  public static let valueEntries = 2_500
  public static let fileName = "cronus-sample.json"
  public static let expectedCostOffFileName = "cronus-sample-expected-cost-off.json"

  /// The sample as `reconbench` opens it with no snapshot named.
  public static func load() -> Ledger { build(expectedCostPosting: true) }

  /// The sample; with `expectedCostPosting: false`, the same company with expected cost posting
  /// switched off (and therefore no interim G/L entries).
  public static func build(expectedCostPosting: Bool) -> Ledger {
    var options = GeneratorOptions(valueEntries: valueEntries, seed: seed)
    options.catalog = catalog
    options.expectedCostPostingToGL = expectedCostPosting
    options.unpostedDays = 4
    options.manualJournalLines = 0
    var ledger = LedgerGenerator.generate(options)
    ledger.companyName = "CRONUS Office Furniture Ltd."
    var problems = SampleProblems(ledger: ledger)
    problems.addManualJournalLine()
    problems.addPostingDateMismatch()
    problems.changeResaleInventoryAccountMidYear()
    problems.addDeletedAccountEntries()
    ledger = problems.ledger
    addProjects(&ledger)
    ledger.rebuildIndexes()
    return ledger
  }

  /// Six fit-out projects over 2025, one per built-in WIP method (and COST VALUE twice, once per
  /// job ledger entry), one completed in August; WIP was posted at the end of each quarter but
  /// the last, and a hand-made journal line on a WIP P&L account makes Job WIP To G/L differ.
  public static let projects: [CatalogJob] = [
    CatalogJob("J-1001", "Reception Area Fit-Out, Mercer Bank", method: "COST VALUE", months: 1...9),
    CatalogJob("J-1002", "Boardroom Furniture, Halden Legal", method: "COST OF SALES", months: 2...11),
    CatalogJob(
      "J-1003", "Open-Plan Office Floor 2, Vireo Labs", method: "POC", perLedgerEntry: true, months: 3...12,
      postingTasks: 5),
    CatalogJob("J-1004", "Hotel Lobby Seating, Quayside Hotel", method: "SALES VALUE", months: 4...12),
    CatalogJob(
      "J-1005", "School Library Shelving, Ashby Academy", method: "COMPLETED CONTRACT", months: 1...8,
      completedInMonth: 8),
    CatalogJob(
      "J-1006", "Workstation Roll-Out, Northwind Insurance", method: "COST VALUE", perLedgerEntry: true,
      months: 6...12),
  ]

  static func addProjects(_ ledger: inout Ledger) {
    var options = JobGeneratorOptions(jobs: projects.count, ledgerEntries: 0, seed: seed)
    options.catalog = projects
    options.ledgerEntries = 18 * 20
    JobGenerator.addJobs(to: &ledger, options)
    ledger.rebuildIndexes()
    for (quarter, end) in ["2025-03-31", "2025-06-30", "2025-09-30"].enumerated() {
      guard let date = LedgerDate(end) else { continue }
      let posting = JobWIPPosting.Options(
        postingDate: date, documentNo: "WIP-2025-Q\(quarter + 1)", runDate: date)
      _ = try? JobWIPPosting.post(&ledger, posting)
    }
    // A cost correction journaled by hand to Job Costs Applied for J-1002, after the Q3 WIP.
    var problems = SampleProblems(ledger: ledger)
    let first = Int64(ledger.glEntries.count + 1)
    problems.addGLEntry(
      "2025-10-14", "7620", "120.00", document: "GJ-00031", description: "Travel costs J-1002, reclassified",
      job: "J-1002")
    problems.addGLEntry(
      "2025-10-14", "8640", "-120.00", document: "GJ-00031", description: "Travel costs J-1002, reclassified")
    problems.addRegister(from: first, source: "GENJNL", date: "2025-10-14")
    ledger = problems.ledger
    ledger.rebuildIndexes()
  }

  /// Thirty items: office furniture bought for resale, raw materials, and finished goods made
  /// in-house at standard cost.
  public static let catalog: [CatalogItem] = [
    CatalogItem("1000", "Oak Office Desk", .resale, .fifo, cost: 28_500, overhead: 150),
    CatalogItem("1010", "Ergonomic Office Chair", .resale, .average, cost: 16_900),
    CatalogItem("1020", "LED Desk Lamp", .resale, .fifo, cost: 2_450),
    CatalogItem("1030", "Steel Filing Cabinet", .resale, .average, cost: 11_200, overhead: 80),
    CatalogItem("1040", "Conference Table Walnut", .resale, .fifo, cost: 64_000),
    CatalogItem("1050", "Bamboo Bookshelf", .resale, .average, cost: 9_850),
    CatalogItem("1060", "Whiteboard 120 x 90", .resale, .fifo, cost: 4_300),
    CatalogItem("1070", "Monitor Arm Double", .resale, .average, cost: 5_600),
    CatalogItem("1080", "Visitor Chair Stackable", .resale, .fifo, cost: 3_900, overhead: 40),
    CatalogItem("1090", "Coat Stand Chrome", .resale, .average, cost: 2_750),
    CatalogItem("1100", "Desk Organizer Set", .resale, .fifo, cost: 1_290),
    CatalogItem("1110", "Cable Tray Under-Desk", .resale, .average, cost: 1_850),
    CatalogItem("2000", "Oak Panel 18 mm", .rawMaterial, .average, cost: 3_150),
    CatalogItem("2010", "Steel Tube 25 mm", .rawMaterial, .fifo, cost: 780),
    CatalogItem("2020", "Castor Set (5)", .rawMaterial, .standard, cost: 1_450),
    CatalogItem("2030", "Gas Spring Class 4", .rawMaterial, .average, cost: 1_120),
    CatalogItem("2040", "Upholstery Fabric Grey", .rawMaterial, .fifo, cost: 960),
    CatalogItem("2050", "Foam Block 50 mm", .rawMaterial, .average, cost: 640),
    CatalogItem("2060", "Screw Kit M6", .rawMaterial, .standard, cost: 210),
    CatalogItem("2070", "Aluminium Base 5-Star", .rawMaterial, .fifo, cost: 2_380),
    CatalogItem("2080", "LED Module 12 V", .rawMaterial, .average, cost: 870),
    CatalogItem("2090", "Powder Coat Black (kg)", .rawMaterial, .fifo, cost: 1_530),
    CatalogItem("3000", "Atlas Standing Desk", .finishedGood, .standard, cost: 41_000),
    CatalogItem("3010", "Nova Task Chair", .finishedGood, .standard, cost: 18_500),
    CatalogItem("3020", "Orbit Meeting Table", .finishedGood, .standard, cost: 52_000),
    CatalogItem("3030", "Helix Floor Lamp", .finishedGood, .standard, cost: 7_400),
    CatalogItem("3040", "Summit Storage Unit", .finishedGood, .standard, cost: 23_800),
    CatalogItem("3050", "Vega Bench", .finishedGood, .standard, cost: 15_600),
    CatalogItem("3060", "Pioneer Stool", .finishedGood, .standard, cost: 6_900),
    CatalogItem("3070", "Luna Side Table", .finishedGood, .standard, cost: 9_300),
  ]
}

/// The deliberate problems, each a small, documented change to an otherwise consistent ledger.
struct SampleProblems {
  var ledger: Ledger

  private func date(_ text: String) -> LedgerDate { LedgerDate(text) ?? LedgerTable.noDate }

  /// A stock-count correction posted by hand straight to the raw-materials inventory account.
  mutating func addManualJournalLine() {
    let first = Int64(ledger.glEntries.count + 1)
    addGLEntry(
      "2025-11-20", "2120", "1250.00", document: "GJ-00017",
      description: "Stock count correction, raw materials")
    addGLEntry(
      "2025-11-20", "8640", "-1250.00", document: "GJ-00017",
      description: "Stock count correction, raw materials")
    addRegister(from: first, source: "GENJNL", date: "2025-11-20")
  }

  /// A freight charge invoiced on 1 April whose G/L entries were posted on 31 March.
  mutating func addPostingDateMismatch() {
    let ve = Columns.valueEntry, ile = Columns.itemLedgerEntry
    // The first purchase receipt of item 1040 in March takes the charge.
    let item = ledger.strings.intern("1040")
    guard
      let target = ledger.itemLedgerEntries.indices.first(where: {
        ledger.itemLedgerEntries[ile.itemNo, $0] == item
          && ledger.itemLedgerEntries[ile.entryType, $0] == .purchase
          && ledger.itemLedgerEntries[ile.postingDate, $0] >= date("2025-03-01")
      })
    else { return }
    let row = ledger.appendRow(to: \.valueEntries)
    let entryNo = Int64(ledger.valueEntries.count)
    let amount = ExactDecimal(units: 48_620_000)  // 486.20
    ledger.valueEntries[ve.entryNo, row] = entryNo
    ledger.valueEntries[ve.itemNo, row] = item
    ledger.valueEntries[ve.postingDate, row] = date("2025-04-01")
    ledger.valueEntries[ve.itemLedgerEntryType, row] = .purchase
    ledger.valueEntries[ve.itemLedgerEntryNo, row] = ledger.itemLedgerEntries[ile.entryNo, target]
    ledger.valueEntries[ve.entryType, row] = .directCost
    ledger.valueEntries[ve.documentType, row] = ledger.strings.intern("Purchase Invoice")
    ledger.valueEntries[ve.documentNo, row] = ledger.strings.intern("PI-FRT-0401")
    ledger.valueEntries[ve.locationCode, row] = ledger.itemLedgerEntries[ile.locationCode, target]
    ledger.valueEntries[ve.inventoryPostingGroup, row] = ledger.strings.intern("RESALE")
    ledger.valueEntries[ve.genBusPostingGroup, row] = ledger.strings.intern("DOMESTIC")
    ledger.valueEntries[ve.genProdPostingGroup, row] = ledger.strings.intern("RETAIL")
    ledger.valueEntries[ve.sourceType, row] = ledger.strings.intern("Vendor")
    ledger.valueEntries[ve.sourceNo, row] = ledger.strings.intern("V90000")
    ledger.valueEntries[ve.itemChargeNo, row] = ledger.strings.intern("FREIGHT")
    ledger.valueEntries[ve.valuedQuantity, row] = ledger.itemLedgerEntries[ile.quantity, target]
    ledger.valueEntries[ve.costAmountActual, row] = amount
    ledger.valueEntries[ve.costPostedToGL, row] = amount
    ledger.valueEntries[ve.purchaseAmountActual, row] = amount
    let first = Int64(ledger.glEntries.count + 1)
    let register = Int64(ledger.glRegisters.count + 1)
    addGLEntry(
      "2025-03-31", "2110", "486.20", document: "PI-FRT-0401", description: "Direct Cost 1040 on 2025-03-31")
    addGLEntry(
      "2025-03-31", "7291", "-486.20", document: "PI-FRT-0401", description: "Direct Cost 1040 on 2025-03-31")
    let r = Columns.glItemLedgerRelation
    for glEntryNo in [first, first + 1] {
      let relation = ledger.appendRow(to: \.glItemLedgerRelations)
      ledger.glItemLedgerRelations[r.glEntryNo, relation] = glEntryNo
      ledger.glItemLedgerRelations[r.valueEntryNo, relation] = entryNo
      ledger.glItemLedgerRelations[r.glRegisterNo, relation] = register
    }
    addRegister(from: first, source: "INVTPCOST", date: "2025-03-31")
  }

  /// From 1 July resale inventory posts to the new account 2115: the setup was changed, and
  /// the first half-year's balance on 2110 is no longer looked at by the reconciliation.
  mutating func changeResaleInventoryAccountMidYear() {
    let a = Columns.glAccount
    let account = ledger.appendRow(to: \.glAccounts)
    ledger.glAccounts[a.no, account] = ledger.strings.intern("2115")
    ledger.glAccounts[a.name, account] = ledger.strings.intern("Inventory, Resale Items (new)")
    ledger.glAccounts[a.incomeBalance, account] = .balanceSheet
    let old = ledger.strings.intern("2110")
    let new = ledger.strings.intern("2115")
    let ips = Columns.inventoryPostingSetup
    for row in ledger.inventoryPostingSetup.indices
    where ledger.inventoryPostingSetup[ips.inventoryAccount, row] == old {
      ledger.inventoryPostingSetup[ips.inventoryAccount, row] = new
    }
    let gl = Columns.glEntry
    for row in ledger.glEntries.indices
    where ledger.glEntries[gl.glAccountNo, row] == old && ledger.glEntries[gl.systemCreatedEntry, row]
      && ledger.glEntries[gl.postingDate, row] >= date("2025-07-01")
    {
      ledger.glEntries[gl.glAccountNo, row] = new
    }
  }

  /// Two entries on an account that was deleted afterwards (their account number is blank).
  mutating func addDeletedAccountEntries() {
    let first = Int64(ledger.glEntries.count + 1)
    addGLEntry(
      "2025-09-15", "", "300.00", document: "GJ-00012", description: "Reclassification, old stock account")
    addGLEntry(
      "2025-09-15", "8640", "-300.00", document: "GJ-00012",
      description: "Reclassification, old stock account")
    addRegister(from: first, source: "GENJNL", date: "2025-09-15")
  }

  mutating func addGLEntry(
    _ day: String, _ account: String, _ amount: String, document: String, description: String,
    job: String = ""
  ) {
    let gl = Columns.glEntry
    let row = ledger.appendRow(to: \.glEntries)
    ledger.glEntries[gl.entryNo, row] = Int64(row + 1)
    ledger.glEntries[gl.glAccountNo, row] = ledger.strings.intern(account)
    ledger.glEntries[gl.postingDate, row] = date(day)
    ledger.glEntries[gl.documentNo, row] = ledger.strings.intern(document)
    ledger.glEntries[gl.description, row] = ledger.strings.intern(description)
    ledger.glEntries[gl.amount, row] = (try? ExactDecimal(parsing: amount)) ?? .zero
    let manual = document.hasPrefix("GJ-")
    ledger.glEntries[gl.sourceCode, row] = ledger.strings.intern(manual ? "GENJNL" : "INVTPCOST")
    ledger.glEntries[gl.systemCreatedEntry, row] = !manual
    ledger.glEntries[gl.transactionNo, row] = Int64(ledger.glRegisters.count + 1)
    ledger.glEntries[gl.jobNo, row] = ledger.strings.intern(job)
  }

  mutating func addRegister(from first: Int64, source: String, date day: String) {
    let c = Columns.glRegister
    let row = ledger.appendRow(to: \.glRegisters)
    ledger.glRegisters[c.no, row] = Int64(row + 1)
    ledger.glRegisters[c.fromEntryNo, row] = first
    ledger.glRegisters[c.toEntryNo, row] = Int64(ledger.glEntries.count)
    ledger.glRegisters[c.sourceCode, row] = ledger.strings.intern(source)
    ledger.glRegisters[c.creationDate, row] = date(day)
  }
}
