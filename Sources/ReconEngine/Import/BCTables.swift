/// The Business Central tables and fields the import reads, and the snapshot fields they feed
/// (bc-import.md §3): field IDs, AL names and types from the Base Application.
struct BCField: Sendable {
  enum Kind: Sendable {
    /// Integer; `relation` when RapidStart writes its 0 as an empty element.
    case integer(relation: Bool)
    case decimal
    case boolean
    case date
    case code
    case text
    case option(BCEnum)
    case dateTime
    /// Amount Decimal Places, Text[5] such as `2:2`.
    case decimalPlaces
  }
  enum Target: Sendable {
    /// The snapshot field of the table's array.
    case field(String)
    /// `setup.<name>` or `company.<name>`.
    case setup(String)
    case company(String)
    /// Read for the import's own use (keys of setup tables, Date Compr. Register No.).
    case none
  }
  let id: Int
  let name: String
  let kind: Kind
  let target: Target
  /// The English caption where it differs from the name (bc2adls *Use Field Captions*).
  let caption: String?

  init(_ id: Int, _ name: String, _ kind: Kind, _ target: Target, caption: String? = nil) {
    self.id = id
    self.name = name
    self.kind = kind
    self.target = target
    self.caption = caption
  }
}

struct BCTable: Sendable {
  let id: Int
  let name: String
  /// The snapshot array it fills; nil for the setup tables.
  let array: String?
  let key: [Int]
  let required: [Int]
  let fields: [BCField]

  func field(_ id: Int) -> BCField? { fields.first { $0.id == id } }
  var isSetup: Bool { array == nil }

  /// The Base Application's app ID, the suffix of its SQL table names (BC 15 and later).
  static let baseAppID = "437dbf0e-84ff-417a-965d-ed2bb9650972"

  static let all: [BCTable] = [
    valueEntry, itemLedgerEntry, itemApplicationEntry, glEntry, glRegister, glItemLedgerRelation, glAccount,
    item, location, inventoryPostingSetup, generalPostingSetup, accountingPeriod, inventorySetup,
    generalLedgerSetup, productionOrder, dateComprRegister, companyInformation, sourceCodeSetup,
  ]
  static func with(id: Int) -> BCTable? { all.first { $0.id == id } }

  static let valueEntry = BCTable(
    id: 5802, name: "Value Entry", array: "valueEntries", key: [1], required: [1, 3, 105],
    fields: [
      .init(1, "Entry No.", .integer(relation: false), .field("entryNo")),
      .init(2, "Item No.", .code, .field("itemNo")),
      .init(3, "Posting Date", .date, .field("postingDate")),
      .init(4, "Item Ledger Entry Type", .option(.itemLedgerEntryType), .field("itemLedgerEntryType")),
      .init(5, "Source No.", .code, .field("sourceNo")),
      .init(6, "Document No.", .code, .field("documentNo")),
      .init(7, "Description", .text, .field("description")),
      .init(8, "Location Code", .code, .field("locationCode")),
      .init(9, "Inventory Posting Group", .code, .field("inventoryPostingGroup")),
      .init(11, "Item Ledger Entry No.", .integer(relation: true), .field("itemLedgerEntryNo")),
      .init(12, "Valued Quantity", .decimal, .field("valuedQuantity")),
      .init(13, "Item Ledger Entry Quantity", .decimal, .field("itemLedgerEntryQuantity")),
      .init(14, "Invoiced Quantity", .decimal, .field("invoicedQuantity")),
      .init(15, "Cost per Unit", .decimal, .field("costPerUnit")),
      .init(17, "Sales Amount (Actual)", .decimal, .field("salesAmountActual")),
      .init(41, "Source Type", .option(.analysisSourceType), .field("sourceType")),
      .init(43, "Cost Amount (Actual)", .decimal, .field("costAmountActual")),
      .init(45, "Cost Posted to G/L", .decimal, .field("costPostedToGL")),
      .init(57, "Gen. Bus. Posting Group", .code, .field("genBusPostingGroup")),
      .init(58, "Gen. Prod. Posting Group", .code, .field("genProdPostingGroup")),
      .init(61, "External Document No.", .code, .field("externalDocumentNo")),
      .init(79, "Document Type", .option(.itemLedgerDocumentType), .field("documentType")),
      .init(90, "Order Type", .option(.inventoryOrderType), .field("orderType")),
      .init(91, "Order No.", .code, .field("orderNo")),
      .init(98, "Expected Cost", .boolean, .field("expectedCost")),
      .init(99, "Item Charge No.", .code, .field("itemChargeNo")),
      .init(102, "Partial Revaluation", .boolean, .field("partialRevaluation")),
      .init(103, "Inventoriable", .boolean, .field("inventoriable")),
      .init(104, "Valuation Date", .date, .field("valuationDate")),
      .init(105, "Entry Type", .option(.costEntryType), .field("entryType")),
      .init(106, "Variance Type", .option(.costVarianceType), .field("varianceType")),
      .init(148, "Purchase Amount (Actual)", .decimal, .field("purchaseAmountActual")),
      .init(151, "Cost Amount (Expected)", .decimal, .field("costAmountExpected")),
      .init(152, "Cost Amount (Non-Invtbl.)", .decimal, .field("costAmountNonInvtbl")),
      .init(158, "Expected Cost Posted to G/L", .decimal, .field("expectedCostPostedToGL")),
      .init(5402, "Variant Code", .code, .field("variantCode")),
      .init(5818, "Adjustment", .boolean, .field("adjustment")),
    ])

