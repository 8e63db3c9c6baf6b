/// Cost Shares Breakdown (BC report 5848, reconciliation.md §5.4): what sold goods, inventory
/// on hand or work in process are made of — material, capacity, overheads, subcontracting,
/// variances, revaluation and rounding.
///
/// As BC builds it: one Cost Share Buffer row per item ledger entry of an inventory item that is
/// not average-cost, from its own value entries up to End (InsertItemLedgEntryCostShare); output
/// split into the production order's capacity, overheads and subcontracting
/// (UpdateCostShareBufFromInvAdjmtEntryOrder); the shares of each inbound entry forwarded to the
/// outbound entries applied to it, which keep their own cost and only reclassify it
/// (ForwardItemLedgEntryCostShare, UpdateCosts); then the rows of the chosen mode printed per
/// item or production order (PrintInvtCostShareBuf).
public struct CostShares: Sendable {
  public enum Mode: String, Sendable, CaseIterable {
    case sales, inventory, wip
  }

  public struct Options: Sendable {
    public var start: LedgerDate?
    public var end: LedgerDate?
    public var mode: Mode
    /// Show Details: one line per entry under each item or order.
    public var details: Bool

    public init(start: LedgerDate? = nil, end: LedgerDate? = nil, mode: Mode = .sales, details: Bool = false)
    {
      self.start = start
      self.end = end
      self.mode = mode
      self.details = details
    }
  }

  /// The New… fields of a Cost Share Buffer row, in units.
  public struct Shares: Equatable, Sendable {
    public var quantity: Int64 = 0
    public var direct: Int64 = 0
    public var indirect: Int64 = 0
    public var material: Int64 = 0
    public var capacity: Int64 = 0
    public var capacityOverhead: Int64 = 0
    public var materialOverhead: Int64 = 0
    public var subcontracted: Int64 = 0
    public var variance: Int64 = 0
    public var revaluation: Int64 = 0
    public var rounding: Int64 = 0
    /// Purchase, Material, Capacity, Capacity Overhead, Mfg. Overhead, Subcontracted.
    public var varianceBreakdown = VarianceBreakdown()

    /// BC's Total: New Direct + New Indirect + New Revaluation + New Rounding + New Variance.
    public var total: Int64 { direct + indirect + revaluation + rounding + variance }

    static func breakdownIndex(_ type: VarianceType) -> Int? {
      switch type {
      case .purchase: return 0
      case .material: return 1
      case .capacity: return 2
      case .capacityOverhead: return 3
      case .manufacturingOverhead: return 4
      case .subcontracted: return 5
      case .blank: return nil
      }
    }

    /// Material := Direct − (Capacity + Capacity Overhead + Subcontracted).
    mutating func settleMaterial() { material = direct - (capacity + capacityOverhead + subcontracted) }

    mutating func add(_ other: Shares) {
      quantity += other.quantity
      direct += other.direct
      indirect += other.indirect
      material += other.material
      capacity += other.capacity
      capacityOverhead += other.capacityOverhead
      materialOverhead += other.materialOverhead
      subcontracted += other.subcontracted
      variance += other.variance
      revaluation += other.revaluation
      rounding += other.rounding
      for index in varianceBreakdown.indices { varianceBreakdown[index] += other.varianceBreakdown[index] }
    }

    func negated() -> Shares {
      var result = Shares()
      result.add(self)
      result.scale { -$0 }
      return result
    }

    mutating func scale(_ f: (Int64) -> Int64) {
      quantity = f(quantity)
      direct = f(direct)
      indirect = f(indirect)
      material = f(material)
      capacity = f(capacity)
      capacityOverhead = f(capacityOverhead)
      materialOverhead = f(materialOverhead)
      subcontracted = f(subcontracted)
      variance = f(variance)
      revaluation = f(revaluation)
      rounding = f(rounding)
      for index in varianceBreakdown.indices { varianceBreakdown[index] = f(varianceBreakdown[index]) }
    }
  }

