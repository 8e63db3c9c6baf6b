/// Inventory Valuation (BC report 1001, reconciliation.md §5.1): per item, grouped by inventory
/// posting group, the opening position at Start − 1, increases, decreases, the closing position
/// at End and the cost posted to G/L; optionally each also with expected cost included.
public struct InventoryValuation: Sendable {
  public struct Options: Sendable {
    public var start: LedgerDate?
    public var end: LedgerDate
    public var includeExpected: Bool
    public var items: CodeFilter?
    public var locations: CodeFilter?
    public var postingGroups: CodeFilter?

    public init(
      start: LedgerDate? = nil, end: LedgerDate, includeExpected: Bool = false, items: CodeFilter? = nil,
      locations: CodeFilter? = nil, postingGroups: CodeFilter? = nil
    ) {
      self.start = start
      self.end = end
      self.includeExpected = includeExpected
      self.items = items
      self.locations = locations
      self.postingGroups = postingGroups
    }
  }

  /// A quantity and a value, invoiced only and with expected cost included.
  public struct Position: Equatable, Sendable {
    public var quantity = ExactDecimal.zero
    public var value = ExactDecimal.zero
    public var quantityWithExpected = ExactDecimal.zero
    public var valueWithExpected = ExactDecimal.zero

    mutating func add(_ other: Position, sign: Int64 = 1) {
      quantity = ExactDecimal(units: quantity.units + sign * other.quantity.units)
      value = ExactDecimal(units: value.units + sign * other.value.units)
      quantityWithExpected = ExactDecimal(
        units: quantityWithExpected.units + sign * other.quantityWithExpected.units)
      valueWithExpected = ExactDecimal(units: valueWithExpected.units + sign * other.valueWithExpected.units)
    }

    var isZero: Bool {
      quantity.isZero && value.isZero && quantityWithExpected.isZero && valueWithExpected.isZero
    }
  }

  public struct Line: Sendable {
    /// The item, or nil for a total line.
    public var item: StringID?
    public var postingGroup: StringID
    public var opening = Position()
    public var increases = Position()
    public var decreases = Position()
    public var closing = Position()
    public var costPostedToGL = ExactDecimal.zero

    /// The docs' check: the closing value should equal the cost posted to G/L (with expected
    /// cost included when expected cost is posted to G/L).
    public func hasUnpostedCost(expectedCostPosting: Bool) -> Bool {
      (expectedCostPosting ? closing.valueWithExpected : closing.value) != costPostedToGL
    }
  }

  public let options: Options
  /// Item lines grouped by posting group, each group followed by its total line; the grand
  /// total last.
  public let lines: [Line]

