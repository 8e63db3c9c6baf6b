// The snapshot's tables, field by field, in the order `snapshot-format.md` lists them. Each
// struct is declared once here and is both the schema the reader and writer use and the set of
// typed column handles engine code uses.

public struct CompanyColumns: Sendable {
  public let name: StringColumn, currency: StringColumn
  public let schema: TableSchema
  init() {
    var b = SchemaBuilder("company")
    name = b.text("name")
    currency = b.code("currency")
    schema = b.build()
  }
}

public struct SetupColumns: Sendable {
  public let amountDecimals: IntColumn
  public let expectedCostPostingToGL: BoolColumn, automaticCostPosting: BoolColumn
  public let allowPostingFrom: DateColumn, allowPostingTo: DateColumn
  public let inventoryPostCostSourceCode: StringColumn, jobGLWIPSourceCode: StringColumn
  public let schema: TableSchema
  init() {
    var b = SchemaBuilder("setup")
    amountDecimals = b.integer("amountDecimals", defaultValue: 2)
    expectedCostPostingToGL = b.boolean("expectedCostPostingToGL")
    automaticCostPosting = b.boolean("automaticCostPosting")
    allowPostingFrom = b.date("allowPostingFrom", nullable: true)
    allowPostingTo = b.date("allowPostingTo", nullable: true)
    inventoryPostCostSourceCode = b.code("inventoryPostCostSourceCode", defaultText: "INVTPCOST")
    jobGLWIPSourceCode = b.code("jobGLWIPSourceCode", defaultText: "JOBGLWIP")
    schema = b.build()
  }
}

public struct GLAccountColumns: Sendable {
  public let no: StringColumn, name: StringColumn, blocked: BoolColumn
  public let accountType: EnumColumn<GLAccountType>, incomeBalance: EnumColumn<IncomeBalance>
  public let schema: TableSchema
  init() {
    var b = SchemaBuilder("glAccounts")
    no = b.code("no", required: true)
    name = b.text("name")
    blocked = b.boolean("blocked")
    accountType = b.enumeration("accountType", GLAccountType.self)
    incomeBalance = b.enumeration("incomeBalance", IncomeBalance.self)
    schema = b.build()
  }
}

public struct LocationColumns: Sendable {
  public let code: StringColumn, name: StringColumn
  public let schema: TableSchema
  init() {
    var b = SchemaBuilder("locations")
    code = b.code("code", required: true)
    name = b.text("name")
    schema = b.build()
  }
}

public struct ItemColumns: Sendable {
  public let no: StringColumn, description: StringColumn, type: EnumColumn<ItemType>
  public let baseUnitOfMeasure: StringColumn, inventoryPostingGroup: StringColumn
  public let genProdPostingGroup: StringColumn, costingMethod: EnumColumn<CostingMethod>
  public let unitCost: DecimalColumn, standardCost: DecimalColumn
  public let indirectCostPercent: DecimalColumn, overheadRate: DecimalColumn
  public let schema: TableSchema
  init() {
    var b = SchemaBuilder("items")
    no = b.code("no", required: true)
    description = b.text("description")
    type = b.enumeration("type", ItemType.self)
    baseUnitOfMeasure = b.code("baseUnitOfMeasure")
    inventoryPostingGroup = b.code("inventoryPostingGroup")
    genProdPostingGroup = b.code("genProdPostingGroup")
    costingMethod = b.enumeration("costingMethod", CostingMethod.self)
    unitCost = b.quantity("unitCost")
    standardCost = b.quantity("standardCost")
    indirectCostPercent = b.quantity("indirectCostPercent")
    overheadRate = b.quantity("overheadRate")
    schema = b.build()
  }
}

public struct InventoryPostingSetupColumns: Sendable {
  public let locationCode: StringColumn, inventoryPostingGroup: StringColumn
  public let inventoryAccount: StringColumn, inventoryAccountInterim: StringColumn
  public let wipAccount: StringColumn, materialVarianceAccount: StringColumn
  public let capacityVarianceAccount: StringColumn, subcontractedVarianceAccount: StringColumn
  public let capOverheadVarianceAccount: StringColumn, mfgOverheadVarianceAccount: StringColumn
  public let schema: TableSchema
  /// The account fields, for reference checks.
  public var accounts: [StringColumn] {
    [
      inventoryAccount, inventoryAccountInterim, wipAccount, materialVarianceAccount,
      capacityVarianceAccount, subcontractedVarianceAccount, capOverheadVarianceAccount,
      mfgOverheadVarianceAccount,
    ]
  }
  init() {
    var b = SchemaBuilder("inventoryPostingSetup")
    locationCode = b.code("locationCode")
    inventoryPostingGroup = b.code("inventoryPostingGroup")
    inventoryAccount = b.code("inventoryAccount")
    inventoryAccountInterim = b.code("inventoryAccountInterim")
    wipAccount = b.code("wipAccount")
    materialVarianceAccount = b.code("materialVarianceAccount")
    capacityVarianceAccount = b.code("capacityVarianceAccount")
    subcontractedVarianceAccount = b.code("subcontractedVarianceAccount")
    capOverheadVarianceAccount = b.code("capOverheadVarianceAccount")
    mfgOverheadVarianceAccount = b.code("mfgOverheadVarianceAccount")
    schema = b.build()
  }
}

