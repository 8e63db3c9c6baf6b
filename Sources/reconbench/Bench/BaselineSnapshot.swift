// The baseline the benchmark compares the snapshot reader with: the same file decoded by
// Foundation's JSONDecoder into plain Codable structs, the way one would write it first. Numbers
// decode as Double here, which only flatters the baseline (it skips exact decimal parsing).

struct BaselineSnapshot: Decodable {
  var format: String
  var version: Int
  var company: BaselineCompany?
  var setup: BaselineSetup?
  var glAccounts: [BaselineGLAccount]?
  var locations: [BaselineLocation]?
  var items: [BaselineItem]?
  var inventoryPostingSetup: [[String: String]]?
  var generalPostingSetup: [BaselineGeneralPostingSetup]?
  var accountingPeriods: [BaselineAccountingPeriod]?
  var productionOrders: [BaselineProductionOrder]?
  var itemLedgerEntries: [BaselineItemLedgerEntry]?
  var itemApplicationEntries: [BaselineItemApplicationEntry]?
  var valueEntries: [BaselineValueEntry]?
  var glEntries: [BaselineGLEntry]?
  var glRegisters: [BaselineGLRegister]?
  var glItemLedgerRelations: [BaselineRelation]?
}

struct BaselineCompany: Decodable {
  var name: String?
  var currency: String?
}

struct BaselineSetup: Decodable {
  var amountDecimals: Int?
  var expectedCostPostingToGL: Bool?
  var automaticCostPosting: Bool?
  var allowPostingFrom: String?
  var allowPostingTo: String?
  var inventoryPostCostSourceCode: String?
}

struct BaselineGLAccount: Decodable {
  var no: String
  var name: String?
  var blocked: Bool?
  var accountType: String?
  var incomeBalance: String?
}

struct BaselineLocation: Decodable {
  var code: String
  var name: String?
}

struct BaselineItem: Decodable {
  var no: String
  var description: String?
  var type: String?
  var baseUnitOfMeasure: String?
  var inventoryPostingGroup: String?
  var genProdPostingGroup: String?
  var costingMethod: String?
  var unitCost: Double?
  var standardCost: Double?
  var indirectCostPercent: Double?
  var overheadRate: Double?
}

struct BaselineGeneralPostingSetup: Decodable {
  var genBusPostingGroup: String?
  var genProdPostingGroup: String?
  var cogsAccount: String?
  var cogsAccountInterim: String?
  var inventoryAdjmtAccount: String?
  var invtAccrualAccInterim: String?
  var directCostAppliedAccount: String?
  var overheadAppliedAccount: String?
  var purchaseVarianceAccount: String?
  var blocked: Bool?
}

struct BaselineAccountingPeriod: Decodable {
  var startingDate: String
  var newFiscalYear: Bool?
  var closed: Bool?
}

struct BaselineProductionOrder: Decodable {
  var no: String
  var status: String?
  var description: String?
  var sourceNo: String?
  var quantity: Double?
}

struct BaselineItemLedgerEntry: Decodable {
  var entryNo: Int
  var itemNo: String
  var postingDate: String
  var entryType: String
  var documentType: String?
  var documentNo: String?
  var description: String?
  var locationCode: String?
  var variantCode: String?
  var sourceType: String?
  var sourceNo: String?
  var quantity: Double?
  var remainingQuantity: Double?
  var invoicedQuantity: Double?
  var open: Bool?
  var orderType: String?
  var orderNo: String?
  var dropShipment: Bool?
}

struct BaselineItemApplicationEntry: Decodable {
  var entryNo: Int
  var itemLedgerEntryNo: Int?
  var inboundItemEntryNo: Int?
  var outboundItemEntryNo: Int?
  var quantity: Double?
  var postingDate: String?
}

struct BaselineValueEntry: Decodable {
  var entryNo: Int
  var itemNo: String?
  var postingDate: String
  var valuationDate: String?
  var itemLedgerEntryType: String?
  var itemLedgerEntryNo: Int?
  var entryType: String
  var varianceType: String?
  var expectedCost: Bool?
  var adjustment: Bool?
  var inventoriable: Bool?
  var partialRevaluation: Bool?
  var documentType: String?
  var documentNo: String?
  var externalDocumentNo: String?
  var description: String?
  var locationCode: String?
  var variantCode: String?
  var inventoryPostingGroup: String?
  var genBusPostingGroup: String?
  var genProdPostingGroup: String?
  var sourceType: String?
  var sourceNo: String?
  var orderType: String?
  var orderNo: String?
  var itemChargeNo: String?
  var valuedQuantity: Double?
  var itemLedgerEntryQuantity: Double?
  var invoicedQuantity: Double?
  var costPerUnit: Double?
  var costAmountActual: Double?
  var costAmountExpected: Double?
  var costPostedToGL: Double?
  var expectedCostPostedToGL: Double?
  var costAmountNonInvtbl: Double?
  var salesAmountActual: Double?
  var purchaseAmountActual: Double?
}

struct BaselineGLEntry: Decodable {
  var entryNo: Int
  var glAccountNo: String
  var postingDate: String
  var documentType: String?
  var documentNo: String?
  var externalDocumentNo: String?
  var description: String?
  var amount: Double?
  var sourceCode: String?
  var systemCreatedEntry: Bool?
  var transactionNo: Int?
}

struct BaselineGLRegister: Decodable {
  var no: Int
  var fromEntryNo: Int?
  var toEntryNo: Int?
  var sourceCode: String?
  var creationDate: String?
}

struct BaselineRelation: Decodable {
  var glEntryNo: Int
  var valueEntryNo: Int
  var glRegisterNo: Int?
}