  public init(_ ledger: Ledger, _ options: Options) {
    self.options = options
    let ve = Columns.valueEntry, item = Columns.item
    let table = ledger.valueEntries
    // Items that take part, by posting group.
    var groupOfItem: [UInt32: StringID] = [:]
    for row in ledger.items.indices where ledger.items[item.type, row] == .inventory {
      let number = ledger.items[item.no, row]
      let group = ledger.items[item.inventoryPostingGroup, row]
      if let filter = options.items, !filter.matches(ledger.string(number)) { continue }
      if let filter = options.postingGroups, !filter.matches(ledger.string(group)) { continue }
      groupOfItem[number.raw] = group
    }
    let locationAllowed = { (id: StringID) in options.locations?.matches(ledger.string(id)) ?? true }
    let outboundTransferLegs = InventoryValuation.outboundTransferLegs(ledger)
    let startOrdinal = options.start?.ordinal ?? Int32.min
    let endOrdinal = options.end.closingDate.ordinal
    var perItem: [UInt32: Line] = [:]
    for row in table.indices {
      let itemID = table[ve.itemNo, row]
      guard let group = groupOfItem[itemID.raw] else { continue }
      let ile = table[ve.itemLedgerEntryType, row]
      if ile == .blank { continue }  // capacity cost is WIP, not inventory
      let location = table[ve.locationCode, row]
      if !locationAllowed(location) { continue }
      let date = table[ve.postingDate, row].ordinal
      if date > endOrdinal { continue }
      var line = perItem[itemID.raw] ?? Line(item: itemID, postingGroup: group)
      line.costPostedToGL = ExactDecimal(
        units: line.costPostedToGL.units + table[ve.costPostedToGL, row].units
          + table[ve.expectedCostPostedToGL, row].units)
      let actual = table[ve.costAmountActual, row]
      let position = Position(
        quantity: table[ve.invoicedQuantity, row], value: actual,
        quantityWithExpected: table[ve.itemLedgerEntryQuantity, row],
        valueWithExpected: ExactDecimal(units: actual.units + table[ve.costAmountExpected, row].units))
      if date < startOrdinal {
        line.opening.add(position)
      } else {
        switch ile {
        case .purchase, .positiveAdjmt, .output, .assemblyOutput:
          line.increases.add(position)
        case .sale, .negativeAdjmt, .consumption, .assemblyConsumption:
          line.decreases.add(position, sign: -1)
        case .transfer:
          // A transfer counts as a decrease (with its sign) when it goes out, or when the
          // outbound leg it came from is inside the same filters; else it is an increase.
          let fromInside =
            outboundTransferLegs[table[ve.itemLedgerEntryNo, row]].map { locationAllowed($0) } ?? false
          if table[ve.valuedQuantity, row].isNegative || fromInside {
            line.decreases.add(position, sign: -1)
          } else {
            line.increases.add(position)
          }
        case .blank:
          break
        }
      }
      perItem[itemID.raw] = line
    }
    var itemLines = perItem.values.map { line -> Line in
      var line = line
      line.closing = line.opening
      line.closing.add(line.increases)
      line.closing.add(line.decreases, sign: -1)
      return line
    }
    itemLines.removeAll {
      $0.opening.isZero && $0.increases.isZero && $0.decreases.isZero && $0.costPostedToGL.isZero
    }
    itemLines.sort {
      let (a, b) = (ledger.string($0.postingGroup), ledger.string($1.postingGroup))
      if a != b { return a.utf8.lexicographicallyPrecedes(b.utf8) }
      return ledger.string($0.item ?? .blank).utf8.lexicographicallyPrecedes(
        ledger.string($1.item ?? .blank).utf8)
    }
    var lines: [Line] = []
    var grand = Line(item: nil, postingGroup: .blank)
    var index = 0
    while index < itemLines.count {
      let group = itemLines[index].postingGroup
      var total = Line(item: nil, postingGroup: group)
      while index < itemLines.count && itemLines[index].postingGroup == group {
        lines.append(itemLines[index])
        InventoryValuation.accumulate(&total, itemLines[index])
        index += 1
      }
      lines.append(total)
      InventoryValuation.accumulate(&grand, total)
    }
    lines.append(grand)
    self.lines = lines
  }

  static func accumulate(_ total: inout Line, _ line: Line) {
    total.opening.add(line.opening)
    total.increases.add(line.increases)
    total.decreases.add(line.decreases)
    total.closing.add(line.closing)
    total.costPostedToGL = ExactDecimal(units: total.costPostedToGL.units + line.costPostedToGL.units)
  }

  /// For each inbound transfer leg (item ledger entry number), the location of the outbound leg
  /// it came from.
  static func outboundTransferLegs(_ ledger: Ledger) -> [Int64: StringID] {
    let ile = Columns.itemLedgerEntry
    let entries = ledger.itemLedgerEntries
    var legs: [Int64: StringID] = [:]
    for (inbound, outbound) in outboundTransferLegRows(ledger) {
      legs[entries[ile.entryNo, inbound]] = entries[ile.locationCode, outbound]
    }
    return legs
  }
}
