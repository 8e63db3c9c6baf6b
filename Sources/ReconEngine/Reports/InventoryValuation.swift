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
    /// Σ Cost Posted to G/L (BC's InvCostPostedToGL, the item row's column).
    public var costPostedToGL = ExactDecimal.zero
    /// Σ Expected Cost Posted to G/L (BC's ExpCostPostedToGL).
    public var expectedCostPostedToGL = ExactDecimal.zero

    /// Cost Posted to G/L with expected cost included (the Expected Cost Included row's column).
    public var costPostedToGLWithExpected: ExactDecimal {
      ExactDecimal(units: costPostedToGL.units + expectedCostPostedToGL.units)
    }

    /// The docs' check: the closing value should equal the cost posted to G/L (both with
    /// expected cost included when expected cost is posted to G/L).
    public func hasUnpostedCost(expectedCostPosting: Bool) -> Bool {
      expectedCostPosting
        ? closing.valueWithExpected != costPostedToGLWithExpected : closing.value != costPostedToGL
    }
  }

  public let options: Options
  /// Item lines grouped by posting group, each group followed by its total line; the grand
  /// total last.
  public let lines: [Line]

  /// Report 1001's Item.OnAfterGetRecord → CalculateItem: the value entries of each inventory
  /// item (the location filter applied to the entry's Location Code) up to End, summed with
  /// AssignAmounts into the opening (everything before Start, capacity and resource entries
  /// included), the increases and decreases by item ledger entry type (capacity and resource
  /// entries in the period count nowhere), transfers by their application, and Cost Posted to
  /// G/L over all of them.
  public init(_ ledger: Ledger, _ options: Options) {
    self.options = options
    let ve = Columns.valueEntry, item = Columns.item
    let table = ledger.valueEntries
    // Items that take part, by posting group (`where(Type = const(Inventory))`).
    var groupOfItem: [UInt32: StringID] = [:]
    for row in ledger.items.indices where ledger.items[item.type, row] == .inventory {
      let number = ledger.items[item.no, row]
      let group = ledger.items[item.inventoryPostingGroup, row]
      if let filter = options.items, !filter.matches(ledger.string(number)) { continue }
      if let filter = options.postingGroups, !filter.matches(ledger.string(group)) { continue }
      groupOfItem[number.raw] = group
    }
    let locationAllowed = { (id: StringID) in options.locations?.matches(ledger.string(id)) ?? true }
    let transfers = TransferDirection(ledger, locationAllowed: locationAllowed)
    let startOrdinal = options.start?.ordinal ?? Int32.min
    let endOrdinal = options.end.ordinal
    struct Accumulator {
      var line: Line
      /// Raw Σ Cost Amount (Expected) of the opening, the increases and the decreases, before
      /// the invoiced value is added: what the empty-line test looks at.
      var openingExpected: Int64 = 0
      var increasesExpected: Int64 = 0
      var decreasesExpected: Int64 = 0
      /// Entries in Start..End exist (HasEntriesWithinDateRange).
      var hasPeriodEntries = false
      /// Any value entry up to End (an item without one prints no line).
      var seen = false
    }
    // One accumulator per taking item, found with one lookup per value entry.
    var indexOfItem: [UInt32: Int] = [:]
    var perItem: [Accumulator] = []
    for (itemID, group) in groupOfItem {
      indexOfItem[itemID] = perItem.count
      perItem.append(Accumulator(line: Line(item: StringID(raw: itemID), postingGroup: group)))
    }
    for row in table.indices {
      guard let index = indexOfItem[table[ve.itemNo, row].raw], locationAllowed(table[ve.locationCode, row])
      else { continue }
      let date = table[ve.postingDate, row].ordinal
      if date > endOrdinal { continue }
      var entry = perItem[index]
      entry.seen = true
      entry.line.costPostedToGL = ExactDecimal(
        units: entry.line.costPostedToGL.units + table[ve.costPostedToGL, row].units)
      entry.line.expectedCostPostedToGL = ExactDecimal(
        units: entry.line.expectedCostPostedToGL.units + table[ve.expectedCostPostedToGL, row].units)
      let actual = table[ve.costAmountActual, row]
      let expected = table[ve.costAmountExpected, row].units
      let position = Position(
        quantity: table[ve.invoicedQuantity, row], value: actual,
        quantityWithExpected: table[ve.itemLedgerEntryQuantity, row],
        valueWithExpected: ExactDecimal(units: actual.units + expected))
      let ile = table[ve.itemLedgerEntryType, row]
      if date < startOrdinal {
        entry.line.opening.add(position)
        entry.openingExpected += expected
      } else {
        entry.hasPeriodEntries = true
        switch ile {
        case .purchase, .positiveAdjmt, .output, .assemblyOutput:
          entry.line.increases.add(position)
          entry.increasesExpected += expected
        case .sale, .negativeAdjmt, .consumption, .assemblyConsumption:
          entry.line.decreases.add(position, sign: -1)
          entry.decreasesExpected += expected
        case .transfer:
          // A transfer goes out, or comes from an outbound leg inside the same filters (then
          // the two net to zero in Decreases): a decrease; else an increase.
          if table[ve.valuedQuantity, row].isNegative
            || transfers.outboundLegInside(table[ve.itemLedgerEntryNo, row])
          {
            entry.line.decreases.add(position, sign: -1)
            entry.decreasesExpected += expected
          } else {
            entry.line.increases.add(position)
            entry.increasesExpected += expected
          }
        case .blank:
          break  // capacity and resource entries: only the opening and Cost Posted to G/L
        }
      }
      perItem[index] = entry
    }
    var itemLines: [Line] = []
    for entry in perItem where entry.seen {
      // IsEmptyLine: the invoiced figures of the opening and (when the period has entries) of
      // the increases and decreases, and with Include Expected Cost the expected ones too —
      // never Cost Posted to G/L.
      let sums = entry.line
      var empty = true
      if options.start != nil {
        empty = empty && sums.opening.value.isZero && sums.opening.quantity.isZero
        if options.includeExpected {
          empty = empty && entry.openingExpected == 0 && sums.opening.quantityWithExpected.isZero
        }
      }
      if entry.hasPeriodEntries {
        empty =
          empty && sums.increases.value.isZero && sums.increases.quantity.isZero
          && sums.decreases.value.isZero
          && sums.decreases.quantity.isZero
        if options.includeExpected {
          empty =
            empty && entry.increasesExpected == 0 && entry.decreasesExpected == 0
            && sums.increases.quantityWithExpected.isZero && sums.decreases.quantityWithExpected.isZero
        }
      }
      if empty { continue }
      var line = entry.line
      line.closing = line.opening
      line.closing.add(line.increases)
      line.closing.add(line.decreases, sign: -1)
      itemLines.append(line)
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
    total.expectedCostPostedToGL = ExactDecimal(
      units: total.expectedCostPostedToGL.units + line.expectedCostPostedToGL.units)
  }
}

