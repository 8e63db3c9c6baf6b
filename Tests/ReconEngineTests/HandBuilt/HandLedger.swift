import Foundation
import Testing

@testable import ReconEngine

/// A snapshot written by hand as JSON text — what BC would store — without the generator or the
/// `LedgerBuilder` fixtures: its own chart of accounts (one account per account type), items of
/// every type, and value entries given field by field. Each value entry with an item ledger entry
/// type gets its own item ledger entry.
struct HandLedger {
  /// The chart: one G/L account per account type, so a G/L amount tells its type.
  static let accounts: [InventoryAccountType: String] = [
    .inventory: "2110", .inventoryInterim: "2111", .wipInventory: "2140", .materialVariance: "7710",
    .capacityVariance: "7720", .subcontractedVariance: "7730", .capOverheadVariance: "7740",
    .mfgOverheadVariance: "7750", .inventoryAdjmt: "7270", .directCostApplied: "7291",
    .overheadApplied: "7292", .purchaseVariance: "7293", .cogs: "7290", .cogsInterim: "7280",
    .invtAccrualInterim: "5530",
  ]
  static func type(ofAccount number: String) -> InventoryAccountType? {
    accounts.first { $0.value == number }?.key
  }

  struct Entry {
    var date = "2024-01-10"
    var item = "INV"
    var ile: ItemLedgerEntryType = .purchase
    var entryType: ValueEntryType = .directCost
    var variance: VarianceType = .blank
    var order: OrderType = .blank
    var actual = "0"
    var expected = "0"
    var expectedFlag = false
    var postedActual = "0"
    var postedExpected = "0"
    var inventoriable = true
    var location = ""
    var variant = ""
    var itemCharge = ""
    var sourceType = ""
    var sourceNo = ""
    var group = "RESALE"
    var business = "DOM"
    /// The item ledger entry it values, when `itemEntries` are given by hand.
    var ileNo: Int?
    var orderNo = ""
    var valuedQuantity = "0"
    var invoicedQuantity = "0"
    var ileQuantity = "0"
    var partialRevaluation = false
    var documentNo: String?
  }

  /// Item ledger entries given by hand (then value entries name theirs with `ileNo`).
  struct ItemEntry {
    var no: Int
    var item = "INV"
    var date = "2024-01-10"
    var type: ItemLedgerEntryType = .purchase
    var location = ""
    var quantity = "1"
    var orderType: OrderType = .blank
    var orderNo = ""
    var dropShipment = false
  }
  var itemEntries: [ItemEntry] = []
  /// Item application entries: (item ledger entry, inbound, outbound, quantity, date).
  var applications: [(Int, Int, Int, String, String)] = []
  /// Production orders: (no, status, source item, quantity).
  var productionOrders: [(String, String, String, String)] = []
  /// More items, as JSON objects.
  var extraItems: [String] = []

  var expectedCostPosting = false
  var entries: [Entry] = []
  /// G/L entries made by hand: (date, account, amount).
  var glEntries: [(String, String, String)] = []
  /// Accounting periods: (starting date, new fiscal year, closed).
  var periods: [(String, Bool, Bool)] = []
  /// Overrides of the general posting setup row (DOM, RETAIL): field name → JSON value.
  var generalSetupOverrides: [String: String] = [:]
  var extraAccounts: [String] = []
  var allowPostingFrom: String?

