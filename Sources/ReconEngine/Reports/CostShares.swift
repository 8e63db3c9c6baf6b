/// Cost Shares Breakdown (BC report 5848, reconciliation.md §5.4): what sold goods, inventory
/// on hand or work in process are made of — material, capacity, overheads, subcontracting,
/// variances, revaluation and rounding — with costs carried along item applications from the
/// purchases and output they came from.
public struct CostShares: Sendable {
  public enum Mode: String, Sendable, CaseIterable {
    case sales, inventory, wip
  }

  public struct Options: Sendable {
    public var start: LedgerDate?
    public var end: LedgerDate?
    public var mode: Mode
    public var details: Bool

    public init(start: LedgerDate? = nil, end: LedgerDate? = nil, mode: Mode = .sales, details: Bool = false)
    {
      self.start = start
      self.end = end
      self.mode = mode
      self.details = details
    }
  }

  /// The amounts of one entry or line, in units.
  public struct Shares: Equatable, Sendable {
    public var material: Int64 = 0
    public var capacity: Int64 = 0
    public var capacityOverhead: Int64 = 0
    public var materialOverhead: Int64 = 0
    public var subcontracted: Int64 = 0
    public var variance: Int64 = 0
    public var revaluation: Int64 = 0
    public var rounding: Int64 = 0
    public var purchaseVariance: Int64 = 0
    public var materialVariance: Int64 = 0
    public var capacityVariance: Int64 = 0
    public var capacityOverheadVariance: Int64 = 0
    public var mfgOverheadVariance: Int64 = 0
    public var subcontractedVariance: Int64 = 0

    /// Purchase, Material, Capacity, Capacity Overhead, Mfg. Overhead, Subcontracted.
    public var varianceBreakdown: [Int64] {
      [
        purchaseVariance, materialVariance, capacityVariance, capacityOverheadVariance, mfgOverheadVariance,
        subcontractedVariance,
      ]
    }

    mutating func addVariance(_ type: VarianceType, _ amount: Int64) {
      switch type {
      case .purchase: purchaseVariance += amount
      case .material: materialVariance += amount
      case .capacity: capacityVariance += amount
      case .capacityOverhead: capacityOverheadVariance += amount
      case .manufacturingOverhead: mfgOverheadVariance += amount
      case .subcontracted: subcontractedVariance += amount
      case .blank: break
      }
    }

    public var total: Int64 {
      material + capacity + capacityOverhead + materialOverhead + subcontracted + variance + revaluation
        + rounding
    }

    var isZero: Bool { self == Shares() }

    mutating func add(_ other: Shares, numerator: Int64 = 1, denominator: Int64 = 1) {
      func scale(_ value: Int64) -> Int64 {
        if numerator == denominator { return value }
        let product = Int128(value) * Int128(numerator)
        let whole = Int128(denominator)
        var quotient = product / whole
        let remainder = product % whole
        if 2 * (remainder < 0 ? -remainder : remainder) >= (whole < 0 ? -whole : whole) {
          quotient += (product < 0) != (whole < 0) ? -1 : 1
        }
        return Int64(clamping: quotient)
      }
      material += scale(other.material)
      capacity += scale(other.capacity)
      capacityOverhead += scale(other.capacityOverhead)
      materialOverhead += scale(other.materialOverhead)
      subcontracted += scale(other.subcontracted)
      variance += scale(other.variance)
      revaluation += scale(other.revaluation)
      rounding += scale(other.rounding)
      purchaseVariance += scale(other.purchaseVariance)
      materialVariance += scale(other.materialVariance)
      capacityVariance += scale(other.capacityVariance)
      capacityOverheadVariance += scale(other.capacityOverheadVariance)
      mfgOverheadVariance += scale(other.mfgOverheadVariance)
      subcontractedVariance += scale(other.subcontractedVariance)
    }

    func negated() -> Shares {
      var result = Shares()
      result.add(self, numerator: -1, denominator: 1)
      return result
    }
  }