  /// The six variance amounts, inline: a report over a million entries builds and scales
  /// shares for each, and an array would put every one on the heap.
  public struct VarianceBreakdown: Equatable, Sendable, RandomAccessCollection, MutableCollection {
    private var values: (Int64, Int64, Int64, Int64, Int64, Int64) = (0, 0, 0, 0, 0, 0)

    public init() {}

    public var startIndex: Int { 0 }
    public var endIndex: Int { 6 }

    public subscript(index: Int) -> Int64 {
      get {
        switch index {
        case 0: return values.0
        case 1: return values.1
        case 2: return values.2
        case 3: return values.3
        case 4: return values.4
        default: return values.5
        }
      }
      set {
        switch index {
        case 0: values.0 = newValue
        case 1: values.1 = newValue
        case 2: values.2 = newValue
        case 3: values.3 = newValue
        case 4: values.4 = newValue
        default: values.5 = newValue
        }
      }
    }

    public static func == (a: Self, b: Self) -> Bool { a.values == b.values }
  }

  public struct Line: Sendable {
    public enum Kind: Sendable, Equatable {
      /// An item (sales, inventory) or production order (WIP): the sum of its rows.
      case group
      /// One entry of the group (Show Details).
      case entry(entryNo: Int64, documentNo: StringID)
      case total
    }
    public var kind: Kind
    /// Item number or production order number; nil for the total.
    public var number: StringID?
    public var description: StringID = .blank
    public var shares = Shares()
  }

  public let options: Options
  /// Per item (by inventory posting group, then number) or order (by status, then number): with
  /// Show Details its entry lines, then its line; the total last.
  public let lines: [Line]

  public init(_ ledger: Ledger, _ options: Options) {
    self.options = options
    var buffer = CostShareBuffer(ledger, options)
    buffer.forward()
    lines = buffer.printed()
  }
}

/// The Cost Share Buffer of report 5848 and the steps that fill and print it.
struct CostShareBuffer {
  struct Row {
    var itemLedgerRow: Int
    /// The base fields the printing reads (of the entry's own cost shares).
    var own: OwnShares
    /// The New… fields, changed by forwarding.
    var new: CostShares.Shares
  }

  /// The fields of an entry's own shares read after the forwarding: kept apart from the rest
  /// so that a buffer row is some 220 bytes, not 280 (a million rows are written and read).
  struct OwnShares {
    var quantity: Int64
    var revaluation: Int64
    var variance: Int64
    var varianceBreakdown: CostShares.VarianceBreakdown

    init(_ shares: CostShares.Shares) {
      quantity = shares.quantity
      revaluation = shares.revaluation
      variance = shares.variance
      varianceBreakdown = shares.varianceBreakdown
    }
  }

  let ledger: Ledger
  let options: CostShares.Options
  let endOrdinal: Int32
  let startOrdinal: Int32
  /// Item ledger entry rows of inventory, non-average items, in entry number order.
  var entryRows: [Int] = []
  /// The buffer: its rows in the order they were inserted, and per item ledger entry row the
  /// index of its row there (-1: not buffered). An optional row per entry would zero some 300
  /// bytes for every entry of the ledger, buffered or not.
  var buffered: [Row] = []
  var slotOfEntry: [Int32]
  /// Application rows per inbound entry's row whose outbound entry made them (AppliedOutbnd),
  /// each group in outbound entry number order.
  var appliedOutbound = RowGroups<Int32>(rows: 0, [])
  /// Inbound entries applied from an outbound one (a transfer receipt, an applied return), by row.
  var appliedFrom: [Bool]
  // The columns the filling reads for every entry, taken out once.
  let entryQuantities: [Int64]
  let entryDates: [Int32]
  let valueDates: [Int32]
  let valueActual: [Int64]
  let valueExpected: [Int64]
  let valueEntryTypes: [UInt8]
  let valueVarianceTypes: [UInt8]
  let entryTypes: [UInt8]
  let entryOrderTypes: [UInt8]
  let entryOrderNos: [UInt32]
  /// Value entry rows per item ledger entry row.
  var valueRows = RowGroups<Int32>(rows: 0, [])
  /// Single-level costs per production order number.
  var orders = ProductionOrderCosts.ByOrder(stringCount: 0)