public struct GeneralPostingSetupColumns: Sendable {
  public let genBusPostingGroup: StringColumn, genProdPostingGroup: StringColumn
  public let cogsAccount: StringColumn, cogsAccountInterim: StringColumn
  public let inventoryAdjmtAccount: StringColumn, invtAccrualAccInterim: StringColumn
  public let directCostAppliedAccount: StringColumn, overheadAppliedAccount: StringColumn
  public let purchaseVarianceAccount: StringColumn, blocked: BoolColumn
  public let schema: TableSchema
  public var accounts: [StringColumn] {
    [
      cogsAccount, cogsAccountInterim, inventoryAdjmtAccount, invtAccrualAccInterim,
      directCostAppliedAccount, overheadAppliedAccount, purchaseVarianceAccount,
    ]
  }
  init() {
    var b = SchemaBuilder("generalPostingSetup")
    genBusPostingGroup = b.code("genBusPostingGroup")
    genProdPostingGroup = b.code("genProdPostingGroup")
    cogsAccount = b.code("cogsAccount")
    cogsAccountInterim = b.code("cogsAccountInterim")
    inventoryAdjmtAccount = b.code("inventoryAdjmtAccount")
    invtAccrualAccInterim = b.code("invtAccrualAccInterim")
    directCostAppliedAccount = b.code("directCostAppliedAccount")
    overheadAppliedAccount = b.code("overheadAppliedAccount")
    purchaseVarianceAccount = b.code("purchaseVarianceAccount")
    blocked = b.boolean("blocked")
    schema = b.build()
  }
}

public struct AccountingPeriodColumns: Sendable {
  public let startingDate: DateColumn, newFiscalYear: BoolColumn, closed: BoolColumn
  public let schema: TableSchema
  init() {
    var b = SchemaBuilder("accountingPeriods")
    startingDate = b.date("startingDate", required: true)
    newFiscalYear = b.boolean("newFiscalYear")
    closed = b.boolean("closed")
    schema = b.build()
  }
}

public struct ProductionOrderColumns: Sendable {
  public let no: StringColumn, status: EnumColumn<ProductionOrderStatus>
  public let description: StringColumn, sourceNo: StringColumn, quantity: DecimalColumn
  public let schema: TableSchema
  init() {
    var b = SchemaBuilder("productionOrders")
    no = b.code("no", required: true)
    status = b.enumeration("status", ProductionOrderStatus.self)
    description = b.text("description")
    sourceNo = b.code("sourceNo")
    quantity = b.quantity("quantity")
    schema = b.build()
  }
}

public struct ItemLedgerEntryColumns: Sendable {
  public let entryNo: IntColumn, itemNo: StringColumn, postingDate: DateColumn
  public let entryType: EnumColumn<ItemLedgerEntryType>
  public let documentType: StringColumn, documentNo: StringColumn, description: StringColumn
  public let locationCode: StringColumn, variantCode: StringColumn
  public let sourceType: StringColumn, sourceNo: StringColumn
  public let quantity: DecimalColumn, remainingQuantity: DecimalColumn, invoicedQuantity: DecimalColumn
  public let open: BoolColumn, orderType: EnumColumn<OrderType>, orderNo: StringColumn
  public let dropShipment: BoolColumn
  public let schema: TableSchema
  init() {
    var b = SchemaBuilder("itemLedgerEntries")
    entryNo = b.entryNumber("entryNo")
    itemNo = b.code("itemNo", required: true)
    postingDate = b.date("postingDate", required: true)
    entryType = b.enumeration("entryType", ItemLedgerEntryType.self, required: true, blankAllowed: false)
    documentType = b.code("documentType")
    documentNo = b.code("documentNo")
    description = b.text("description")
    locationCode = b.code("locationCode")
    variantCode = b.code("variantCode")
    sourceType = b.code("sourceType")
    sourceNo = b.code("sourceNo")
    quantity = b.quantity("quantity")
    remainingQuantity = b.quantity("remainingQuantity")
    invoicedQuantity = b.quantity("invoicedQuantity")
    open = b.boolean("open")
    orderType = b.enumeration("orderType", OrderType.self)
    orderNo = b.code("orderNo")
    dropShipment = b.boolean("dropShipment")
    schema = b.build()
  }
}