  public struct Line: Sendable {
    /// Item number (sales, inventory) or production order number (WIP); nil for the total.
    public var number: StringID?
    public var description: StringID = .blank
    public var quantity: Int64 = 0
    public var shares = Shares()
  }

  public let options: Options
  /// Lines sorted by number, then the total line.
  public let lines: [Line]

  public init(_ ledger: Ledger, _ options: Options) {
    self.options = options
    let ile = Columns.itemLedgerEntry
    let entries = ledger.itemLedgerEntries
    let endOrdinal = options.end?.closingDate.ordinal ?? Int32.max
    let startOrdinal = options.start?.ordinal ?? Int32.min
    let own = CostShares.ownShares(ledger, endOrdinal: endOrdinal)
    let shares = CostShares.propagate(ledger, own: own, endOrdinal: endOrdinal)
    var averageItems = Set<UInt32>()
    for row in ledger.items.indices where ledger.items[Columns.item.costingMethod, row] == .average {
      averageItems.insert(ledger.items[Columns.item.no, row].raw)
    }
    var perKey: [UInt32: Line] = [:]
    func add(_ key: StringID, quantity: Int64, _ amounts: Shares) {
      var line = perKey[key.raw] ?? Line(number: key)
      line.quantity += quantity
      line.shares.add(amounts)
      perKey[key.raw] = line
    }
    switch options.mode {
    case .sales:
      for row in entries.indices where entries[ile.entryType, row] == .sale {
        let date = entries[ile.postingDate, row].ordinal
        let item = entries[ile.itemNo, row]
        if date < startOrdinal || date > endOrdinal || averageItems.contains(item.raw) { continue }
        add(item, quantity: -entries[ile.quantity, row].units, shares[row].negated())
      }
    case .inventory:
      let remaining = CostShares.remainingQuantities(ledger, endOrdinal: endOrdinal)
      for row in entries.indices where entries[ile.quantity, row].units > 0 {
        let item = entries[ile.itemNo, row]
        if entries[ile.postingDate, row].ordinal > endOrdinal || averageItems.contains(item.raw) { continue }
        let left = remaining[row] ?? 0
        if left == 0 { continue }
        var part = Shares()
        part.add(shares[row], numerator: left, denominator: entries[ile.quantity, row].units)
        add(item, quantity: left, part)
      }
    case .wip:
      let ve = Columns.valueEntry
      for row in entries.indices
      where entries[ile.entryType, row] == .consumption && entries[ile.orderType, row] == .production {
        let date = entries[ile.postingDate, row].ordinal
        if date < startOrdinal || date > endOrdinal { continue }
        add(entries[ile.orderNo, row], quantity: 0, shares[row].negated())
      }
      let values = ledger.valueEntries
      for row in values.indices
      where values[ve.itemLedgerEntryNo, row] == 0 && values[ve.orderType, row] == .production {
        let date = values[ve.postingDate, row].ordinal
        if date < startOrdinal || date > endOrdinal { continue }
        var amounts = Shares()
        let a = values[ve.costAmountActual, row].units
        switch values[ve.entryType, row] {
        case .directCost: amounts.capacity = a
        case .indirectCost: amounts.capacityOverhead = a
        default: continue
        }
        add(values[ve.orderNo, row], quantity: 0, amounts)
      }
    }
    var lines = perKey.values.filter { $0.quantity != 0 || !$0.shares.isZero }.sorted {
      ledger.string($0.number ?? .blank).utf8.lexicographicallyPrecedes(
        ledger.string($1.number ?? .blank).utf8)
    }
    for index in lines.indices {
      if let number = lines[index].number {
        lines[index].description =
          options.mode == .wip ? ledger.orderDescription(number) : ledger.itemDescriptionID(number)
      }
    }
    var total = Line(number: nil)
    for line in lines {
      total.quantity += line.quantity
      total.shares.add(line.shares)
    }
    self.lines = lines + [total]
  }

  /// Each item ledger entry's own value entries dated up to End, by kind (§5.4), by row.
  struct OwnCosts {
    var direct: [Int64]
    var indirect: [Int64]
    var shares: [Shares]
  }

