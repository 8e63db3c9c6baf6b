@testable import ReconEngine

/// What BC computes, written for the tests straight from the AL procedures and independent of
/// the engine's tables: the projection of codeunit 5845 "Get Inventory Report" (one clause per
/// Calc… procedure) and the account pairs of codeunit 5802 "Inventory Posting To G/L" (one
/// clause per Buffer…Posting procedure).
enum BCOracle {
  typealias Amounts = [ReconciliationField: Int64]

  /// CalcValueEntries: the 21 fields one value entry adds, for Cost Amount (Actual) `a` and
  /// (Expected) `e`.
  static func projection(
    _ ile: ItemLedgerEntryType, _ et: ValueEntryType, _ vt: VarianceType, _ ot: OrderType, a: Int64, e: Int64
  ) -> Amounts {
    var r: Amounts = [:]
    func put(_ field: ReconciliationField, _ amount: Int64) { r[field, default: 0] += amount }
    let assemblyResource = ile == .blank && ot == .assembly
    // CalcDirectCostAppliedActual
    if et == .directCost, ile == .purchase || assemblyResource { put(.directCostAppliedActual, -a) }
    // CalcOverheadAppliedActual
    if et == .indirectCost, [.purchase, .output, .assemblyOutput].contains(ile) || assemblyResource {
      put(.overheadAppliedActual, -a)
    }
    // CalcPurchaseVariance
    if et == .variance, ile == .purchase { put(.purchaseVariance, -a) }
    // CalcInventoryAdjmt
    switch et {
    case .rounding, .revaluation: put(.inventoryAdjmt, -a)
    case .directCost:
      if [.positiveAdjmt, .negativeAdjmt, .assemblyOutput, .assemblyConsumption, .transfer].contains(ile)
        || assemblyResource
      {
        put(.inventoryAdjmt, -a)
      }
    default: break
    }
    let directOrRevaluation = et == .directCost || et == .revaluation
    // CalcInvtAccrualInterim, CalcCOGS, CalcCOGSInterim
    if directOrRevaluation, ile == .purchase { put(.invtAccrualInterim, -e) }
    if et == .directCost, ile == .sale { put(.cogs, -a) }
    if directOrRevaluation, ile == .sale { put(.cogsInterim, -e) }
    // CalcWIPInventory
    if ot == .production {
      switch (ile, et) {
      case (.consumption, .directCost): put(.wipInventory, -a)
      case (.output, .directCost): put(.wipInventory, -a - e)
      case (.output, .revaluation): put(.wipInventory, -e)
      case (.blank, .directCost), (.blank, .indirectCost): put(.wipInventory, a)
      default: break
      }
    }
    // CalcMaterialVariance … CalcMfgOverheadVariance
    if et == .variance, ile == .output || ile == .assemblyOutput {
      let field: [VarianceType: ReconciliationField] = [
        .material: .materialVariance, .capacity: .capacityVariance, .subcontracted: .subcontractedVariance,
        .capacityOverhead: .capOverheadVariance, .manufacturingOverhead: .mfgOverheadVariance,
      ]
      if let field = field[vt] { put(field, -a) }
    }
    // CalcInventoryInterim
    if directOrRevaluation, [.purchase, .sale, .output].contains(ile) { put(.inventoryInterim, e) }
    // CalcOverheadAppliedToWIP, CalcDirectCostAppliedToWIP
    if ile == .blank, ot == .production {
      if et == .indirectCost { put(.overheadAppliedWIP, -a) }
      if et == .directCost { put(.directCostAppliedWIP, -a) }
    }
    // CalcWIPToInvtInterim, CalcInvtToWIP (no order type test in either)
    if directOrRevaluation, ile == .output { put(.wipToInterim, -e) }
    if et == .directCost, ile == .output || ile == .consumption { put(.inventoryToWIP, a) }
    // CalcInventory
    if ile != .blank { put(.inventory, a) }
    // CalcDirectCostApplied, CalcOverheadApplied
    if et == .directCost, ile == .purchase || ile == .blank { put(.directCostApplied, -a) }
    if et == .indirectCost, [.purchase, .output, .assemblyOutput, .blank].contains(ile) {
      put(.overheadApplied, -a)
    }
    return r
  }