  /// The value entry count from which the filling's two passes over them run on both cores.
  static let parallelThreshold = 100_000

  init(_ ledger: Ledger, _ options: CostShares.Options) {
    self.ledger = ledger
    self.options = options
    slotOfEntry = Array(repeating: -1, count: ledger.itemLedgerEntries.count)
    appliedFrom = Array(repeating: false, count: ledger.itemLedgerEntries.count)
    let ve = Columns.valueEntry
    entryQuantities = ledger.itemLedgerEntries.units(Columns.itemLedgerEntry.quantity)
    entryDates = ledger.itemLedgerEntries.ordinals(Columns.itemLedgerEntry.postingDate)
    valueDates = ledger.valueEntries.ordinals(ve.postingDate)
    valueActual = ledger.valueEntries.units(ve.costAmountActual)
    valueExpected = ledger.valueEntries.units(ve.costAmountExpected)
    valueEntryTypes = ledger.valueEntries.rawBytes(ve.entryType)
    valueVarianceTypes = ledger.valueEntries.rawBytes(ve.varianceType)
    entryTypes = ledger.itemLedgerEntries.rawBytes(Columns.itemLedgerEntry.entryType)
    entryOrderTypes = ledger.itemLedgerEntries.rawBytes(Columns.itemLedgerEntry.orderType)
    entryOrderNos = ledger.itemLedgerEntries.ids(Columns.itemLedgerEntry.orderNo)
    endOrdinal = options.end?.ordinal ?? Int32.max
    startOrdinal = options.start?.ordinal ?? Int32.min
    let item = Columns.item, ile = Columns.itemLedgerEntry, app = Columns.itemApplicationEntry
    var taking = [Bool](repeating: false, count: ledger.strings.count)
    for row in ledger.items.indices
    where ledger.items[item.type, row] == .inventory && ledger.items[item.costingMethod, row] != .average {
      taking[Int(ledger.items[item.no, row].raw)] = true
    }
    let entries = ledger.itemLedgerEntries
    let itemIDs = entries.ids(ile.itemNo)
    let numbers = entries.values(ile.entryNo)
    entryRows = entries.indices.filter { taking[Int(itemIDs[$0])] }
    // Usually already in entry number order.
    if zip(entryRows, entryRows.dropFirst()).contains(where: { numbers[$0] > numbers[$1] }) {
      entryRows.sort { numbers[$0] < numbers[$1] }
    }
    let apps = ledger.itemApplicationEntries
    let outbound = apps.values(app.outboundItemEntryNo)
    let entryNumbers = apps.values(app.itemLedgerEntryNo)
    let inbounds = apps.values(app.inboundItemEntryNo)
    let byNumber = ledger.indexes.itemLedgerEntryByNumber
    var outboundPairs: [(row: Int, element: Int32)] = []
    for row in apps.indices where outbound[row] != 0 {
      let own = entryNumbers[row]
      let inbound = inbounds[row]
      if own == inbound {
        if let entry = byNumber.row(of: own) { appliedFrom[entry] = true }
      } else if own == outbound[row], let entry = byNumber.row(of: inbound) {
        outboundPairs.append((entry, Int32(row)))
      }
    }
    // Grouped in application order, then each group in outbound entry number order (sorted
    // only when it is not already, as the applications usually are).
    appliedOutbound = RowGroups(rows: entries.count, outboundPairs)
    appliedOutbound.sortEachGroup { outbound[Int($0)] < outbound[Int($1)] }
    // Two independent passes over the value entries: on both cores for a large ledger.
    if ledger.valueEntries.count >= Self.parallelThreshold {
      let both = ParallelPair({ RowGroups.valueEntries(of: ledger) }, { ProductionOrderCosts.all(ledger) })
      valueRows = both.first
      orders = both.second
    } else {
      valueRows = RowGroups.valueEntries(of: ledger)
      orders = ProductionOrderCosts.all(ledger)
    }
    // Nearly every entry taken is buffered: one allocation instead of a doubling copy of rows
    // of some 300 bytes.
    buffered.reserveCapacity(entryRows.count)
  }