  func json() -> String {
    func quoted(_ text: String) -> String { "\"" + text + "\"" }
    var parts: [String] = []
    parts.append("\"format\":\"reconbench.snapshot\",\"version\":1")
    parts.append("\"company\":{\"name\":\"Hand-built\"}")
    var setup = "\"expectedCostPostingToGL\":\(expectedCostPosting)"
    if let allowPostingFrom { setup += ",\"allowPostingFrom\":\(quoted(allowPostingFrom))" }
    parts.append("\"setup\":{\(setup)}")
    let chart = Self.accounts.values.sorted().map { "{\"no\":\(quoted($0))}" } + extraAccounts
    parts.append("\"glAccounts\":[\(chart.joined(separator: ","))]")
    parts.append(
      """
      "items":[{"no":"INV","inventoryPostingGroup":"RESALE","genProdPostingGroup":"RETAIL"},
      {"no":"PROD","inventoryPostingGroup":"FINISHED","genProdPostingGroup":"RETAIL"},
      {"no":"COMP","inventoryPostingGroup":"RAW","genProdPostingGroup":"RETAIL"},
      {"no":"SVC","type":"Service","genProdPostingGroup":"RETAIL"},
      {"no":"NONINV","type":"Non-Inventory","genProdPostingGroup":"RETAIL"}\(extraItems.map { "," + $0 }.joined())]
      """)
    func a(_ type: InventoryAccountType) -> String { Self.accounts[type] ?? "" }
    let inventorySetup = ["RESALE", "RAW", "FINISHED", ""].flatMap { group in
      ["", "BLUE"].map { location in
        """
        {"locationCode":"\(location)","inventoryPostingGroup":"\(group)","inventoryAccount":"\(a(.inventory))",\
        "inventoryAccountInterim":"\(a(.inventoryInterim))","wipAccount":"\(a(.wipInventory))",\
        "materialVarianceAccount":"\(a(.materialVariance))","capacityVarianceAccount":"\(a(.capacityVariance))",\
        "subcontractedVarianceAccount":"\(a(.subcontractedVariance))",\
        "capOverheadVarianceAccount":"\(a(.capOverheadVariance))","mfgOverheadVarianceAccount":"\(a(.mfgOverheadVariance))"}
        """
      }
    }
    parts.append("\"inventoryPostingSetup\":[\(inventorySetup.joined(separator: ","))]")
    var general: [String: String] = [
      "cogsAccount": quoted(a(.cogs)), "cogsAccountInterim": quoted(a(.cogsInterim)),
      "inventoryAdjmtAccount": quoted(a(.inventoryAdjmt)),
      "invtAccrualAccInterim": quoted(a(.invtAccrualInterim)),
      "directCostAppliedAccount": quoted(a(.directCostApplied)),
      "overheadAppliedAccount": quoted(a(.overheadApplied)),
      "purchaseVarianceAccount": quoted(a(.purchaseVariance)),
    ]
    let plain = general.sorted { $0.key < $1.key }.map { "\(quoted($0.key)):\($0.value)" }.joined(
      separator: ",")
    for (key, value) in generalSetupOverrides { general[key] = value }
    let overridden = general.sorted { $0.key < $1.key }.map { "\(quoted($0.key)):\($0.value)" }.joined(
      separator: ",")
    parts.append(
      """
      "generalPostingSetup":[{"genBusPostingGroup":"DOM","genProdPostingGroup":"RETAIL",\(overridden)},\
      {"genBusPostingGroup":"","genProdPostingGroup":"RETAIL",\(plain)}]
      """)
    if !periods.isEmpty {
      let rows = periods.map {
        "{\"startingDate\":\(quoted($0.0)),\"newFiscalYear\":\($0.1),\"closed\":\($0.2)}"
      }
      parts.append("\"accountingPeriods\":[\(rows.joined(separator: ","))]")
    }
    var items: [String] = []
    var values: [String] = []
    for entry in itemEntries {
      items.append(
        """
        {"entryNo":\(entry.no),"itemNo":\(quoted(entry.item)),"postingDate":\(quoted(entry.date)),\
        "entryType":\(quoted(entry.type.caption)),"locationCode":\(quoted(entry.location)),"quantity":\(entry.quantity),\
        "orderType":\(quoted(entry.orderType.caption)),"orderNo":\(quoted(entry.orderNo)),"dropShipment":\(entry.dropShipment)}
        """)
    }
    for (index, entry) in entries.enumerated() {
      let number = index + 1
      let ileNo = entry.ileNo ?? (entry.ile == .blank ? 0 : number)
      if entry.ile != .blank && itemEntries.isEmpty {
        let quantity = entry.ile.isOutbound ? "-1" : "1"
        items.append(
          """
          {"entryNo":\(number),"itemNo":\(quoted(entry.item)),"postingDate":\(quoted(entry.date)),\
          "entryType":\(quoted(entry.ile.caption)),"locationCode":\(quoted(entry.location)),"quantity":\(quantity)}
          """)
      }
      values.append(
        """
        {"entryNo":\(number),"itemNo":\(quoted(entry.item)),"postingDate":\(quoted(entry.date)),\
        "itemLedgerEntryType":\(quoted(entry.ile.caption)),"itemLedgerEntryNo":\(ileNo),\
        "entryType":\(quoted(entry.entryType.caption)),"varianceType":\(quoted(entry.variance.caption)),\
        "orderType":\(quoted(entry.order.caption)),"expectedCost":\(entry.expectedFlag),\
        "inventoriable":\(entry.inventoriable),"documentNo":\(quoted(entry.documentNo ?? "D\(number)")),\
        "locationCode":\(quoted(entry.location)),"orderNo":\(quoted(entry.orderNo)),\
        "valuedQuantity":\(entry.valuedQuantity),"invoicedQuantity":\(entry.invoicedQuantity),\
        "itemLedgerEntryQuantity":\(entry.ileQuantity),"partialRevaluation":\(entry.partialRevaluation),\
        "variantCode":\(quoted(entry.variant)),"itemChargeNo":\(quoted(entry.itemCharge)),"sourceType":\(quoted(entry.sourceType)),\
        "sourceNo":\(quoted(entry.sourceNo)),"inventoryPostingGroup":\(quoted(entry.group)),\
        "genBusPostingGroup":\(quoted(entry.business)),"genProdPostingGroup":"RETAIL",\
        "costAmountActual":\(quoted(entry.actual)),"costAmountExpected":\(quoted(entry.expected)),\
        "costPostedToGL":\(quoted(entry.postedActual)),"expectedCostPostedToGL":\(quoted(entry.postedExpected))}
        """)
    }
    parts.append("\"itemLedgerEntries\":[\(items.joined(separator: ",\n"))]")
    let apps = applications.enumerated().map { index, app in
      """
      {"entryNo":\(index + 1),"itemLedgerEntryNo":\(app.0),"inboundItemEntryNo":\(app.1),"outboundItemEntryNo":\(app.2),\
      "quantity":\(app.3),"postingDate":\(quoted(app.4))}
      """
    }
    parts.append("\"itemApplicationEntries\":[\(apps.joined(separator: ",\n"))]")
    let orders = productionOrders.map {
      "{\"no\":\(quoted($0.0)),\"status\":\(quoted($0.1)),\"sourceNo\":\(quoted($0.2)),\"quantity\":\($0.3)}"
    }
    parts.append("\"productionOrders\":[\(orders.joined(separator: ","))]")
    parts.append("\"valueEntries\":[\(values.joined(separator: ",\n"))]")
    let gl = glEntries.enumerated().map { index, entry in
      """
      {"entryNo":\(index + 1),"glAccountNo":\(quoted(entry.1)),"postingDate":\(quoted(entry.0)),"amount":\(quoted(entry.2))}
      """
    }
    parts.append("\"glEntries\":[\(gl.joined(separator: ",\n"))]")
    return "{" + parts.joined(separator: ",\n") + "}\n"
  }

  func ledger() throws -> Ledger {
    try SnapshotStore.decode(Array(json().utf8), name: "hand-built.json")
  }
}

extension ItemLedgerEntryType {
  var isOutbound: Bool { [.sale, .negativeAdjmt, .consumption, .assemblyConsumption].contains(self) }
}
