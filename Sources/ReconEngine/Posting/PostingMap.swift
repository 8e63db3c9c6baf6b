/// The 15 G/L account types of BC's "Invt. Posting Buffer Account Type" (reconciliation.md §1.2).
public enum InventoryAccountType: Int, CaseIterable, Sendable, BitwiseCopyable {
  case inventory, inventoryInterim, wipInventory
  case materialVariance, capacityVariance, subcontractedVariance, capOverheadVariance, mfgOverheadVariance
  case inventoryAdjmt, directCostApplied, overheadApplied, purchaseVariance, cogs, cogsInterim
  case invtAccrualInterim

  public var caption: String {
    switch self {
    case .inventory: return "Inventory"
    case .inventoryInterim: return "Inventory (Interim)"
    case .wipInventory: return "WIP Inventory"
    case .materialVariance: return "Material Variance"
    case .capacityVariance: return "Capacity Variance"
    case .subcontractedVariance: return "Subcontracted Variance"
    case .capOverheadVariance: return "Capacity Overhead Variance"
    case .mfgOverheadVariance: return "Mfg. Overhead Variance"
    case .inventoryAdjmt: return "Inventory Adjmt."
    case .directCostApplied: return "Direct Cost Applied"
    case .overheadApplied: return "Overhead Applied"
    case .purchaseVariance: return "Purchase Variance"
    case .cogs: return "COGS"
    case .cogsInterim: return "COGS (Interim)"
    case .invtAccrualInterim: return "Invt. Accrual (Interim)"
    }
  }

  /// True for the eight types resolved through Inventory Posting Setup (location + inventory
  /// posting group); the other seven come from General Posting Setup.
  public var isInventoryPostingSetupType: Bool {
    rawValue <= InventoryAccountType.mfgOverheadVariance.rawValue
  }

  /// The setup field that holds this type's account.
  public var inventorySetupColumn: StringColumn? {
    let c = Columns.inventoryPostingSetup
    switch self {
    case .inventory: return c.inventoryAccount
    case .inventoryInterim: return c.inventoryAccountInterim
    case .wipInventory: return c.wipAccount
    case .materialVariance: return c.materialVarianceAccount
    case .capacityVariance: return c.capacityVarianceAccount
    case .subcontractedVariance: return c.subcontractedVarianceAccount
    case .capOverheadVariance: return c.capOverheadVarianceAccount
    case .mfgOverheadVariance: return c.mfgOverheadVarianceAccount
    default: return nil
    }
  }

  public var generalSetupColumn: StringColumn? {
    let c = Columns.generalPostingSetup
    switch self {
    case .inventoryAdjmt: return c.inventoryAdjmtAccount
    case .directCostApplied: return c.directCostAppliedAccount
    case .overheadApplied: return c.overheadAppliedAccount
    case .purchaseVariance: return c.purchaseVarianceAccount
    case .cogs: return c.cogsAccount
    case .cogsInterim: return c.cogsAccountInterim
    case .invtAccrualInterim: return c.invtAccrualAccInterim
    default: return nil
    }
  }
}

/// The pair of account types one part of a value entry posts to: `+amount` to `account`,
/// `−amount` to `balancing` (reconciliation.md §2).
public struct PostingPair: Equatable, Sendable {
  public var account: InventoryAccountType
  public var balancing: InventoryAccountType
}

