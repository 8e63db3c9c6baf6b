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
    public var quantity = ExactDecimal.zero
    /// Per bucket, in `buckets` order.
    public var amounts = Array(repeating: ExactDecimal.zero, count: 5)

    public var total: ExactDecimal { ExactDecimal(units: amounts.reduce(0) { $0 + $1.units }) }

    /// Amount ÷ |quantity| to five decimals (zero when nothing remains).
    public func costPerUnit(_ amount: ExactDecimal) -> ExactDecimal {
      CostSpecification.divide(amount.units, by: quantity.units)
    }
  }

  public let options: Options
  public let lines: [Line]

  public init(_ ledger: Ledger, _ options: Options) {
    self.options = options
    let ile = Columns.itemLedgerEntry, ve = Columns.valueEntry, app = Columns.itemApplicationEntry,
      item = Columns.item
    let entries = ledger.itemLedgerEntries
    let valuation = options.valuationDate.closingDate.ordinal
    var methodOf: [UInt32: CostingMethod] = [:]
    var inventoryItem: Set<UInt32> = []
    for row in ledger.items.indices {
      methodOf[ledger.items[item.no, row].raw] = ledger.items[item.costingMethod, row]
      if ledger.items[item.type, row] == .inventory { inventoryItem.insert(ledger.items[item.no, row].raw) }
    }
    // Application quantities dated up to the valuation date, per inbound and per outbound entry.
    var appliedToInbound: [Int64: Int64] = [:]
    var appliedFromOutbound: [Int64: Int64] = [:]
    let apps = ledger.itemApplicationEntries
    for row in apps.indices where apps[app.outboundItemEntryNo, row] != 0 {
      if apps[app.postingDate, row].ordinal > valuation { continue }
      let quantity = apps[app.quantity, row].units
      appliedToInbound[apps[app.inboundItemEntryNo, row], default: 0] += quantity
      appliedFromOutbound[apps[app.outboundItemEntryNo, row], default: 0] += quantity
    }
    // Value entry amounts per item ledger entry and bucket, dated up to the valuation date.
    var sums: [Int64: [Int64]] = [:]
    var partialQuantity: [Int64: Int64] = [:]
    for row in ledger.valueEntries.indices {
      let number = ledger.valueEntries[ve.itemLedgerEntryNo, row]
      if number == 0 || ledger.valueEntries[ve.postingDate, row].ordinal > valuation { continue }
      guard let bucket = CostSpecification.buckets.firstIndex(of: ledger.valueEntries[ve.entryType, row])
      else { continue }
      sums[number, default: [0, 0, 0, 0, 0]][bucket] +=
        ledger.valueEntries[ve.costAmountActual, row].units
        + ledger.valueEntries[ve.costAmountExpected, row].units
      if ledger.valueEntries[ve.partialRevaluation, row] {
        partialQuantity[number] =
          ledger.valueEntries[ve.valuedQuantity, row].units.magnitude > 0
          ? Int64(ledger.valueEntries[ve.valuedQuantity, row].units.magnitude) : nil
      }
    }
    var perItem: [UInt32: Line] = [:]
    for row in entries.indices {
      if entries[ile.postingDate, row].ordinal > valuation || entries[ile.dropShipment, row] { continue }
      let itemID = entries[ile.itemNo, row]
      guard inventoryItem.contains(itemID.raw) else { continue }
      if let filter = options.items, !filter.matches(ledger.string(itemID)) { continue }
      if let filter = options.locations, !filter.matches(ledger.string(entries[ile.locationCode, row])) {
        continue
      }
      let number = entries[ile.entryNo, row]
      let quantity = entries[ile.quantity, row].units
      let remaining =
        quantity > 0
        ? quantity + (appliedToInbound[number] ?? 0) : quantity - (appliedFromOutbound[number] ?? 0)
      var line = perItem[itemID.raw] ?? Line(item: itemID)
      line.quantity = ExactDecimal(units: line.quantity.units + remaining)
      let average = methodOf[itemID.raw] == .average
      for (bucket, sum) in (sums[number] ?? [0, 0, 0, 0, 0]).enumerated() where sum != 0 {
        let amount: Int64
        if average {
          amount = sum  // average cost: the raw sum
        } else {
          // Unit cost × |remaining|, rounded to the amount precision.
          let base =
            bucket == 1 ? (partialQuantity[number] ?? quantity.magnitude.int64) : quantity.magnitude.int64
          amount = CostSpecification.prorate(
            sum, remaining.magnitude.int64, base, decimals: ledger.amountDecimals)
        }
        line.amounts[bucket] = ExactDecimal(units: line.amounts[bucket].units + amount)
      }
      perItem[itemID.raw] = line
    }
    lines = perItem.values.filter { !$0.quantity.isZero || $0.amounts.contains { !$0.isZero } }.sorted {
      ledger.string($0.item).utf8.lexicographicallyPrecedes(ledger.string($1.item).utf8)
    }
  }

  /// `sum × part ÷ whole`, rounded half away from zero to `decimals`, exactly (128-bit).
  static func prorate(_ sum: Int64, _ part: Int64, _ whole: Int64, decimals: Int) -> Int64 {
    guard whole != 0 else { return 0 }
    let step = Int128(
      ExactDecimal.powersOfTen[ExactDecimal.scale - min(max(decimals, 0), ExactDecimal.scale)])
    let numerator = Int128(sum) * Int128(part)
    let denominator = Int128(whole) * step
    var quotient = numerator / denominator
    let remainder = numerator % denominator
    if 2 * (remainder < 0 ? -remainder : remainder) >= denominator { quotient += numerator < 0 ? -1 : 1 }
    return Int64(quotient * step)
  }

  /// `amount ÷ |quantity|` to five decimals, rounded half away from zero.
  static func divide(_ amount: Int64, by quantity: Int64) -> ExactDecimal {
    guard quantity != 0 else { return .zero }
    // amount units / quantity units = value per one unit, times the scale for units.
    let numerator = Int128(amount) * Int128(ExactDecimal.unitsPerOne)
    let denominator = Int128(quantity.magnitude.int64)
    var quotient = numerator / denominator
    let remainder = numerator % denominator
    if 2 * (remainder < 0 ? -remainder : remainder) >= denominator { quotient += numerator < 0 ? -1 : 1 }
    return ExactDecimal(units: Int64(clamping: quotient))
  }
}

extension UInt64 {
  var int64: Int64 { Int64(clamping: self) }
}