  // MARK: Filling

  /// GetValueEntryCostAmts: the entry's value entries up to End; Variance counts its actual
  /// cost only, everything else actual plus expected.
  func ownShares(_ row: Int) -> CostShares.Shares {
    var shares = CostShares.Shares()
    shares.quantity = entryQuantities[row]
    for index in valueRows.indices(of: row) {
      let valueRow = Int(valueRows[element: index])
      guard valueDates[valueRow] <= endOrdinal else { continue }
      let actual = valueActual[valueRow]
      let both = actual + valueExpected[valueRow]
      switch ValueEntryType.stored(valueEntryTypes[valueRow]) {
      case .directCost: shares.direct += both
      case .indirectCost: shares.indirect += both
      case .revaluation: shares.revaluation += both
      case .rounding: shares.rounding += both
      case .variance:
        shares.variance += actual
        if let index = CostShares.Shares.breakdownIndex(.stored(valueVarianceTypes[valueRow])) {
          shares.varianceBreakdown[index] += both
        }
      }
    }
    let type = ItemLedgerEntryType.stored(entryTypes[row])
    if type == .output && entryOrderTypes[row] == OrderType.production.rawValue {
      let order = orders[entryOrderNos[row]] ?? ProductionOrderCosts()
      let share = { (amount: Int64) in order.share(amount, of: shares.quantity) }
      shares.capacity = share(order.capacity)
      shares.capacityOverhead = share(order.capacityOverhead)
      shares.subcontracted = share(order.subcontracted)
      shares.materialOverhead = share(order.manufacturingOverhead)
    } else if type != .assemblyOutput {
      shares.materialOverhead = shares.indirect
    }
    shares.settleMaterial()
    return shares
  }

  /// The buffered row of an item ledger entry row, if any.
  subscript(entry row: Int) -> Row? {
    let slot = slotOfEntry[row]
    return slot < 0 ? nil : buffered[Int(slot)]
  }

  mutating func insert(_ row: Int) {
    guard slotOfEntry[row] < 0 else { return }
    let own = ownShares(row)
    slotOfEntry[row] = Int32(buffered.count)
    buffered.append(Row(itemLedgerRow: row, own: OwnShares(own), new: own))
  }

  func date(_ row: Int) -> Int32 { entryDates[row] }

  /// CalcRemainingQty for every entry, then the forwarding of each inbound entry's shares to
  /// the outbound entries applied to it.
  mutating func forward() {
    let app = Columns.itemApplicationEntry
    let apps = ledger.itemApplicationEntries
    let outboundNumbers = apps.values(app.outboundItemEntryNo), quantities = apps.units(app.quantity)
    let byNumber = ledger.indexes.itemLedgerEntryByNumber
    let applied = appliedOutbound
    let transferShares = options.mode == .sales
    for row in entryRows {
      let positive = entryQuantities[row] > 0
      if positive && slotOfEntry[row] >= 0 { continue }
      let applications = applied.indices(of: row)
      if positive, !appliedFrom[row], !applications.isEmpty {
        guard date(row) <= endOrdinal else { continue }
        insert(row)
        var appliedQuantity: Int64 = 0
        for index in applications {
          let application = Int(applied[element: index])
          guard let to = byNumber.row(of: outboundNumbers[application]) else { continue }
          insert(to)
          // Both are buffered now; the target is changed in place (a row is some 200 bytes).
          let fromSlot = Int(slotOfEntry[row])
          let toSlot = Int(slotOfEntry[to])
          guard date(to) <= endOrdinal, fromSlot >= 0, toSlot >= 0 else { continue }
          let fromNew = buffered[fromSlot].new
          let fromQuantity = buffered[fromSlot].own.quantity
          let quantity = quantities[application]
          appliedQuantity += quantity
          buffered[toSlot].new.quantity -= quantity
          // c = applied quantity ÷ the inbound entry's quantity (negative: the outbound side).
          Self.updateCosts(
            &buffered[toSlot].new, from: fromNew, quantity, fromQuantity, revaluation: transferShares)
          if options.mode != .sales {
            Self.updateCosts(
              &buffered[toSlot].new, from: fromNew, -quantity, fromQuantity, revaluation: transferShares,
              direct: true)
          }
        }
        let slot = Int(slotOfEntry[row])
        if options.mode == .inventory, slot >= 0, buffered[slot].own.quantity != 0 {
          // The inbound entry keeps the part still on hand; its revaluation is not scaled.
          let whole = buffered[slot].own.quantity
          let left = whole + appliedQuantity
          let revaluation = buffered[slot].new.revaluation
          buffered[slot].new.scale { CostShareBuffer.prorate($0, left, whole) }
          buffered[slot].new.quantity = left
          buffered[slot].new.revaluation = revaluation
        }
        continue
      }
      if date(row) <= endOrdinal { insert(row) }
    }
  }