  static let itemLedgerEntry = BCTable(
    id: 32, name: "Item Ledger Entry", array: "itemLedgerEntries", key: [1], required: [1, 2, 3, 4],
    fields: [
      .init(1, "Entry No.", .integer(relation: false), .field("entryNo")),
      .init(2, "Item No.", .code, .field("itemNo")),
      .init(3, "Posting Date", .date, .field("postingDate")),
      .init(4, "Entry Type", .option(.itemLedgerEntryType), .field("entryType")),
      .init(5, "Source No.", .code, .field("sourceNo")),
      .init(6, "Document No.", .code, .field("documentNo")),
      .init(7, "Description", .text, .field("description")),
      .init(8, "Location Code", .code, .field("locationCode")),
      .init(12, "Quantity", .decimal, .field("quantity")),
      .init(13, "Remaining Quantity", .decimal, .field("remainingQuantity")),
      .init(14, "Invoiced Quantity", .decimal, .field("invoicedQuantity")),
      .init(29, "Open", .boolean, .field("open")),
      .init(41, "Source Type", .option(.analysisSourceType), .field("sourceType")),
      .init(47, "Drop Shipment", .boolean, .field("dropShipment")),
      .init(79, "Document Type", .option(.itemLedgerDocumentType), .field("documentType")),
      .init(90, "Order Type", .option(.inventoryOrderType), .field("orderType")),
      .init(91, "Order No.", .code, .field("orderNo")),
      .init(5402, "Variant Code", .code, .field("variantCode")),
    ])

  static let itemApplicationEntry = BCTable(
    id: 339, name: "Item Application Entry", array: "itemApplicationEntries", key: [1], required: [1],
    fields: [
      .init(1, "Entry No.", .integer(relation: false), .field("entryNo")),
      .init(2, "Item Ledger Entry No.", .integer(relation: true), .field("itemLedgerEntryNo")),
      .init(3, "Inbound Item Entry No.", .integer(relation: true), .field("inboundItemEntryNo")),
      .init(4, "Outbound Item Entry No.", .integer(relation: true), .field("outboundItemEntryNo")),
      .init(11, "Quantity", .decimal, .field("quantity")),
      .init(21, "Posting Date", .date, .field("postingDate")),
    ])

  static let glEntry = BCTable(
    id: 17, name: "G/L Entry", array: "glEntries", key: [1], required: [1, 3, 4],
    fields: [
      .init(1, "Entry No.", .integer(relation: false), .field("entryNo")),
      .init(3, "G/L Account No.", .code, .field("glAccountNo")),
      .init(4, "Posting Date", .date, .field("postingDate")),
      .init(5, "Document Type", .option(.genJournalDocumentType), .field("documentType")),
      .init(6, "Document No.", .code, .field("documentNo")),
      .init(7, "Description", .text, .field("description")),
      .init(17, "Amount", .decimal, .field("amount"), caption: "Amount (LCY)"),
      .init(28, "Source Code", .code, .field("sourceCode")),
      .init(29, "System-Created Entry", .boolean, .field("systemCreatedEntry")),
      // Job No.: set on WIP postings; Job WIP To G/L filters on it (jobs-wip.md §2.1).
      .init(41, "Job No.", .code, .field("jobNo"), caption: "Project No."),
      .init(52, "Transaction No.", .integer(relation: false), .field("transactionNo")),
      .init(56, "External Document No.", .code, .field("externalDocumentNo")),
    ])

