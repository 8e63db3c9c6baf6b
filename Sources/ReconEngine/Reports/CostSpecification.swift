/// Invt. Valuation – Cost Spec. (BC report 5801, reconciliation.md §5.3): per item at a
/// valuation date, the inventory still on hand split into the five value entry types, each with
/// the remaining quantity, cost per unit and amount.
public struct CostSpecification: Sendable {
  public struct Options: Sendable {
    public var valuationDate: LedgerDate
    public var items: CodeFilter?
    public var locations: CodeFilter?

    public init(valuationDate: LedgerDate, items: CodeFilter? = nil, locations: CodeFilter? = nil) {
      self.valuationDate = valuationDate
      self.items = items
      self.locations = locations
    }
  }

  /// The five buckets, in the report's order.
  public static let buckets: [ValueEntryType] = [
    .directCost, .revaluation, .rounding, .indirectCost, .variance,
  ]

  public struct Line: Sendable {
    public var item: StringID
    /// Σ remaining quantity at the valuation date (signed).
    public var quantity = ExactDecimal.zero
    /// Per bucket, in `buckets` order, at full precision (units of 10⁻¹² of the currency):
    /// BC keeps Decimal precision until it prints.
    public var preciseAmounts = Array(repeating: Int128(0), count: 5)
    /// Per bucket: the item has value entries of that type (BC prints only those buckets).
    public var hasEntries = Array(repeating: false, count: 5)

    public var preciseTotal: Int128 { preciseAmounts.reduce(0, +) }

    /// A bucket's amount rounded to the amount decimals.
    public func amount(_ bucket: Int, decimals: Int) -> ExactDecimal {
      CostSpecification.rounded(preciseAmounts[bucket], decimals: decimals)
    }
    public func total(decimals: Int) -> ExactDecimal {
      CostSpecification.rounded(preciseTotal, decimals: decimals)
    }

    /// CalcAvgCost: the unrounded amount ÷ |Σ remaining|, to five decimals (0 when nothing
    /// remains). The total's cost per unit is the sum of the buckets' (unrounded) ones.
    public func costPerUnit(_ bucket: Int) -> ExactDecimal {
      CostSpecification.perUnit(preciseAmounts[bucket], quantity.units)
    }
    public var totalCostPerUnit: ExactDecimal { CostSpecification.perUnit(preciseTotal, quantity.units) }
  }

  public let options: Options
  /// One line per item with an item ledger entry up to the valuation date, by item number.
  public let lines: [Line]

  /// Report 5801's Integer.OnAfterGetRecord: per item ledger entry of the item up to the
  /// valuation date (drop shipments left out) CalcRemainingQty, CalcUnitCost per value entry
  /// type, and the bucket amount = unit cost × |remaining quantity| (average cost: the raw sum).
  public init(_ ledger: Ledger, _ options: Options) {
    self.options = options
    let ile = Columns.itemLedgerEntry, ve = Columns.valueEntry, item = Columns.item
    let entries = ledger.itemLedgerEntries
    let valuation = options.valuationDate.ordinal
    var methodOf: [UInt32: CostingMethod] = [:]
    var inventoryItem: Set<UInt32> = []
    for row in ledger.items.indices {
      methodOf[ledger.items[item.no, row].raw] = ledger.items[item.costingMethod, row]
      if ledger.items[item.type, row] == .inventory { inventoryItem.insert(ledger.items[item.no, row].raw) }
    }
    let locationAllowed = { (id: StringID) in options.locations?.matches(ledger.string(id)) ?? true }
    let remaining = RemainingQuantities(ledger, valuation: valuation)
    // Value entries per item ledger entry, dated up to the valuation date, in their location.
    let valueRows = RowGroups.valueEntries(of: ledger) { row in
      ledger.valueEntries[ve.postingDate, row].ordinal <= valuation
        && locationAllowed(ledger.valueEntries[ve.locationCode, row])
    }
    // 10⁷ fine units per amount unit: 10⁻¹² of the currency.
    let fine = Int128(10_000_000)
    // Lines by item, mutated in place (a line taken out of a dictionary and put back would copy
    // its arrays for every entry).
    var lineOfItem: [UInt32: Int] = [:]
    var perItem: [Line] = []
    for row in entries.indices {
      if entries[ile.postingDate, row].ordinal > valuation || entries[ile.dropShipment, row] { continue }
      let itemID = entries[ile.itemNo, row]
      guard inventoryItem.contains(itemID.raw) else { continue }
      if let filter = options.items, !filter.matches(ledger.string(itemID)) { continue }
      if !locationAllowed(entries[ile.locationCode, row]) { continue }
      let quantity = entries[ile.quantity, row].units
      let left = remaining.at(row)
      let index: Int
      if let known = lineOfItem[itemID.raw] {
        index = known
      } else {
        index = perItem.count
        lineOfItem[itemID.raw] = index
        perItem.append(Line(item: itemID))
      }
      perItem[index].quantity = ExactDecimal(units: perItem[index].quantity.units + left)
      let average = methodOf[itemID.raw] == .average
      for element in valueRows[row] {
        let valueRow = Int(element)
        guard
          let bucket = CostSpecification.buckets.firstIndex(of: ledger.valueEntries[ve.entryType, valueRow])
        else { continue }
        perItem[index].hasEntries[bucket] = true
        let amount =
          Int128(ledger.valueEntries[ve.costAmountActual, valueRow].units)
          + Int128(ledger.valueEntries[ve.costAmountExpected, valueRow].units)
        if average {
          perItem[index].preciseAmounts[bucket] += amount * fine
        } else {
          // SumUnitCost divides each entry by its own quantity: the valued quantity of a partial
          // revaluation, else the item ledger entry's; the unit cost × |remaining|.
          let divisor =
            ledger.valueEntries[ve.partialRevaluation, valueRow]
            ? ledger.valueEntries[ve.valuedQuantity, valueRow].units : quantity
          perItem[index].preciseAmounts[bucket] += CostSpecification.scaled(
            amount * Int128(left.magnitude) * fine, by: Int128(divisor.magnitude))
        }
      }
    }
    lines = perItem.sorted {
      ledger.string($0.item).utf8.lexicographicallyPrecedes(ledger.string($1.item).utf8)
    }
  }

