import Foundation

/// The Business Central enumerations and options the import reads (bc-import.md §6): ordinal, AL
/// value name (which is also its English caption for every value used here) and the snapshot
/// caption it becomes. A value with no snapshot caption is refused — or, for production order
/// statuses 0–2, skips its row.
struct BCEnum: Sendable {
  struct Value: Sendable {
    let ordinal: Int
    /// The AL value name; `" "` for the blank value.
    let name: String
    /// What the snapshot stores; nil when it has no representation.
    let snapshot: String?
  }
  let name: String
  let values: [Value]
  /// The value an empty text stands for (the blank value if there is one, else ordinal 0).
  let emptyOrdinal: Int

  init(_ name: String, _ values: [(Int, String, String?)]) {
    self.name = name
    self.values = values.map { Value(ordinal: $0.0, name: $0.1, snapshot: $0.2) }
    emptyOrdinal = values.first { $0.1 == " " }?.0 ?? 0
  }

  /// Values named as themselves in the snapshot.
  init(_ name: String, same values: [(Int, String)]) {
    self.init(name, values.map { ($0.0, $0.1, $0.1 == " " ? "" : $0.1) })
  }

  /// The value written as `text`: an ordinal, a name or caption (trimmed, any case), or blank.
  func value(of text: String) -> Value? {
    let trimmed = text.trimmingCharacters(in: CharacterSet(charactersIn: " \t"))
    if trimmed.isEmpty { return values.first { $0.ordinal == emptyOrdinal } }
    if let ordinal = Int(trimmed) { return values.first { $0.ordinal == ordinal } }
    let lower = trimmed.lowercased()
    return values.first { $0.name.lowercased() == lower }
  }

  var knownValues: String {
    values.map { "\($0.ordinal) \($0.name == " " ? "(blank)" : $0.name)" }.joined(separator: ", ")
  }

  /// The values a snapshot can hold, for the message refusing one it cannot.
  var snapshotValues: String {
    values.filter { $0.snapshot != nil }.map { "\($0.ordinal) \($0.name == " " ? "(blank)" : $0.name)" }
      .joined(separator: ", ")
  }

  static let itemLedgerEntryType = BCEnum(
    "Item Ledger Entry Type",
    same: [
      (0, "Purchase"), (1, "Sale"), (2, "Positive Adjmt."), (3, "Negative Adjmt."), (4, "Transfer"),
      (5, "Consumption"), (6, "Output"), (7, " "), (8, "Assembly Consumption"), (9, "Assembly Output"),
    ])
  static let costEntryType = BCEnum(
    "Cost Entry Type",
    [
      (0, "Direct Cost", "Direct Cost"), (1, "Revaluation", "Revaluation"), (2, "Rounding", "Rounding"),
      (3, "Indirect Cost", "Indirect Cost"), (4, "Variance", "Variance"), (5, "Total", nil),
      (10, "Direct Cost - Non Inventory", nil),
    ])
  static let costVarianceType = BCEnum(
    "Cost Variance Type",
    [
      (0, " ", ""), (1, "Purchase", "Purchase"), (2, "Material", "Material"), (3, "Capacity", "Capacity"),
      (4, "Capacity Overhead", "Capacity Overhead"), (5, "Manufacturing Overhead", "Manufacturing Overhead"),
      (6, "Subcontracted", "Subcontracted"), (7, "Material - Non Inventory", nil),
    ])
  static let inventoryOrderType = BCEnum(
    "Inventory Order Type",
    same: [(0, " "), (1, "Production"), (2, "Transfer"), (3, "Service"), (4, "Assembly")])
  static let itemLedgerDocumentType = BCEnum(
    "Item Ledger Document Type",
    same: [
      (0, " "), (1, "Sales Shipment"), (2, "Sales Invoice"), (3, "Sales Return Receipt"),
      (4, "Sales Credit Memo"), (5, "Purchase Receipt"), (6, "Purchase Invoice"),
      (7, "Purchase Return Shipment"), (8, "Purchase Credit Memo"), (9, "Transfer Shipment"),
      (10, "Transfer Receipt"), (11, "Service Shipment"), (12, "Service Invoice"),
      (13, "Service Credit Memo"),
      (14, "Posted Assembly"), (19, "Inventory Receipt"), (20, "Inventory Shipment"), (21, "Direct Transfer"),
    ])
  static let genJournalDocumentType = BCEnum(
    "Gen. Journal Document Type",
    same: [
      (0, " "), (1, "Payment"), (2, "Invoice"), (3, "Credit Memo"), (4, "Finance Charge Memo"),
      (5, "Reminder"),
      (6, "Refund"), (10, "Dishonored"),
    ])
  static let analysisSourceType = BCEnum(
    "Analysis Source Type", same: [(0, " "), (1, "Customer"), (2, "Vendor"), (3, "Item")])
  static let glAccountType = BCEnum(
    "G/L Account Type",
    same: [(0, "Posting"), (1, "Heading"), (2, "Total"), (3, "Begin-Total"), (4, "End-Total")])
  /// Table 15 field 9 is an Option; 2 is read as Balance Sheet too (spec §12.10, warned).
  static let incomeBalance = BCEnum(
    "Income/Balance", same: [(0, "Income Statement"), (1, "Balance Sheet")])
  static let costingMethod = BCEnum(
    "Costing Method", same: [(0, "FIFO"), (1, "LIFO"), (2, "Specific"), (3, "Average"), (4, "Standard")])
  static let itemType = BCEnum("Item Type", same: [(0, "Inventory"), (1, "Service"), (2, "Non-Inventory")])
  static let productionOrderStatus = BCEnum(
    "Production Order Status",
    [
      (0, "Simulated", nil), (1, "Planned", nil), (2, "Firm Planned", nil), (3, "Released", "Released"),
      (4, "Finished", "Finished"),
    ])
}