  static func ownShares(_ ledger: Ledger, endOrdinal: Int32) -> OwnCosts {
    let ve = Columns.valueEntry
    let values = ledger.valueEntries
    let count = ledger.itemLedgerEntries.count
    var own = OwnCosts(
      direct: Array(repeating: 0, count: count), indirect: Array(repeating: 0, count: count),
      shares: Array(repeating: Shares(), count: count))
    for row in values.indices {
      let number = values[ve.itemLedgerEntryNo, row]
      if number == 0 || values[ve.postingDate, row].ordinal > endOrdinal { continue }
      guard let entryRow = ledger.indexes.itemLedgerEntryByNumber.row(of: number) else { continue }
      let amount = values[ve.costAmountActual, row].units + values[ve.costAmountExpected, row].units
      switch values[ve.entryType, row] {
      case .directCost: own.direct[entryRow] += amount
      case .indirectCost: own.indirect[entryRow] += amount
      case .revaluation: own.shares[entryRow].revaluation += amount
      case .rounding: own.shares[entryRow].rounding += amount
      case .variance:
        own.shares[entryRow].variance += amount
        own.shares[entryRow].addVariance(values[ve.varianceType, row], amount)
      }
    }
    return own
  }

  /// The shares of every item ledger entry: inbound entries from their own costs (output from
  /// its order's capacity costs pro-rated by output quantity), outbound entries pushed from the
  /// inbound entries they applied to, inbound transfer legs from their outbound leg.
  static func propagate(_ ledger: Ledger, own: OwnCosts, endOrdinal: Int32) -> [Shares] {
    let ile = Columns.itemLedgerEntry, app = Columns.itemApplicationEntry, ve = Columns.valueEntry
    let entries = ledger.itemLedgerEntries
    // The production orders' capacity costs and output quantities.
    var orderCapacity: [UInt32: (capacity: Int64, overhead: Int64)] = [:]
    let values = ledger.valueEntries
    for row in values.indices
    where values[ve.itemLedgerEntryNo, row] == 0 && values[ve.orderType, row] == .production {
      if values[ve.postingDate, row].ordinal > endOrdinal { continue }
      let a = values[ve.costAmountActual, row].units
      var record = orderCapacity[values[ve.orderNo, row].raw] ?? (0, 0)
      if values[ve.entryType, row] == .directCost { record.capacity += a }
      if values[ve.entryType, row] == .indirectCost { record.overhead += a }
      orderCapacity[values[ve.orderNo, row].raw] = record
    }
    var orderOutput: [UInt32: Int64] = [:]
    for row in entries.indices where entries[ile.entryType, row] == .output {
      orderOutput[entries[ile.orderNo, row].raw, default: 0] += entries[ile.quantity, row].units
    }
    // Applications of outbound entries, by outbound entry number.
    var applications: [Int64: [(inbound: Int64, quantity: Int64)]] = [:]
    for row in ledger.itemApplicationEntries.indices
    where ledger.itemApplicationEntries[app.outboundItemEntryNo, row] != 0 {
      applications[ledger.itemApplicationEntries[app.outboundItemEntryNo, row], default: []].append(
        (
          ledger.itemApplicationEntries[app.inboundItemEntryNo, row],
          ledger.itemApplicationEntries[app.quantity, row].units
        ))
    }
    let transferFrom = InventoryValuation.outboundTransferLegRows(ledger)
    var shares = Array(repeating: Shares(), count: entries.count)
    let numbers = entries.values(ile.entryNo)
    let inOrder = zip(numbers, numbers.dropFirst()).allSatisfy { $0 < $1 }
    let order = inOrder ? Array(entries.indices) : entries.indices.sorted { numbers[$0] < numbers[$1] }
    for row in order {
      let quantity = entries[ile.quantity, row].units
      let record = (direct: own.direct[row], indirect: own.indirect[row], shares: own.shares[row])
      var result = record.shares
      if quantity > 0 {
        switch entries[ile.entryType, row] {
        case .transfer:
          if let from = transferFrom[row] {
            result = shares[from].negated()
          } else {
            result.material = record.direct
            result.materialOverhead = record.indirect
          }
        case .output:
          let orderNo = entries[ile.orderNo, row].raw
          let capacity = orderCapacity[orderNo] ?? (0, 0)
          let total = max(orderOutput[orderNo] ?? quantity, 1)
          var prorated = Shares()
          prorated.capacity = capacity.capacity
          prorated.capacityOverhead = capacity.overhead
          var part = Shares()
          part.add(prorated, numerator: quantity, denominator: total)
          result.capacity = part.capacity
          result.capacityOverhead = part.capacityOverhead
          result.materialOverhead = record.indirect
          result.material = record.direct - (part.capacity + part.capacityOverhead + part.subcontracted)
        default:
          result.material = record.direct
          result.materialOverhead = record.indirect
        }
      } else {
        result = Shares()
        for application in applications[entries[ile.entryNo, row]] ?? [] {
          guard let inboundRow = ledger.indexes.itemLedgerEntryByNumber.row(of: application.inbound) else {
            continue
          }
          result.add(
            shares[inboundRow], numerator: application.quantity,
            denominator: entries[ile.quantity, inboundRow].units)
        }
      }
      shares[row] = result
    }
    return shares
  }

