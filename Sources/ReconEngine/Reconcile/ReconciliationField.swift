/// The 21 amount fields of a reconciliation report line (BC's Inventory Report Entry), in the
/// order of reconciliation.md §3.3. Each holds what the G/L account of that type should show
/// (debit positive).
public enum ReconciliationField: Int, CaseIterable, Sendable {
  case inventory, inventoryInterim, wipInventory
  case directCostAppliedActual, overheadAppliedActual, purchaseVariance, inventoryAdjmt
  case invtAccrualInterim, cogs, cogsInterim
  case materialVariance, capacityVariance, subcontractedVariance, capOverheadVariance, mfgOverheadVariance
  case directCostAppliedWIP, overheadAppliedWIP, inventoryToWIP, wipToInterim
  case directCostApplied, overheadApplied

  public var caption: String {
    switch self {
    case .inventory: return "Inventory"
    case .inventoryInterim: return "Inventory (Interim)"
    case .wipInventory: return "WIP Inventory"
    case .directCostAppliedActual: return "Direct Cost Applied Actual"
    case .overheadAppliedActual: return "Overhead Applied Actual"
    case .purchaseVariance: return "Purchase Variance"
    case .inventoryAdjmt: return "Inventory Adjmt."
    case .invtAccrualInterim: return "Invt. Accrual (Interim)"
    case .cogs: return "COGS"
    case .cogsInterim: return "COGS (Interim)"
    case .materialVariance: return "Material Variance"
    case .capacityVariance: return "Capacity Variance"
    case .subcontractedVariance: return "Subcontracted Variance"
    case .capOverheadVariance: return "Capacity Overhead Variance"
    case .mfgOverheadVariance: return "Mfg. Overhead Variance"
    case .directCostAppliedWIP: return "Direct Cost Applied WIP"
    case .overheadAppliedWIP: return "Overhead Applied WIP"
    case .inventoryToWIP: return "Inventory To WIP"
    case .wipToInterim: return "WIP To Interim"
    case .directCostApplied: return "Direct Cost Applied"
    case .overheadApplied: return "Overhead Applied"
    }
  }

  /// The account type whose G/L lines fill this field; nil for the fields no G/L account maps to
  /// (the Actual/WIP halves and the two transfer rows).
  public var accountType: InventoryAccountType? { ReconciliationField.accountTypes[rawValue] }

  private static let accountTypes: [InventoryAccountType?] = allCases.map { field in
    InventoryAccountType.allCases.first { forAccountType($0) == field }
  }

  /// The field a G/L line of this account type fills (§3.2 step 1).
  public static func forAccountType(_ type: InventoryAccountType) -> ReconciliationField {
    switch type {
    case .inventory: return .inventory
    case .inventoryInterim: return .inventoryInterim
    case .wipInventory: return .wipInventory
    case .materialVariance: return .materialVariance
    case .capacityVariance: return .capacityVariance
    case .subcontractedVariance: return .subcontractedVariance
    case .capOverheadVariance: return .capOverheadVariance
    case .mfgOverheadVariance: return .mfgOverheadVariance
    case .inventoryAdjmt: return .inventoryAdjmt
    case .directCostApplied: return .directCostApplied
    case .overheadApplied: return .overheadApplied
    case .purchaseVariance: return .purchaseVariance
    case .cogs: return .cogs
    case .cogsInterim: return .cogsInterim
    case .invtAccrualInterim: return .invtAccrualInterim
    }
  }
}

/// One amount per reconciliation field.
public struct FieldAmounts: Equatable, Sendable {
  public var units: [Int64]

  public init() { units = Array(repeating: 0, count: Self.fieldCount) }

  /// Counted once (`allCases` builds an array on every use; reports make many of these).
  private static let fieldCount = ReconciliationField.allCases.count

  public subscript(field: ReconciliationField) -> ExactDecimal {
    get { ExactDecimal(units: units[field.rawValue]) }
    set { units[field.rawValue] = newValue.units }
  }

  public var isZero: Bool { units.allSatisfy { $0 == 0 } }
}