  /// UpdateCosts: the target takes `quantity ÷ whole` of the source's shares; its Direct Cost
  /// gives up as much of the source's non-direct cost (unless `direct`, the reversal, which
  /// moves every field, Direct Cost included), and Material is settled again.
  static func updateCosts(
    _ target: inout CostShares.Shares, from source: CostShares.Shares, _ quantity: Int64, _ whole: Int64,
    revaluation: Bool, direct: Bool = false
  ) {
    func part(_ value: Int64) -> Int64 { prorate(value, quantity, whole) }
    target.indirect += part(source.indirect)
    target.rounding += part(source.rounding)
    target.variance += part(source.variance)
    for index in target.varianceBreakdown.indices {
      target.varianceBreakdown[index] += part(source.varianceBreakdown[index])
    }
    target.capacity += part(source.capacity)
    target.capacityOverhead += part(source.capacityOverhead)
    target.materialOverhead += part(source.materialOverhead)
    target.subcontracted += part(source.subcontracted)
    if revaluation { target.revaluation += part(source.revaluation) }
    if direct {
      target.direct += part(source.direct)
    } else {
      target.direct -= part(
        source.indirect + (revaluation ? source.revaluation : 0) + source.variance + source.rounding)
    }
    target.settleMaterial()
  }

  /// `value × part ÷ whole`, rounded half away from zero in units (10⁻⁵), 128-bit exact.
  static func prorate(_ value: Int64, _ part: Int64, _ whole: Int64) -> Int64 {
    // Most shares of an entry are zero: no division for them.
    guard whole != 0, value != 0, part != 0 else { return 0 }
    // The same rounding in 64 bits when the product fits (nearly always): 128-bit division is
    // a library call.
    let (small, overflow) = value.multipliedReportingOverflow(by: part)
    if !overflow && small != Int64.min && whole != Int64.min {
      var quotient = small / whole
      let remainder = small % whole
      if 2 * remainder.magnitude >= whole.magnitude { quotient += (small < 0) != (whole < 0) ? -1 : 1 }
      return quotient
    }
    let product = Int128(value) * Int128(part)
    let divisor = Int128(whole)
    var quotient = product / divisor
    let remainder = product % divisor
    if 2 * (remainder < 0 ? -remainder : remainder) >= (divisor < 0 ? -divisor : divisor) {
      quotient += (product < 0) != (divisor < 0) ? -1 : 1
    }
    return Int64(clamping: quotient)
  }

  // MARK: Printing

  /// The rows of the mode, grouped per item or order, as report lines.
  func printed() -> [CostShares.Line] {
    switch options.mode {
    case .sales, .inventory: return perItem()
    case .wip: return perOrder()
    }
  }

