/// The per-value-entry projection of reconciliation.md §3.3: which fields a value entry adds
/// to, with which of its amounts and sign.
public struct ProjectionTerm: Equatable, Sendable {
  public enum Source: Sendable, Equatable {
    /// Cost Amount (Actual)
    case actual
    /// Cost Amount (Expected)
    case expected
    /// Actual plus expected (Output direct cost into WIP)
    case actualPlusExpected
  }
  public var field: ReconciliationField
  public var source: Source
  /// +1 or −1.
  public var sign: Int64
}

public enum Projection {
  /// The terms for one combination of a value entry's types, per the §3.3 table.
  public static func terms(
    itemLedgerEntryType ile: ItemLedgerEntryType, entryType et: ValueEntryType, varianceType: VarianceType,
    orderType: OrderType
  ) -> [ProjectionTerm] {
    var terms: [ProjectionTerm] = []
    func add(_ field: ReconciliationField, _ source: ProjectionTerm.Source, _ sign: Int64) {
      terms.append(ProjectionTerm(field: field, source: source, sign: sign))
    }
    let direct = et == .directCost
    let indirect = et == .indirectCost
    // 1 Inventory
    if ile != .blank { add(.inventory, .actual, 1) }
    // 2 Inventory (Interim)
    if (direct || et == .revaluation) && [.purchase, .sale, .output].contains(ile) {
      add(.inventoryInterim, .expected, 1)
    }
    // 3 WIP Inventory
    if orderType == .production {
      if ile == .consumption && direct { add(.wipInventory, .actual, -1) }
      if ile == .output && direct { add(.wipInventory, .actualPlusExpected, -1) }
      if ile == .output && et == .revaluation { add(.wipInventory, .expected, -1) }
      if ile == .blank && (direct || indirect) { add(.wipInventory, .actual, 1) }
    }
    // 4 Direct Cost Applied Actual
    if direct && (ile == .purchase || (ile == .blank && orderType == .assembly)) {
      add(.directCostAppliedActual, .actual, -1)
    }
    // 5 Overhead Applied Actual
    if indirect
      && ([.purchase, .output, .assemblyOutput].contains(ile) || (ile == .blank && orderType == .assembly))
    {
      add(.overheadAppliedActual, .actual, -1)
    }
    // 6 Purchase Variance
    if et == .variance && ile == .purchase { add(.purchaseVariance, .actual, -1) }
    // 7 Inventory Adjmt.
    if et == .rounding || et == .revaluation
      || (direct
        && [.positiveAdjmt, .negativeAdjmt, .transfer, .assemblyOutput, .assemblyConsumption].contains(ile))
      || (direct && ile == .blank && orderType == .assembly)
    {
      add(.inventoryAdjmt, .actual, -1)
    }
    // 8 Invt. Accrual (Interim)
    if (direct || et == .revaluation) && ile == .purchase { add(.invtAccrualInterim, .expected, -1) }
    // 9 COGS
    if direct && ile == .sale { add(.cogs, .actual, -1) }
    // 10 COGS (Interim)
    if (direct || et == .revaluation) && ile == .sale { add(.cogsInterim, .expected, -1) }
    // 11–15 manufacturing variances
    if et == .variance && (ile == .output || ile == .assemblyOutput) {
      let field: ReconciliationField? =
        switch varianceType {
        case .material: .materialVariance
        case .capacity: .capacityVariance
        case .subcontracted: .subcontractedVariance
        case .capacityOverhead: .capOverheadVariance
        case .manufacturingOverhead: .mfgOverheadVariance
        default: nil
        }
      if let field { add(field, .actual, -1) }
    }
    // 16 Direct Cost Applied WIP, 17 Overhead Applied WIP
    if direct && ile == .blank && orderType == .production { add(.directCostAppliedWIP, .actual, -1) }
    if indirect && ile == .blank && orderType == .production { add(.overheadAppliedWIP, .actual, -1) }
    // 18 Inventory To WIP
    if direct && (ile == .consumption || ile == .output) { add(.inventoryToWIP, .actual, 1) }
    // 19 WIP To Interim
    if (direct || et == .revaluation) && ile == .output { add(.wipToInterim, .expected, -1) }
    // 20 Direct Cost Applied, 21 Overhead Applied
    if direct && (ile == .purchase || ile == .blank) { add(.directCostApplied, .actual, -1) }
    if indirect && [.purchase, .output, .assemblyOutput, .blank].contains(ile) {
      add(.overheadApplied, .actual, -1)
    }
    return terms
  }

  /// All combinations precomputed, indexed by `key(...)`, so projecting a million entries is a
  /// table lookup per entry.
  static let table: [[ProjectionTerm]] = {
    var table: [[ProjectionTerm]] = []
    for ile in ItemLedgerEntryType.allCases {
      for et in ValueEntryType.allCases {
        for variance in VarianceType.allCases {
          for order in OrderType.allCases {
            table.append(
              terms(itemLedgerEntryType: ile, entryType: et, varianceType: variance, orderType: order))
          }
        }
      }
    }
    return table
  }()

  @inline(__always)
  static func key(_ ile: UInt8, _ et: UInt8, _ variance: UInt8, _ order: UInt8) -> Int {
    ((Int(ile) * ValueEntryType.allCases.count + Int(et)) * VarianceType.allCases.count + Int(variance))
      * OrderType.allCases.count + Int(order)
  }
}

/// The projection table key of every value entry, read from the four type columns: what each
/// pass over the value entries (matrix, drill-down, explanation) looks up per row.
struct ProjectionKeys {
  private let ileTypes: [UInt8]
  private let entryTypes: [UInt8]
  private let varianceTypes: [UInt8]
  private let orderTypes: [UInt8]

  init(_ valueEntries: LedgerTable) {
    let ve = Columns.valueEntry
    ileTypes = valueEntries.rawBytes(ve.itemLedgerEntryType)
    entryTypes = valueEntries.rawBytes(ve.entryType)
    varianceTypes = valueEntries.rawBytes(ve.varianceType)
    orderTypes = valueEntries.rawBytes(ve.orderType)
  }

  @inline(__always) subscript(row: Int) -> Int {
    Projection.key(ileTypes[row], entryTypes[row], varianceTypes[row], orderTypes[row])
  }
}
