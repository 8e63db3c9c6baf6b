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
    ((Int(ile) * entryTypeCount + Int(et)) * varianceTypeCount + Int(variance)) * orderTypeCount + Int(order)
  }

  // Counted once: `allCases` builds its array on every use, and `key` runs for every value
  // entry of every pass.
  private static let entryTypeCount = ValueEntryType.allCases.count
  private static let varianceTypeCount = VarianceType.allCases.count
  private static let orderTypeCount = OrderType.allCases.count
}

/// The projection table key of every value entry, read from the four type columns: what each
/// pass over the value entries (matrix, drill-down, explanation) looks up per row.
///
/// The order type is the one BC classifies the entry by. CalcItem in codeunit 5845 sums the
/// value entries of an item in groups of equal Posting Date, Item Ledger Entry Type, Entry
/// Type, Variance Type, Item Charge No. and Location Code, and the Calc* procedures test the
/// group's first entry (in key order: Variant Code, …, Source Type, Source No., Entry No.) —
/// Order Type is not part of the group. A capacity entry (order type Production) and a resource
/// entry of an assembly order (order type Assembly) for the same item, day and location are
/// therefore both projected by the first one's order type. Only entries with a blank item
/// ledger entry type can differ in order type within a group (consumption and output are
/// always production), so only those are regrouped.
struct ProjectionKeys {
  private let ileTypes: [UInt8]
  private let entryTypes: [UInt8]
  private let varianceTypes: [UInt8]
  private let orderTypes: [UInt8]

  init(_ ledger: Ledger) {
    let ve = Columns.valueEntry
    let valueEntries = ledger.valueEntries
    ileTypes = valueEntries.rawBytes(ve.itemLedgerEntryType)
    entryTypes = valueEntries.rawBytes(ve.entryType)
    varianceTypes = valueEntries.rawBytes(ve.varianceType)
    orderTypes = ProjectionKeys.groupOrderTypes(ledger, ileTypes: ileTypes)
  }

  /// The order types with each capacity/resource entry's replaced by its group's first entry's.
  static func groupOrderTypes(_ ledger: Ledger, ileTypes: [UInt8]) -> [UInt8] {
    let ve = Columns.valueEntry
    let table = ledger.valueEntries
    var orderTypes = table.rawBytes(ve.orderType)
    let blank = ItemLedgerEntryType.blank.rawValue
    struct Group: Hashable {
      var item: UInt32, date: Int32, entryType: UInt8, variance: UInt8, charge: UInt32, location: UInt32
    }
    let items = table.ids(ve.itemNo), dates = table.ordinals(ve.postingDate)
    let entryTypes = table.rawBytes(ve.entryType), variances = table.rawBytes(ve.varianceType)
    let charges = table.ids(ve.itemChargeNo), locations = table.ids(ve.locationCode)
    let variants = table.ids(ve.variantCode), sourceTypes = table.ids(ve.sourceType)
    let sources = table.ids(ve.sourceNo), numbers = table.values(ve.entryNo)
    func precedes(_ a: Int, _ b: Int) -> Bool {
      for (x, y) in [(variants[a], variants[b]), (sourceTypes[a], sourceTypes[b]), (sources[a], sources[b])]
      where x != y {
        return ledger.string(StringID(raw: x)).utf8.lexicographicallyPrecedes(
          ledger.string(StringID(raw: y)).utf8)
      }
      return numbers[a] < numbers[b]
    }
    // Only an item whose capacity/resource entries carry more than one order type can have a
    // mixed group; most ledgers have none, and then one pass over the bytes settles it.
    var orderTypesOfItem = [UInt8](repeating: 0, count: ledger.strings.count)
    var mixedItems = false
    for row in ileTypes.indices where ileTypes[row] == blank {
      let item = Int(items[row])
      orderTypesOfItem[item] |= 1 << orderTypes[row]
      if orderTypesOfItem[item] & (orderTypesOfItem[item] &- 1) != 0 { mixedItems = true }
    }
    guard mixedItems else { return orderTypes }
    func candidate(_ row: Int) -> Bool {
      ileTypes[row] == blank && orderTypesOfItem[Int(items[row])].nonzeroBitCount > 1
    }
    var first: [Group: Int] = [:]
    var mixed = false
    for row in ileTypes.indices where candidate(row) {
      let group = Group(
        item: items[row], date: dates[row], entryType: entryTypes[row], variance: variances[row],
        charge: charges[row], location: locations[row])
      if let leader = first[group] {
        if orderTypes[leader] != orderTypes[row] { mixed = true }
        if precedes(row, leader) { first[group] = row }
      } else {
        first[group] = row
      }
    }
    guard mixed else { return orderTypes }
    let original = orderTypes
    for row in ileTypes.indices where candidate(row) {
      let group = Group(
        item: items[row], date: dates[row], entryType: entryTypes[row], variance: variances[row],
        charge: charges[row], location: locations[row])
      if let leader = first[group] { orderTypes[row] = original[leader] }
    }
    return orderTypes
  }

  @inline(__always) subscript(row: Int) -> Int {
    Projection.key(ileTypes[row], entryTypes[row], varianceTypes[row], orderTypes[row])
  }
}