  func perItem() -> [CostShares.Line] {
    let ile = Columns.itemLedgerEntry
    let entries = ledger.itemLedgerEntries
    let itemIDs = entries.ids(ile.itemNo), entryTypes = entries.rawBytes(ile.entryType)
    let sale = ItemLedgerEntryType.sale.rawValue
    // The printed rows per item, as rows (their shares are taken from the buffer when the lines
    // are made): copying 136-byte shares into a list per item cost more than the forwarding.
    var groupOfItem: [UInt32: Int] = [:]
    var groupRows: [[Int32]] = []
    for row in entryRows {
      let slot = slotOfEntry[row]
      guard slot >= 0, date(row) <= endOrdinal else { continue }
      switch options.mode {
      case .sales:
        guard entryTypes[row] == sale, date(row) >= startOrdinal else { continue }
      default:
        guard buffered[Int(slot)].new.quantity != 0 else { continue }
      }
      let item = itemIDs[row]
      if let group = groupOfItem[item] {
        groupRows[group].append(Int32(row))
      } else {
        groupOfItem[item] = groupRows.count
        groupRows.append([Int32(row)])
      }
    }
    let item = Columns.item
    let postingGroupOf = Dictionary(
      ledger.items.indices.map {
        (ledger.items[item.no, $0].raw, ledger.items[item.inventoryPostingGroup, $0])
      },
      uniquingKeysWith: { first, _ in first })
    let order = groupOfItem.keys.sorted { a, b in
      let (ga, gb) = (ledger.string(postingGroupOf[a] ?? .blank), ledger.string(postingGroupOf[b] ?? .blank))
      if ga != gb { return ga.utf8.lexicographicallyPrecedes(gb.utf8) }
      return ledger.string(StringID(raw: a)).utf8.lexicographicallyPrecedes(
        ledger.string(StringID(raw: b)).utf8)
    }
    let sales = options.mode == .sales
    let buffered = self.buffered, slotOfEntry = self.slotOfEntry
    return lines(
      order.map { key in
        let id = StringID(raw: key)
        let members = groupRows[groupOfItem[key] ?? 0].lazy.map { element in
          let row = Int(element)
          let entry = buffered[Int(slotOfEntry[row])]
          var shares = entry.new
          if sales {
            shares.revaluation -= entry.own.revaluation
            shares.quantity = entry.own.quantity
          }
          return (row, shares)
        }
        return (id, ledger.itemDescriptionID(id), members)
      })
  }

  func perOrder() -> [CostShares.Line] {
    let ile = Columns.itemLedgerEntry, ve = Columns.valueEntry, po = Columns.productionOrder
    let entries = ledger.itemLedgerEntries
    var byOrder: [UInt32: [(Int, CostShares.Shares, Int)]] = [:]
    for row in entryRows {
      guard let buffered = self[entry: row], date(row) <= endOrdinal,
        entries[ile.orderType, row] == .production
      else { continue }
      var shares = buffered.new
      // The order's own variances drop out of WIP.
      shares.variance -= buffered.own.variance
      for index in shares.varianceBreakdown.indices {
        shares.varianceBreakdown[index] -= buffered.own.varianceBreakdown[index]
      }
      byOrder[entries[ile.orderNo, row].raw, default: []].append(
        (row, shares, Int(entries[ile.entryType, row].rawValue)))
    }
    // Capacity rows (InsertCapLedgEntryCostShare), Start..End, every field negated.
    let values = ledger.valueEntries
    for row in values.indices
    where values[ve.itemLedgerEntryType, row] == .blank && values[ve.orderType, row] == .production {
      let date = values[ve.postingDate, row].ordinal
      guard date >= startOrdinal, date <= endOrdinal else { continue }
      var shares = CostShares.Shares()
      let amount = values[ve.costAmountActual, row].units + values[ve.costAmountExpected, row].units
      shares.quantity = values[ve.valuedQuantity, row].units
      switch values[ve.entryType, row] {
      case .directCost:
        shares.direct = amount
        if ProductionOrderCosts.isSubcontracting(ledger, row) {
          shares.subcontracted = amount
        } else {
          shares.capacity = amount
        }
      case .indirectCost:
        shares.indirect = amount
        shares.capacityOverhead = amount
      default: continue
      }
      byOrder[values[ve.orderNo, row].raw, default: []].append((-1 - row, shares.negated(), 99))
    }
    let orderRows = WIPValuation.inKeyOrder(
      ledger,
      ledger.productionOrders.indices.filter { byOrder[ledger.productionOrders[po.no, $0].raw] != nil })
    return lines(
      orderRows.map { orderRow in
        let order = ledger.productionOrders[po.no, orderRow]
        // Key order: consumption, output, then capacity; the first row carries the order quantity.
        var members = (byOrder[order.raw] ?? []).sorted { ($0.2, $0.0) < ($1.2, $1.0) }.map { ($0.0, $0.1) }
        if !members.isEmpty { members[0].1.quantity = ledger.productionOrders[po.quantity, orderRow].units }
        return (order, ledger.productionOrders[po.description, orderRow], members)
      })
  }

