/// One value entry to add; amounts in cents, quantities whole.
struct ValueEntrySpec {
  var itemIndex: Int
  var itemLedgerEntryNo: Int64
  var itemLedgerEntryType: ItemLedgerEntryType
  var entryType: ValueEntryType
  var varianceType: VarianceType = .blank
  var documentType: String
  var documentNo: String
  var location: StringID
  var business: StringID
  var sourceType: String
  var sourceNo: String
  var valuedQuantity: Int64
  var itemLedgerEntryQuantity: Int64 = 0
  var invoicedQuantity: Int64 = 0
  var actualCents: Int64 = 0
  var expectedCents: Int64 = 0
  var isExpected = false
  var orderType: OrderType = .blank
  var orderNo = ""
  var itemChargeNo = ""
  var adjustment = false
  var valuationDate: LedgerDate?
  var salesCents: Int64 = 0
  var purchaseCents: Int64 = 0
}

/// An inbound entry that item charges, revaluations and rounding can attach to.
struct InboundTarget {
  var entryNo: Int64
  var itemIndex: Int
  var location: StringID
  var quantity: Int64
  var type: ItemLedgerEntryType
}

extension LedgerGenerator {
  @discardableResult
  mutating func addItemLedgerEntry(
    _ itemIndex: Int, _ type: ItemLedgerEntryType, quantity: Int64, location: StringID, documentType: String,
    documentNo: String, sourceType: String, sourceNo: String, unitCostCents: Int64, invoiced: Bool = false,
    orderType: OrderType = .blank, orderNo: String = ""
  ) -> Int64 {
    let c = Columns.itemLedgerEntry
    let entryNo = nextItemLedgerEntryNo
    nextItemLedgerEntryNo += 1
    let row = ledger.appendRow(to: \.itemLedgerEntries)
    let t = \Ledger.itemLedgerEntries
    ledger.itemLedgerEntries[c.entryNo, row] = entryNo
    ledger.itemLedgerEntries[c.itemNo, row] = items[itemIndex].number
    ledger.itemLedgerEntries[c.postingDate, row] = today
    ledger.itemLedgerEntries[c.entryType, row] = type
    set(t, c.documentType, row, documentType)
    set(t, c.documentNo, row, documentNo)
    ledger.itemLedgerEntries[c.locationCode, row] = location
    set(t, c.sourceType, row, sourceType)
    set(t, c.sourceNo, row, sourceNo)
    ledger.itemLedgerEntries[c.quantity, row] = ExactDecimal(Int(quantity))
    if invoiced { ledger.itemLedgerEntries[c.invoicedQuantity, row] = ExactDecimal(Int(quantity)) }
    ledger.itemLedgerEntries[c.orderType, row] = orderType
    set(t, c.orderNo, row, orderNo)
    if quantity > 0 {
      ledger.itemLedgerEntries[c.remainingQuantity, row] = ExactDecimal(Int(quantity))
      ledger.itemLedgerEntries[c.open, row] = true
      let key = itemIndex * 4 + Self.locationIndex(location, locationIDs)
      stock[key, default: []].append(
        InboundLot(entryNo: entryNo, remaining: quantity, unitCostCents: unitCostCents))
      addApplication(itemLedgerEntryNo: entryNo, inbound: entryNo, outbound: 0, quantity: quantity)
    }
    return entryNo
  }

  static func locationIndex(_ id: StringID, _ ids: [StringID]) -> Int {
    ids.firstIndex(of: id) ?? 3
  }

  mutating func addApplication(itemLedgerEntryNo: Int64, inbound: Int64, outbound: Int64, quantity: Int64) {
    let c = Columns.itemApplicationEntry
    let row = ledger.appendRow(to: \.itemApplicationEntries)
    ledger.itemApplicationEntries[c.entryNo, row] = nextApplicationEntryNo
    nextApplicationEntryNo += 1
    ledger.itemApplicationEntries[c.itemLedgerEntryNo, row] = itemLedgerEntryNo
    ledger.itemApplicationEntries[c.inboundItemEntryNo, row] = inbound
    ledger.itemApplicationEntries[c.outboundItemEntryNo, row] = outbound
    ledger.itemApplicationEntries[c.quantity, row] = ExactDecimal(Int(quantity))
    ledger.itemApplicationEntries[c.postingDate, row] = today
  }

  func onHand(_ key: Int) -> Int64 {
    guard let lots = stock[key] else { return 0 }
    var total: Int64 = 0
    for lot in lots[(stockHead[key] ?? 0)...] { total += lot.remaining }
    return total
  }

  /// Takes `quantity` out of stock first-in first-out, records the applications and updates the
  /// inbound entries' remaining quantity. Returns the cost in cents (standard cost for standard
  /// items).
  mutating func consume(_ key: Int, quantity: Int64, outboundEntryNo: Int64, itemIndex: Int) -> Int64 {
    var left = quantity
    var cost: Int64 = 0
    var head = stockHead[key] ?? 0
    let c = Columns.itemLedgerEntry
    while left > 0, var lots = stock[key], head < lots.count {
      let take = min(left, lots[head].remaining)
      lots[head].remaining -= take
      left -= take
      cost += take * lots[head].unitCostCents
      let inbound = lots[head].entryNo
      addApplication(
        itemLedgerEntryNo: outboundEntryNo, inbound: inbound, outbound: outboundEntryNo, quantity: -take)
      if let row = ledger.indexesFreeRow(ofItemLedgerEntry: inbound) {
        ledger.itemLedgerEntries[c.remainingQuantity, row] = ExactDecimal(Int(lots[head].remaining))
        ledger.itemLedgerEntries[c.open, row] = lots[head].remaining > 0
      }
      if lots[head].remaining == 0 { head += 1 }
      stock[key] = lots
    }
    stockHead[key] = head
    if items[itemIndex].method == .standard { return quantity * items[itemIndex].unitCostCents }
    return cost
  }