  /// `value ÷ divisor`, rounded half away from zero; 0 for a zero divisor (BC stops with a
  /// division by zero there).
  static func scaled(_ value: Int128, by divisor: Int128) -> Int128 {
    guard divisor != 0 else { return 0 }
    var quotient = value / divisor
    let remainder = value % divisor
    if 2 * (remainder < 0 ? -remainder : remainder) >= divisor { quotient += value < 0 ? -1 : 1 }
    return quotient
  }

  /// Fine units (10⁻¹²) rounded half away from zero to `decimals`.
  static func rounded(_ precise: Int128, decimals: Int) -> ExactDecimal {
    let step = Int128(
      ExactDecimal.powersOfTen[ExactDecimal.scale - min(max(decimals, 0), ExactDecimal.scale)])
    let fineStep = step * 10_000_000
    return ExactDecimal(units: Int64(clamping: scaled(precise, by: fineStep) * step))
  }

  /// Fine money ÷ |quantity units|, as a unit cost in 10⁻⁵: fine × 10⁻¹² / (q × 10⁻⁵) × 10⁵.
  static func perUnit(_ precise: Int128, _ quantity: Int64) -> ExactDecimal {
    guard quantity != 0 else { return .zero }
    return ExactDecimal(units: Int64(clamping: scaled(precise, by: Int128(quantity.magnitude) * 100)))
  }
}

/// CalcRemainingQty and SumQty of report 5801: an entry's quantity at the valuation date, from
/// the item application entries dated up to it. An inbound entry adds the rows that apply it to
/// outbound entries; an outbound entry adds back only the rows it made itself (Item Ledger Entry
/// No. = the entry). A row counts only when the other entry's quantity has the row's sign
/// (so an inbound transfer leg's own row against its shipment, or a return's applies-from row,
/// is not counted twice) and that entry is dated up to the valuation date too.
struct RemainingQuantities {
  private let ledger: Ledger
  private let valuation: Int32
  /// Per entry row: (the other entry's row, the quantity it adds).
  private var rows = RowGroups<(other: Int, quantity: Int64)>(rows: 0, [])

  init(_ ledger: Ledger, valuation: Int32) {
    self.ledger = ledger
    self.valuation = valuation
    let app = Columns.itemApplicationEntry, ile = Columns.itemLedgerEntry
    let apps = ledger.itemApplicationEntries
    var pairs: [(row: Int, element: (other: Int, quantity: Int64))] = []
    for row in apps.indices where apps[app.postingDate, row].ordinal <= valuation {
      let inbound = apps[app.inboundItemEntryNo, row], outbound = apps[app.outboundItemEntryNo, row]
      guard outbound != 0 else { continue }
      let quantity = apps[app.quantity, row].units
      // Which side the row belongs to depends on the entry being valued: an inbound entry
      // reads the rows naming it as inbound; an outbound one those it created itself.
      let inboundRow = ledger.indexes.itemLedgerEntryByNumber.row(of: inbound)
      let outboundRow = ledger.indexes.itemLedgerEntryByNumber.row(of: outbound)
      if let inboundRow, ledger.itemLedgerEntries[ile.quantity, inboundRow].units > 0 {
        pairs.append((inboundRow, (outboundRow ?? -1, quantity)))
      }
      if apps[app.itemLedgerEntryNo, row] == outbound, let outboundRow,
        ledger.itemLedgerEntries[ile.quantity, outboundRow].units <= 0
      {
        pairs.append((outboundRow, (inboundRow ?? -1, -quantity)))
      }
    }
    rows = RowGroups(rows: ledger.itemLedgerEntries.count, pairs)
  }

  /// The remaining quantity of the item ledger entry in `row`.
  func at(_ row: Int) -> Int64 {
    let ile = Columns.itemLedgerEntry
    let entries = ledger.itemLedgerEntries
    var remaining = entries[ile.quantity, row].units
    for (otherRow, quantity) in rows[row] {
      guard otherRow >= 0 else { continue }
      let otherQuantity = entries[ile.quantity, otherRow].units
      if (otherQuantity < 0) != (quantity < 0) && otherQuantity != 0 && quantity != 0 { continue }
      if entries[ile.postingDate, otherRow].ordinal > valuation { continue }
      remaining += quantity
    }
    return remaining
  }
}