  /// Remaining quantity of each inbound entry at End: its quantity less what outbound entries
  /// dated up to End applied.
  static func remainingQuantities(_ ledger: Ledger, endOrdinal: Int32) -> [Int: Int64] {
    let ile = Columns.itemLedgerEntry, app = Columns.itemApplicationEntry
    var applied: [Int64: Int64] = [:]
    let apps = ledger.itemApplicationEntries
    for row in apps.indices
    where apps[app.outboundItemEntryNo, row] != 0 && apps[app.postingDate, row].ordinal <= endOrdinal {
      applied[apps[app.inboundItemEntryNo, row], default: 0] += apps[app.quantity, row].units
    }
    var result: [Int: Int64] = [:]
    for row in ledger.itemLedgerEntries.indices where ledger.itemLedgerEntries[ile.quantity, row].units > 0 {
      result[row] =
        ledger.itemLedgerEntries[ile.quantity, row].units
        + (applied[ledger.itemLedgerEntries[ile.entryNo, row]] ?? 0)
    }
    return result
  }
}

extension InventoryValuation {
  /// For each inbound transfer leg (row), the row of the outbound leg it came from.
  static func outboundTransferLegRows(_ ledger: Ledger) -> [Int: Int] {
    let ile = Columns.itemLedgerEntry
    let entries = ledger.itemLedgerEntries
    var outbound: [[UInt32]: Int] = [:]
    for row in entries.indices
    where entries[ile.entryType, row] == .transfer && entries[ile.quantity, row].isNegative {
      let order = entries[ile.orderNo, row].isBlank ? entries[ile.documentNo, row] : entries[ile.orderNo, row]
      outbound[[entries[ile.itemNo, row].raw, order.raw]] = row
    }
    var legs: [Int: Int] = [:]
    for row in entries.indices
    where entries[ile.entryType, row] == .transfer && !entries[ile.quantity, row].isNegative {
      let order = entries[ile.orderNo, row].isBlank ? entries[ile.documentNo, row] : entries[ile.orderNo, row]
      if let from = outbound[[entries[ile.itemNo, row].raw, order.raw]] { legs[row] = from }
    }
    return legs
  }
}

extension Ledger {
  func itemDescriptionID(_ item: StringID) -> StringID {
    let c = Columns.item
    guard let row = items.ids(c.no).firstIndex(of: item.raw) else { return .blank }
    return items[c.description, row]
  }

  func orderDescription(_ order: StringID) -> StringID {
    let c = Columns.productionOrder
    guard let row = productionOrders.ids(c.no).firstIndex(of: order.raw) else { return .blank }
    return productionOrders[c.description, row]
  }
}