  /// Group lines (with their entry lines first under Show Details) and the total. A member is
  /// an item ledger entry row (≥ 0) or a value entry row r as −1 − r, with its shares.
  func lines<Members: Sequence<(Int, CostShares.Shares)>>(_ groups: [(StringID, StringID, Members)])
    -> [CostShares.Line]
  {
    let ile = Columns.itemLedgerEntry, ve = Columns.valueEntry
    var result: [CostShares.Line] = []
    var total = CostShares.Shares()
    for (number, description, members) in groups {
      var sum = CostShares.Shares()
      for (row, memberShares) in members {
        sum.add(memberShares)
        guard options.details else { continue }
        let kind: CostShares.Line.Kind
        if row >= 0 {
          kind = .entry(
            entryNo: ledger.itemLedgerEntries[ile.entryNo, row],
            documentNo: ledger.itemLedgerEntries[ile.documentNo, row])
        } else {
          let valueRow = -1 - row
          kind = .entry(
            entryNo: ledger.valueEntries[ve.entryNo, valueRow],
            documentNo: ledger.valueEntries[ve.documentNo, valueRow])
        }
        result.append(
          CostShares.Line(kind: kind, number: number, description: description, shares: memberShares))
      }
      result.append(CostShares.Line(kind: .group, number: number, description: description, shares: sum))
      total.add(sum)
    }
    result.append(CostShares.Line(kind: .total, number: nil, shares: total))
    return result
  }
}

/// A production order's single-level costs over all dates (CalcActualUsageCosts of codeunit
/// 5896): consumption, capacity direct and overhead cost, subcontracting, manufacturing
/// overhead, and its output quantity — what each output entry takes its share of.
struct ProductionOrderCosts {
  var material: Int64 = 0
  var capacity: Int64 = 0
  var capacityOverhead: Int64 = 0
  var subcontracted: Int64 = 0
  var manufacturingOverhead: Int64 = 0
  var outputQuantity: Int64 = 0