  struct Pairs {
    /// (account, balancing) of the actual cost.
    var actual: (InventoryAccountType, InventoryAccountType)
    /// (account, balancing) of the expected cost, where the procedure buffers it.
    var expected: (InventoryAccountType, InventoryAccountType)?
  }

  /// BufferInvtPosting's dispatch; nil where BC raises ErrorNonValidCombination or a TestField.
  static func pairs(_ ile: ItemLedgerEntryType, _ et: ValueEntryType, _ vt: VarianceType, _ ot: OrderType)
    -> Pairs?
  {
    let manufacturing: [VarianceType: InventoryAccountType] = [
      .material: .materialVariance, .capacity: .capacityVariance, .subcontracted: .subcontractedVariance,
      .capacityOverhead: .capOverheadVariance, .manufacturingOverhead: .mfgOverheadVariance,
    ]
    switch ile {
    case .purchase:  // BufferPurchPosting
      switch et {
      case .directCost:
        return Pairs(
          actual: (.inventory, .directCostApplied), expected: (.inventoryInterim, .invtAccrualInterim))
      case .indirectCost: return Pairs(actual: (.inventory, .overheadApplied))
      case .variance: return vt == .purchase ? Pairs(actual: (.inventory, .purchaseVariance)) : nil
      case .revaluation:
        return Pairs(
          actual: (.inventory, .inventoryAdjmt), expected: (.inventoryInterim, .invtAccrualInterim))
      case .rounding: return Pairs(actual: (.inventory, .inventoryAdjmt))
      }
    case .sale:  // BufferSalesPosting
      switch et {
      case .directCost: return Pairs(actual: (.inventory, .cogs), expected: (.inventoryInterim, .cogsInterim))
      case .revaluation:
        return Pairs(actual: (.inventory, .inventoryAdjmt), expected: (.inventoryInterim, .cogsInterim))
      case .rounding: return Pairs(actual: (.inventory, .inventoryAdjmt))
      default: return nil
      }
    case .positiveAdjmt, .negativeAdjmt, .transfer:  // BufferAdjmtPosting
      switch et {
      case .directCost:
        return Pairs(actual: (.inventory, .inventoryAdjmt), expected: (.inventoryInterim, .cogsInterim))
      case .revaluation, .rounding: return Pairs(actual: (.inventory, .inventoryAdjmt))
      default: return nil
      }
    case .consumption:  // BufferConsumpPosting
      switch et {
      case .directCost: return Pairs(actual: (.inventory, .wipInventory))
      case .revaluation, .rounding: return Pairs(actual: (.inventory, .inventoryAdjmt))
      default: return nil
      }
    case .output:  // BufferOutputPosting
      switch et {
      case .directCost:
        return Pairs(actual: (.inventory, .wipInventory), expected: (.inventoryInterim, .wipInventory))
      case .indirectCost: return Pairs(actual: (.inventory, .overheadApplied))
      case .variance: return manufacturing[vt].map { Pairs(actual: (.inventory, $0)) }
      case .revaluation:
        return Pairs(actual: (.inventory, .inventoryAdjmt), expected: (.inventoryInterim, .wipInventory))
      case .rounding: return Pairs(actual: (.inventory, .inventoryAdjmt))
      }
    case .assemblyOutput:  // BufferAsmOutputPosting
      switch et {
      case .directCost, .revaluation, .rounding: return Pairs(actual: (.inventory, .inventoryAdjmt))
      case .indirectCost: return Pairs(actual: (.inventory, .overheadApplied))
      case .variance: return manufacturing[vt].map { Pairs(actual: (.inventory, $0)) }
      }
    case .assemblyConsumption:  // BufferAsmConsumpPosting
      return [.directCost, .revaluation, .rounding].contains(et)
        ? Pairs(actual: (.inventory, .inventoryAdjmt)) : nil
    case .blank:  // BufferCapacityPosting
      let side: InventoryAccountType = ot == .assembly ? .inventoryAdjmt : .wipInventory
      switch et {
      case .directCost: return Pairs(actual: (side, .directCostApplied))
      case .indirectCost: return Pairs(actual: (side, .overheadApplied))
      default: return nil
      }
    }
  }
}
