/// A whole company: setup, master data and ledgers, as one snapshot holds them.
///
/// Tables are columnar (`LedgerTable`); every code and text is an id into `strings`. The
/// lookups later stages need (entry by number, value entries by item and by date, relations both
/// ways) are in `indexes`, rebuilt by `rebuildIndexes()` after any change to the ledgers.
public struct Ledger: Sendable {
  public var strings = StringPool()
  public var company = LedgerTable(schema: Columns.company.schema)
  public var setup = LedgerTable(schema: Columns.setup.schema)
  public var glAccounts = LedgerTable(schema: Columns.glAccount.schema)
  public var locations = LedgerTable(schema: Columns.location.schema)
  public var items = LedgerTable(schema: Columns.item.schema)
  public var inventoryPostingSetup = LedgerTable(schema: Columns.inventoryPostingSetup.schema)
  public var generalPostingSetup = LedgerTable(schema: Columns.generalPostingSetup.schema)
  public var accountingPeriods = LedgerTable(schema: Columns.accountingPeriod.schema)
  public var productionOrders = LedgerTable(schema: Columns.productionOrder.schema)
  public var itemLedgerEntries = LedgerTable(schema: Columns.itemLedgerEntry.schema)
  public var itemApplicationEntries = LedgerTable(schema: Columns.itemApplicationEntry.schema)
  public var valueEntries = LedgerTable(schema: Columns.valueEntry.schema)
  public var glEntries = LedgerTable(schema: Columns.glEntry.schema)
  public var glRegisters = LedgerTable(schema: Columns.glRegister.schema)
  public var glItemLedgerRelations = LedgerTable(schema: Columns.glItemLedgerRelation.schema)
  public var dateCompressions = LedgerTable(schema: Columns.dateCompression.schema)
  // The project (job) WIP extension (`jobs-wip.md` §2); empty in a snapshot without jobs.
  public var jobs = LedgerTable(schema: Columns.job.schema)
  public var jobTasks = LedgerTable(schema: Columns.jobTask.schema)
  public var jobPlanningLines = LedgerTable(schema: Columns.jobPlanningLine.schema)
  public var jobLedgerEntries = LedgerTable(schema: Columns.jobLedgerEntry.schema)
  public var jobPostingGroups = LedgerTable(schema: Columns.jobPostingGroup.schema)
  public var jobWIPMethods = LedgerTable(schema: Columns.jobWIPMethod.schema)
  public var jobWIPEntries = LedgerTable(schema: Columns.jobWIPEntry.schema)
  public var jobWIPGLEntries = LedgerTable(schema: Columns.jobWIPGLEntry.schema)
  /// Top-level `x-` keys, in the order read.
  public var extras: [ExtraField] = []
  public internal(set) var indexes = LedgerIndexes()

  /// An empty company with one company row and one setup row holding their defaults.
  public init() {
    appendRow(to: \.company)
    appendRow(to: \.setup)
  }

  /// The array-valued tables in the order a snapshot lists them.
  public static var arrayTables: [WritableKeyPath<Ledger, LedgerTable>] {
    [
      \.glAccounts, \.locations, \.items, \.inventoryPostingSetup, \.generalPostingSetup,
      \.accountingPeriods, \.productionOrders, \.itemLedgerEntries, \.itemApplicationEntries,
      \.valueEntries, \.glEntries, \.glRegisters, \.glItemLedgerRelations, \.dateCompressions,
    ] + jobTables
  }

  /// The job WIP extension's tables: optional, written only when they hold rows, so that a
  /// snapshot without jobs saves to the same bytes as before the extension existed.
  public static var jobTables: [WritableKeyPath<Ledger, LedgerTable>] {
    [
      \.jobs, \.jobTasks, \.jobPlanningLines, \.jobLedgerEntries, \.jobPostingGroups, \.jobWIPMethods,
      \.jobWIPEntries, \.jobWIPGLEntries,
    ]
  }
  static let optionalTableNames: Set<String> = [
    Columns.job.schema.name, Columns.jobTask.schema.name, Columns.jobPlanningLine.schema.name,
    Columns.jobLedgerEntry.schema.name, Columns.jobPostingGroup.schema.name, Columns.jobWIPMethod.schema.name,
    Columns.jobWIPEntry.schema.name, Columns.jobWIPGLEntry.schema.name,
  ]

  /// Appends a row with every default applied, non-blank text defaults included.
  @discardableResult
  public mutating func appendRow(to table: WritableKeyPath<Ledger, LedgerTable>) -> Int {
    let row = self[keyPath: table].appendDefaultRow()
    for field in self[keyPath: table].schema.fields where !field.defaultText.isEmpty {
      let id = strings.intern(field.defaultText)
      self[keyPath: table].strings[field.slot][row] = id.raw
    }
    return row
  }

  // MARK: Setup

  /// Amount rounding precision as a number of decimals (0–5).
  public var amountDecimals: Int {
    get { Int(setup[Columns.setup.amountDecimals, 0]) }
    set { setup[Columns.setup.amountDecimals, 0] = Int64(newValue) }
  }
  public var expectedCostPostingToGL: Bool {
    get { setup[Columns.setup.expectedCostPostingToGL, 0] }
    set { setup[Columns.setup.expectedCostPostingToGL, 0] = newValue }
  }
  public var automaticCostPosting: Bool {
    get { setup[Columns.setup.automaticCostPosting, 0] }
    set { setup[Columns.setup.automaticCostPosting, 0] = newValue }
  }
  /// Start of the allowed posting window; nil = open.
  public var allowPostingFrom: LedgerDate? {
    get { optionalDate(Columns.setup.allowPostingFrom) }
    set { setup[Columns.setup.allowPostingFrom, 0] = newValue ?? LedgerTable.noDate }
  }
  /// End of the allowed posting window; nil = open.
  public var allowPostingTo: LedgerDate? {
    get { optionalDate(Columns.setup.allowPostingTo) }
    set { setup[Columns.setup.allowPostingTo, 0] = newValue ?? LedgerTable.noDate }
  }
  public var inventoryPostCostSourceCode: String {
    strings.string(setup[Columns.setup.inventoryPostCostSourceCode, 0])
  }
  /// Source Code Setup "Job G/L WIP", stamped on the G/L entries of `jobs post-wip`.
  public var jobGLWIPSourceCode: String {
    strings.string(setup[Columns.setup.jobGLWIPSourceCode, 0])
  }
  public var companyName: String {
    get { strings.string(company[Columns.company.name, 0]) }
    set { company[Columns.company.name, 0] = strings.intern(newValue) }
  }

  private func optionalDate(_ column: DateColumn) -> LedgerDate? {
    let date = setup[column, 0]
    return date == LedgerTable.noDate ? nil : date
  }

  /// The string of a code or text field.
  public func string(_ id: StringID) -> String { strings.string(id) }

  /// Row counts per table, as `validate` prints them.
  public var tableCounts: [(name: String, count: Int)] {
    Ledger.arrayTables.map { (self[keyPath: $0].schema.name, self[keyPath: $0].count) }
      .filter { $0.count > 0 || !Ledger.optionalTableNames.contains($0.name) }
  }
}