  static let glRegister = BCTable(
    id: 45, name: "G/L Register", array: "glRegisters", key: [1], required: [1],
    fields: [
      .init(1, "No.", .integer(relation: false), .field("no")),
      .init(2, "From Entry No.", .integer(relation: true), .field("fromEntryNo")),
      .init(3, "To Entry No.", .integer(relation: true), .field("toEntryNo")),
      .init(4, "Creation Date", .date, .field("creationDate")),
      .init(5, "Source Code", .code, .field("sourceCode")),
    ])

  static let glItemLedgerRelation = BCTable(
    id: 5823, name: "G/L - Item Ledger Relation", array: "glItemLedgerRelations", key: [1, 2],
    required: [1, 2],
    fields: [
      .init(1, "G/L Entry No.", .integer(relation: true), .field("glEntryNo")),
      .init(2, "Value Entry No.", .integer(relation: true), .field("valueEntryNo")),
      .init(3, "G/L Register No.", .integer(relation: true), .field("glRegisterNo")),
    ])

  static let glAccount = BCTable(
    id: 15, name: "G/L Account", array: "glAccounts", key: [1], required: [1],
    fields: [
      .init(1, "No.", .code, .field("no")),
      .init(2, "Name", .text, .field("name")),
      .init(4, "Account Type", .option(.glAccountType), .field("accountType")),
      .init(9, "Income/Balance", .option(.incomeBalance), .field("incomeBalance")),
      .init(13, "Blocked", .boolean, .field("blocked")),
    ])

  static let item = BCTable(
    id: 27, name: "Item", array: "items", key: [1], required: [1],
    fields: [
      .init(1, "No.", .code, .field("no")),
      .init(3, "Description", .text, .field("description")),
      .init(8, "Base Unit of Measure", .code, .field("baseUnitOfMeasure")),
      .init(10, "Type", .option(.itemType), .field("type")),
      .init(11, "Inventory Posting Group", .code, .field("inventoryPostingGroup")),
      .init(21, "Costing Method", .option(.costingMethod), .field("costingMethod")),
      .init(22, "Unit Cost", .decimal, .field("unitCost")),
      .init(24, "Standard Cost", .decimal, .field("standardCost")),
      .init(28, "Indirect Cost %", .decimal, .field("indirectCostPercent")),
      .init(91, "Gen. Prod. Posting Group", .code, .field("genProdPostingGroup")),
      .init(99_000_757, "Overhead Rate", .decimal, .field("overheadRate")),
    ])

  static let location = BCTable(
    id: 14, name: "Location", array: "locations", key: [1], required: [1],
    fields: [.init(1, "Code", .code, .field("code")), .init(2, "Name", .text, .field("name"))])

  static let inventoryPostingSetup = BCTable(
    id: 5813, name: "Inventory Posting Setup", array: "inventoryPostingSetup", key: [1, 2], required: [1, 2],
    fields: [
      .init(1, "Location Code", .code, .field("locationCode")),
      .init(2, "Invt. Posting Group Code", .code, .field("inventoryPostingGroup")),
      .init(6, "Inventory Account", .code, .field("inventoryAccount")),
      .init(5800, "Inventory Account (Interim)", .code, .field("inventoryAccountInterim")),
      .init(99_000_750, "WIP Account", .code, .field("wipAccount")),
      .init(99_000_753, "Material Variance Account", .code, .field("materialVarianceAccount")),
      .init(99_000_754, "Capacity Variance Account", .code, .field("capacityVarianceAccount")),
      .init(99_000_755, "Mfg. Overhead Variance Account", .code, .field("mfgOverheadVarianceAccount")),
      .init(99_000_756, "Cap. Overhead Variance Account", .code, .field("capOverheadVarianceAccount")),
      .init(99_000_757, "Subcontracted Variance Account", .code, .field("subcontractedVarianceAccount")),
    ])