public struct ItemApplicationEntryColumns: Sendable {
  public let entryNo: IntColumn, itemLedgerEntryNo: IntColumn
  public let inboundItemEntryNo: IntColumn, outboundItemEntryNo: IntColumn
  public let quantity: DecimalColumn, postingDate: DateColumn
  public let schema: TableSchema
  init() {
    var b = SchemaBuilder("itemApplicationEntries")
    entryNo = b.entryNumber("entryNo")
    itemLedgerEntryNo = b.integer("itemLedgerEntryNo")
    inboundItemEntryNo = b.integer("inboundItemEntryNo")
    outboundItemEntryNo = b.integer("outboundItemEntryNo")
    quantity = b.quantity("quantity")
    postingDate = b.date("postingDate")
    schema = b.build()
  }
}

public struct ValueEntryColumns: Sendable {
  public let entryNo: IntColumn, itemNo: StringColumn
  public let postingDate: DateColumn, valuationDate: DateColumn
  public let itemLedgerEntryType: EnumColumn<ItemLedgerEntryType>, itemLedgerEntryNo: IntColumn
  public let entryType: EnumColumn<ValueEntryType>, varianceType: EnumColumn<VarianceType>
  public let expectedCost: BoolColumn, adjustment: BoolColumn, inventoriable: BoolColumn
  public let partialRevaluation: BoolColumn
  public let documentType: StringColumn, documentNo: StringColumn, externalDocumentNo: StringColumn
  public let description: StringColumn, locationCode: StringColumn, variantCode: StringColumn
  public let inventoryPostingGroup: StringColumn, genBusPostingGroup: StringColumn
  public let genProdPostingGroup: StringColumn, sourceType: StringColumn, sourceNo: StringColumn
  public let orderType: EnumColumn<OrderType>, orderNo: StringColumn, itemChargeNo: StringColumn
  public let valuedQuantity: DecimalColumn, itemLedgerEntryQuantity: DecimalColumn
  public let invoicedQuantity: DecimalColumn, costPerUnit: DecimalColumn
  public let costAmountActual: DecimalColumn, costAmountExpected: DecimalColumn
  public let costPostedToGL: DecimalColumn, expectedCostPostedToGL: DecimalColumn
  public let costAmountNonInvtbl: DecimalColumn
  public let salesAmountActual: DecimalColumn, purchaseAmountActual: DecimalColumn
  public let schema: TableSchema
  init() {
    var b = SchemaBuilder("valueEntries")
    entryNo = b.entryNumber("entryNo")
    itemNo = b.code("itemNo")
    postingDate = b.date("postingDate", required: true)
    valuationDate = b.date("valuationDate")
    itemLedgerEntryType = b.enumeration("itemLedgerEntryType", ItemLedgerEntryType.self)
    itemLedgerEntryNo = b.integer("itemLedgerEntryNo")
    entryType = b.enumeration("entryType", ValueEntryType.self, required: true)
    varianceType = b.enumeration("varianceType", VarianceType.self)
    expectedCost = b.boolean("expectedCost")
    adjustment = b.boolean("adjustment")
    inventoriable = b.boolean("inventoriable", defaultValue: true)
    partialRevaluation = b.boolean("partialRevaluation")
    documentType = b.code("documentType")
    documentNo = b.code("documentNo")
    externalDocumentNo = b.code("externalDocumentNo")
    description = b.text("description")
    locationCode = b.code("locationCode")
    variantCode = b.code("variantCode")
    inventoryPostingGroup = b.code("inventoryPostingGroup")
    genBusPostingGroup = b.code("genBusPostingGroup")
    genProdPostingGroup = b.code("genProdPostingGroup")
    sourceType = b.code("sourceType")
    sourceNo = b.code("sourceNo")
    orderType = b.enumeration("orderType", OrderType.self)
    orderNo = b.code("orderNo")
    itemChargeNo = b.code("itemChargeNo")
    valuedQuantity = b.quantity("valuedQuantity")
    itemLedgerEntryQuantity = b.quantity("itemLedgerEntryQuantity")
    invoicedQuantity = b.quantity("invoicedQuantity")
    costPerUnit = b.quantity("costPerUnit")
    costAmountActual = b.amount("costAmountActual")
    costAmountExpected = b.amount("costAmountExpected")
    costPostedToGL = b.amount("costPostedToGL")
    expectedCostPostedToGL = b.amount("expectedCostPostedToGL")
    costAmountNonInvtbl = b.amount("costAmountNonInvtbl")
    salesAmountActual = b.amount("salesAmountActual")
    purchaseAmountActual = b.amount("purchaseAmountActual")
    schema = b.build()
  }
}