/// The posting map of reconciliation.md §2, as a pure function of a value entry's types.
public enum PostingMap {
  /// The accounts for the actual-cost part; nil for a combination BC does not allow.
  public static func actual(
    itemLedgerEntryType ile: ItemLedgerEntryType, entryType: ValueEntryType, varianceType: VarianceType,
    orderType: OrderType
  ) -> PostingPair? {
    switch (ile, entryType) {
    // BufferCapacityPosting: a resource of an assembly order posts to Inventory Adjmt.; every
    // other capacity entry (production, or no order type at all) to WIP.
    case (.blank, .directCost):
      return orderType == .assembly
        ? PostingPair(account: .inventoryAdjmt, balancing: .directCostApplied)
        : PostingPair(account: .wipInventory, balancing: .directCostApplied)
    case (.blank, .indirectCost):
      return orderType == .assembly
        ? PostingPair(account: .inventoryAdjmt, balancing: .overheadApplied)
        : PostingPair(account: .wipInventory, balancing: .overheadApplied)
    case (.blank, _): return nil
    case (_, .revaluation), (_, .rounding):
      return PostingPair(account: .inventory, balancing: .inventoryAdjmt)
    case (.purchase, .directCost): return PostingPair(account: .inventory, balancing: .directCostApplied)
    case (.purchase, .indirectCost), (.output, .indirectCost), (.assemblyOutput, .indirectCost):
      return PostingPair(account: .inventory, balancing: .overheadApplied)
    case (.purchase, .variance):
      return varianceType == .purchase ? PostingPair(account: .inventory, balancing: .purchaseVariance) : nil
    case (.sale, .directCost): return PostingPair(account: .inventory, balancing: .cogs)
    case (.positiveAdjmt, .directCost), (.negativeAdjmt, .directCost), (.transfer, .directCost),
      (.assemblyConsumption, .directCost), (.assemblyOutput, .directCost):
      return PostingPair(account: .inventory, balancing: .inventoryAdjmt)
    case (.consumption, .directCost), (.output, .directCost):
      return PostingPair(account: .inventory, balancing: .wipInventory)
    case (.output, .variance), (.assemblyOutput, .variance):
      guard let balancing = manufacturingVarianceAccount(varianceType) else { return nil }
      return PostingPair(account: .inventory, balancing: balancing)
    default: return nil
    }
  }

  /// The accounts for the expected-cost part; nil where expected cost cannot be posted.
  public static func expected(itemLedgerEntryType ile: ItemLedgerEntryType, entryType: ValueEntryType)
    -> PostingPair?
  {
    switch (ile, entryType) {
    case (.purchase, .directCost), (.purchase, .revaluation):
      return PostingPair(account: .inventoryInterim, balancing: .invtAccrualInterim)
    case (.sale, .directCost), (.sale, .revaluation):
      return PostingPair(account: .inventoryInterim, balancing: .cogsInterim)
    case (.output, .directCost), (.output, .revaluation):
      return PostingPair(account: .inventoryInterim, balancing: .wipInventory)
    case (.positiveAdjmt, .directCost), (.negativeAdjmt, .directCost), (.transfer, .directCost):
      return PostingPair(account: .inventoryInterim, balancing: .cogsInterim)
    default: return nil
    }
  }

  static func manufacturingVarianceAccount(_ type: VarianceType) -> InventoryAccountType? {
    switch type {
    case .material: return .materialVariance
    case .capacity: return .capacityVariance
    case .subcontracted: return .subcontractedVariance
    case .capacityOverhead: return .capOverheadVariance
    case .manufacturingOverhead: return .mfgOverheadVariance
    default: return nil
    }
  }
}

/// The posting map of every value entry of a table, read from its four type columns taken out
/// once (for loops over a million entries, where a read through the table per field costs more
/// than the map itself).
struct PostingPairs {
  private let ileTypes: [UInt8], entryTypes: [UInt8], varianceTypes: [UInt8], orderTypes: [UInt8]

  init(_ valueEntries: LedgerTable) {
    let ve = Columns.valueEntry
    ileTypes = valueEntries.rawBytes(ve.itemLedgerEntryType)
    entryTypes = valueEntries.rawBytes(ve.entryType)
    varianceTypes = valueEntries.rawBytes(ve.varianceType)
    orderTypes = valueEntries.rawBytes(ve.orderType)
  }

  func actual(_ row: Int) -> PostingPair? {
    PostingMap.actual(
      itemLedgerEntryType: .stored(ileTypes[row]), entryType: .stored(entryTypes[row]),
      varianceType: .stored(varianceTypes[row]), orderType: .stored(orderTypes[row]))
  }

  func expected(_ row: Int) -> PostingPair? {
    PostingMap.expected(
      itemLedgerEntryType: .stored(ileTypes[row]), entryType: .stored(entryTypes[row]))
  }
}