  /// Every production order's costs, in one pass over the value entries: by the order
  /// number's string id (`orders[id]`, nil for a number no production value entry carries).
  static func all(_ ledger: Ledger) -> ByOrder {
    let ve = Columns.valueEntry, po = Columns.productionOrder, item = Columns.item
    let values = ledger.valueEntries
    let production = OrderType.production.rawValue
    let orderTypes = values.rawBytes(ve.orderType), orderNos = values.ids(ve.orderNo)
    let ileTypes = values.rawBytes(ve.itemLedgerEntryType), entryTypes = values.rawBytes(ve.entryType)
    let actuals = values.units(ve.costAmountActual), quantities = values.units(ve.itemLedgerEntryQuantity)
    let sourceTypes = values.ids(ve.sourceType)
    let vendor = ledger.strings.lookup("Vendor")
    var result = ByOrder(stringCount: ledger.strings.count)
    for row in values.indices where orderTypes[row] == production {
      let actual = actuals[row]
      let slot = result.slot(for: orderNos[row])
      guard slot >= 0 else { continue }  // an id outside the pool: never in a loaded ledger
      switch (ItemLedgerEntryType.stored(ileTypes[row]), ValueEntryType.stored(entryTypes[row])) {
      case (.consumption, _): result.costs[slot].material -= actual
      case (.blank, .directCost):
        // A capacity value entry from a subcontractor's invoice (the snapshot has no capacity
        // ledger entry and its Subcontracting flag: the vendor source tells it).
        if let vendor, sourceTypes[row] == vendor.raw {
          result.costs[slot].subcontracted += actual
        } else {
          result.costs[slot].capacity += actual
        }
      case (.blank, .indirectCost): result.costs[slot].capacityOverhead += actual
      case (.output, _): result.costs[slot].outputQuantity += quantities[row]
      default: break
      }
    }
    var itemRow: [UInt32: Int] = [:]
    for row in ledger.items.indices { itemRow[ledger.items[item.no, row].raw] = row }
    // Mfg. overhead: (material + capacity + subcontracted + capacity overhead) × Indirect Cost %
    // + Overhead Rate × output quantity, of the produced item.
    for row in ledger.productionOrders.indices {
      let order = ledger.productionOrders[po.no, row].raw
      guard let slot = result.existingSlot(order),
        let produced = itemRow[ledger.productionOrders[po.sourceNo, row].raw]
      else { continue }
      let percent = ledger.items[item.indirectCostPercent, produced].units
      let rate = ledger.items[item.overheadRate, produced].units
      let costs = result.costs[slot]
      let base = costs.material + costs.capacity + costs.subcontracted + costs.capacityOverhead
      result.costs[slot].manufacturingOverhead =
        CostShareBuffer.prorate(base, percent, 100 * ExactDecimal.unitsPerOne)
        + CostShareBuffer.prorate(rate, costs.outputQuantity, ExactDecimal.unitsPerOne)
    }
    return result
  }

  /// Production order costs by the order number's string id: a slot per id instead of a
  /// dictionary, as the filling looks one up for every output entry.
  struct ByOrder {
    private var slotOfOrder: [Int32]
    fileprivate(set) var costs: [ProductionOrderCosts] = []

    init(stringCount: Int) { slotOfOrder = Array(repeating: -1, count: stringCount) }

    fileprivate mutating func slot(for order: UInt32) -> Int {
      if let slot = existingSlot(order) { return slot }
      guard Int(order) < slotOfOrder.count else { return -1 }
      slotOfOrder[Int(order)] = Int32(costs.count)
      costs.append(ProductionOrderCosts())
      return costs.count - 1
    }

    func existingSlot(_ order: UInt32) -> Int? {
      guard Int(order) < slotOfOrder.count, slotOfOrder[Int(order)] >= 0 else { return nil }
      return Int(slotOfOrder[Int(order)])
    }

    subscript(order: UInt32) -> ProductionOrderCosts? { existingSlot(order).map { costs[$0] } }
  }

  /// The part of an order cost an output entry of `quantity` takes (all of it without output).
  func share(_ amount: Int64, of quantity: Int64) -> Int64 {
    outputQuantity == 0 ? amount : CostShareBuffer.prorate(amount, quantity, outputQuantity)
  }

  /// A capacity value entry from a subcontractor's invoice (the snapshot has no capacity ledger
  /// entry and its Subcontracting flag: the vendor source tells it).
  static func isSubcontracting(_ ledger: Ledger, _ row: Int) -> Bool {
    ledger.string(ledger.valueEntries[Columns.valueEntry.sourceType, row]) == "Vendor"
  }
}

extension Ledger {
  func itemDescriptionID(_ item: StringID) -> StringID {
    let c = Columns.item
    guard let row = items.ids(c.no).firstIndex(of: item.raw) else { return .blank }
    return items[c.description, row]
  }
}