/// How report 1001 tells a transfer's inbound leg from an outbound one (GetOutboundItemEntry):
/// the first Item Application Entry of the leg's item ledger entry names an Outbound Item Entry
/// No.; when that entry is an entry of the same item inside the report's filters, the leg is
/// the other half of a move inside the filtered set.
struct TransferDirection {
  private let firstOutboundOfEntry: [Int64: Int64]
  private let ledger: Ledger
  private let locationAllowed: (StringID) -> Bool

  init(_ ledger: Ledger, locationAllowed: @escaping (StringID) -> Bool) {
    self.ledger = ledger
    self.locationAllowed = locationAllowed
    let app = Columns.itemApplicationEntry
    let apps = ledger.itemApplicationEntries
    // FindFirst on the key "Item Ledger Entry No.": the lowest application entry number.
    var first: [Int64: (entryNo: Int64, outbound: Int64)] = [:]
    for row in apps.indices {
      let entry = apps[app.itemLedgerEntryNo, row]
      let number = apps[app.entryNo, row]
      if let known = first[entry], known.entryNo < number { continue }
      first[entry] = (number, apps[app.outboundItemEntryNo, row])
    }
    firstOutboundOfEntry = first.mapValues(\.outbound)
  }

  /// Whether the transfer leg with this item ledger entry number came from an outbound leg
  /// inside the filters: false when it has no application entry (an increase).
  func outboundLegInside(_ itemLedgerEntryNo: Int64) -> Bool {
    guard let outbound = firstOutboundOfEntry[itemLedgerEntryNo],
      let row = ledger.indexes.itemLedgerEntryByNumber.row(of: outbound),
      let own = ledger.indexes.itemLedgerEntryByNumber.row(of: itemLedgerEntryNo)
    else { return false }
    let ile = Columns.itemLedgerEntry
    let entries = ledger.itemLedgerEntries
    return entries[ile.itemNo, row] == entries[ile.itemNo, own]
      && locationAllowed(entries[ile.locationCode, row])
  }
}