  mutating func markInvoiced(_ entryNo: Int64, _ quantity: Int64) {
    guard let row = ledger.indexesFreeRow(ofItemLedgerEntry: entryNo) else { return }
    ledger.itemLedgerEntries[Columns.itemLedgerEntry.invoicedQuantity, row] = ExactDecimal(Int(quantity))
  }

  /// A recent inbound entry (a purchase when `type` says so) to charge or revalue.
  mutating func recentInbound(type: ItemLedgerEntryType?) -> InboundTarget? {
    let c = Columns.itemLedgerEntry
    let count = ledger.itemLedgerEntries.count
    guard count > 0 else { return nil }
    for _ in 0..<20 {
      let row = max(0, count - 1 - random.int(0...min(count - 1, 400)))
      let entryType = ledger.itemLedgerEntries[c.entryType, row]
      let quantity = ledger.itemLedgerEntries[c.quantity, row]
      guard quantity.units > 0, type == nil || entryType == type,
        entryType == .purchase || entryType == .positiveAdjmt || entryType == .output
      else { continue }
      let item = ledger.itemLedgerEntries[c.itemNo, row]
      guard let itemIndex = items.firstIndex(where: { $0.number == item }) else { continue }
      return InboundTarget(
        entryNo: ledger.itemLedgerEntries[c.entryNo, row], itemIndex: itemIndex,
        location: ledger.itemLedgerEntries[c.locationCode, row],
        quantity: quantity.units / ExactDecimal.unitsPerOne, type: entryType)
    }
    return nil
  }

  @discardableResult
  mutating func addValueEntry(_ spec: ValueEntrySpec) -> Int {
    let c = Columns.valueEntry
    let row = ledger.appendRow(to: \.valueEntries)
    let t = \Ledger.valueEntries
    let item = items[spec.itemIndex]
    ledger.valueEntries[c.entryNo, row] = Int64(row + 1)
    ledger.valueEntries[c.itemNo, row] = item.number
    ledger.valueEntries[c.postingDate, row] = today
    if let valuation = spec.valuationDate { ledger.valueEntries[c.valuationDate, row] = valuation }
    ledger.valueEntries[c.itemLedgerEntryType, row] = spec.itemLedgerEntryType
    ledger.valueEntries[c.itemLedgerEntryNo, row] = spec.itemLedgerEntryNo
    ledger.valueEntries[c.entryType, row] = spec.entryType
    ledger.valueEntries[c.varianceType, row] = spec.varianceType
    ledger.valueEntries[c.expectedCost, row] = spec.isExpected
    ledger.valueEntries[c.adjustment, row] = spec.adjustment
    set(t, c.documentType, row, spec.documentType)
    set(t, c.documentNo, row, spec.documentNo)
    ledger.valueEntries[c.locationCode, row] = spec.location
    ledger.valueEntries[c.inventoryPostingGroup, row] = item.group
    ledger.valueEntries[c.genBusPostingGroup, row] = spec.business
    ledger.valueEntries[c.genProdPostingGroup, row] = item.genProd
    set(t, c.sourceType, row, spec.sourceType)
    set(t, c.sourceNo, row, spec.sourceNo)
    ledger.valueEntries[c.orderType, row] = spec.orderType
    set(t, c.orderNo, row, spec.orderNo)
    set(t, c.itemChargeNo, row, spec.itemChargeNo)
    ledger.valueEntries[c.valuedQuantity, row] = ExactDecimal(Int(spec.valuedQuantity))
    ledger.valueEntries[c.itemLedgerEntryQuantity, row] = ExactDecimal(Int(spec.itemLedgerEntryQuantity))
    ledger.valueEntries[c.invoicedQuantity, row] = ExactDecimal(Int(spec.invoicedQuantity))
    let amount = spec.actualCents != 0 ? spec.actualCents : spec.expectedCents
    if spec.valuedQuantity != 0 {
      // Cost per unit to five decimals, rounded half away from zero (BC's unit-amount precision).
      let amountUnits = amount * 1000
      var perUnit = amountUnits / spec.valuedQuantity
      let remainder = amountUnits % spec.valuedQuantity
      if 2 * remainder.magnitude >= spec.valuedQuantity.magnitude {
        perUnit += (amountUnits < 0) != (spec.valuedQuantity < 0) ? -1 : 1
      }
      ledger.valueEntries[c.costPerUnit, row] = ExactDecimal(units: perUnit)
    }
    ledger.valueEntries[c.costAmountActual, row] = Self.cents(spec.actualCents)
    ledger.valueEntries[c.costAmountExpected, row] = Self.cents(spec.expectedCents)
    ledger.valueEntries[c.salesAmountActual, row] = Self.cents(spec.salesCents)
    ledger.valueEntries[c.purchaseAmountActual, row] = Self.cents(spec.purchaseCents)
    return row
  }
}

extension Ledger {
  /// The row of an item ledger entry while generating: entry numbers are 1…n in row order.
  func indexesFreeRow(ofItemLedgerEntry entryNo: Int64) -> Int? {
    let row = Int(entryNo) - 1
    return row >= 0 && row < itemLedgerEntries.count ? row : nil
  }
}