public struct GLEntryColumns: Sendable {
  public let entryNo: IntColumn, glAccountNo: StringColumn, postingDate: DateColumn
  public let documentType: StringColumn, documentNo: StringColumn, externalDocumentNo: StringColumn
  public let description: StringColumn, amount: DecimalColumn, sourceCode: StringColumn
  public let systemCreatedEntry: BoolColumn, transactionNo: IntColumn
  /// G/L Entry "Job No.": set by WIP postings; report 1010 filters on it.
  public let jobNo: StringColumn
  public let schema: TableSchema
  init() {
    var b = SchemaBuilder("glEntries")
    entryNo = b.entryNumber("entryNo")
    glAccountNo = b.code("glAccountNo", required: true)
    postingDate = b.date("postingDate", required: true)
    documentType = b.code("documentType")
    documentNo = b.code("documentNo")
    externalDocumentNo = b.code("externalDocumentNo")
    description = b.text("description")
    amount = b.amount("amount")
    sourceCode = b.code("sourceCode")
    systemCreatedEntry = b.boolean("systemCreatedEntry")
    transactionNo = b.integer("transactionNo")
    jobNo = b.code("jobNo")
    schema = b.build()
  }
}

public struct GLRegisterColumns: Sendable {
  public let no: IntColumn, fromEntryNo: IntColumn, toEntryNo: IntColumn
  public let sourceCode: StringColumn, creationDate: DateColumn
  public let schema: TableSchema
  init() {
    var b = SchemaBuilder("glRegisters")
    no = b.entryNumber("no")
    fromEntryNo = b.integer("fromEntryNo")
    toEntryNo = b.integer("toEntryNo")
    sourceCode = b.code("sourceCode")
    creationDate = b.date("creationDate")
    schema = b.build()
  }
}

public struct GLItemLedgerRelationColumns: Sendable {
  public let glEntryNo: IntColumn, valueEntryNo: IntColumn, glRegisterNo: IntColumn
  public let schema: TableSchema
  init() {
    var b = SchemaBuilder("glItemLedgerRelations")
    glEntryNo = b.integer("glEntryNo", required: true)
    valueEntryNo = b.integer("valueEntryNo", required: true)
    glRegisterNo = b.integer("glRegisterNo")
    schema = b.build()
  }
}

public struct DateCompressionColumns: Sendable {
  public let tableName: EnumColumn<CompressedTable>
  public let startingDate: DateColumn, endingDate: DateColumn, registerNo: IntColumn
  public let schema: TableSchema
  init() {
    var b = SchemaBuilder("dateCompressions")
    tableName = b.enumeration("tableName", CompressedTable.self)
    startingDate = b.date("startingDate")
    endingDate = b.date("endingDate")
    registerNo = b.integer("registerNo")
    schema = b.build()
  }
}

/// All column handles, built once. `Columns.valueEntry.costAmountActual` names one column.
public enum Columns {
  public static let company = CompanyColumns()
  public static let setup = SetupColumns()
  public static let glAccount = GLAccountColumns()
  public static let location = LocationColumns()
  public static let item = ItemColumns()
  public static let inventoryPostingSetup = InventoryPostingSetupColumns()
  public static let generalPostingSetup = GeneralPostingSetupColumns()
  public static let accountingPeriod = AccountingPeriodColumns()
  public static let productionOrder = ProductionOrderColumns()
  public static let itemLedgerEntry = ItemLedgerEntryColumns()
  public static let itemApplicationEntry = ItemApplicationEntryColumns()
  public static let valueEntry = ValueEntryColumns()
  public static let glEntry = GLEntryColumns()
  public static let glRegister = GLRegisterColumns()
  public static let glItemLedgerRelation = GLItemLedgerRelationColumns()
  public static let dateCompression = DateCompressionColumns()
}