  static let generalPostingSetup = BCTable(
    id: 252, name: "General Posting Setup", array: "generalPostingSetup", key: [1, 2], required: [1, 2],
    fields: [
      .init(1, "Gen. Bus. Posting Group", .code, .field("genBusPostingGroup")),
      .init(2, "Gen. Prod. Posting Group", .code, .field("genProdPostingGroup")),
      .init(18, "COGS Account", .code, .field("cogsAccount")),
      .init(19, "Inventory Adjmt. Account", .code, .field("inventoryAdjmtAccount")),
      .init(52, "Blocked", .boolean, .field("blocked")),
      .init(5801, "Invt. Accrual Acc. (Interim)", .code, .field("invtAccrualAccInterim")),
      .init(5803, "COGS Account (Interim)", .code, .field("cogsAccountInterim")),
      .init(99_000_752, "Direct Cost Applied Account", .code, .field("directCostAppliedAccount")),
      .init(99_000_753, "Overhead Applied Account", .code, .field("overheadAppliedAccount")),
      .init(99_000_754, "Purchase Variance Account", .code, .field("purchaseVarianceAccount")),
    ])

  static let accountingPeriod = BCTable(
    id: 50, name: "Accounting Period", array: "accountingPeriods", key: [1], required: [1],
    fields: [
      .init(1, "Starting Date", .date, .field("startingDate")),
      .init(3, "New Fiscal Year", .boolean, .field("newFiscalYear")),
      .init(4, "Closed", .boolean, .field("closed")),
    ])

  static let inventorySetup = BCTable(
    id: 313, name: "Inventory Setup", array: nil, key: [1], required: [],
    fields: [
      .init(1, "Primary Key", .code, .none),
      .init(2, "Automatic Cost Posting", .boolean, .setup("automaticCostPosting")),
      .init(5800, "Expected Cost Posting to G/L", .boolean, .setup("expectedCostPostingToGL")),
    ])

  static let generalLedgerSetup = BCTable(
    id: 98, name: "General Ledger Setup", array: nil, key: [1], required: [],
    fields: [
      .init(1, "Primary Key", .code, .none),
      .init(2, "Allow Posting From", .date, .setup("allowPostingFrom")),
      .init(3, "Allow Posting To", .date, .setup("allowPostingTo")),
      .init(66, "Amount Decimal Places", .decimalPlaces, .none),
      .init(71, "LCY Code", .code, .company("currency")),
      .init(73, "Amount Rounding Precision", .decimal, .none),
    ])

  static let productionOrder = BCTable(
    id: 5405, name: "Production Order", array: "productionOrders", key: [1, 2], required: [1, 2],
    fields: [
      .init(1, "Status", .option(.productionOrderStatus), .field("status")),
      .init(2, "No.", .code, .field("no")),
      .init(3, "Description", .text, .field("description")),
      .init(10, "Source No.", .code, .field("sourceNo")),
      .init(40, "Quantity", .decimal, .field("quantity")),
    ])

  static let dateComprRegister = BCTable(
    id: 87, name: "Date Compr. Register", array: "dateCompressions", key: [1], required: [11],
    fields: [
      .init(1, "No.", .integer(relation: false), .none),
      .init(5, "Ending Date", .date, .field("endingDate")),
      .init(10, "Starting Date", .date, .field("startingDate")),
      .init(11, "Table ID", .integer(relation: true), .field("tableName")),
      .init(12, "Register No.", .integer(relation: false), .field("registerNo")),
    ])

  static let companyInformation = BCTable(
    id: 79, name: "Company Information", array: nil, key: [1], required: [],
    fields: [.init(1, "Primary Key", .code, .none), .init(2, "Name", .text, .company("name"))])

  static let sourceCodeSetup = BCTable(
    id: 242, name: "Source Code Setup", array: nil, key: [1], required: [],
    fields: [
      .init(1, "Primary Key", .code, .none),
      .init(4, "Inventory Post Cost", .code, .setup("inventoryPostCostSourceCode")),
    ])
}
