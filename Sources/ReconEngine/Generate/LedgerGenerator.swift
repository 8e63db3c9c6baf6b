/// What to generate.
public struct GeneratorOptions: Sendable {
  /// Value entries to produce (the generator stops at the first business event past this count).
  public var valueEntries: Int
  public var seed: UInt64
  /// The fiscal year of activity.
  public var year: Int = 2025
  public var expectedCostPostingToGL = true
  /// Days at the end of the year whose inventory cost is left unposted (BC users run Post
  /// Inventory Cost to G/L periodically, so the last days are typically pending).
  public var unpostedDays = 4
  /// Manual journal lines straight to an inventory account; nil = about one per 100,000 entries.
  public var manualJournalLines: Int?
  /// Named items to use instead of generated ones (the sample company's catalogue).
  public var catalog: [CatalogItem]?

  public init(valueEntries: Int, seed: UInt64) {
    self.valueEntries = valueEntries
    self.seed = seed
  }
}

/// An item of a fixed catalogue.
public struct CatalogItem: Sendable {
  public enum Group: Int, Sendable {
    case resale, rawMaterial, finishedGood
  }
  public var number: String
  public var description: String
  public var group: Group
  public var method: CostingMethod
  public var unitCostCents: Int64
  public var overheadRateCents: Int64

  public init(
    _ number: String, _ description: String, _ group: Group, _ method: CostingMethod, cost: Int64,
    overhead: Int64 = 0
  ) {
    self.number = number
    self.description = description
    self.group = group
    self.method = method
    unitCostCents = cost
    overheadRateCents = overhead
  }
}

struct GeneratedItem {
  var number: StringID
  var group: StringID
  var genProd: StringID
  var groupIndex: Int
  var method: CostingMethod
  var unitCostCents: Int64
  var overheadCents: Int64
}

/// Inbound quantity still on hand, consumed first-in first-out by outbound entries.
struct InboundLot {
  var entryNo: Int64
  var remaining: Int64
  var unitCostCents: Int64
}

/// Work a business event leaves for a later day (an invoice after a receipt, a finished order).
enum ScheduledEvent {
  case purchaseInvoice(PendingDocument)
  case salesInvoice(PendingDocument)
  case finishProduction(PendingProduction)
}

struct PendingDocument {
  var itemIndex: Int
  var itemLedgerEntryNo: Int64
  var location: StringID
  var business: StringID
  var partner: String
  var quantity: Int64
  var expectedCents: Int64
  var actualCents: Int64
  var documentNumber: Int
}

struct PendingProduction {
  var orderRow: Int
  var itemIndex: Int
  var outputEntryNo: Int64
  var location: StringID
  var order: String
  var quantity: Int64
  var standardCents: Int64
  var materialCents: Int64
  var capacityCents: Int64
  var overheadCents: Int64
  /// Part of the capacity was bought-in work (subcontracting).
  var subcontracted: Bool
}

/// A seeded synthetic company whose ledgers are consistent the way BC produces them: item ledger
/// entries with their value entries for every entry type, expected cost on receipts, shipments
/// and output reversed at invoicing or finishing, G/L entries and relations for what was posted,
/// the last days left unposted and a few manual journal lines on an inventory account.
public struct LedgerGenerator {
  var ledger = Ledger()
  var random: SeededRandom
  let options: GeneratorOptions
  var items: [GeneratedItem] = []
  var stock: [Int: [InboundLot]] = [:]
  var stockHead: [Int: Int] = [:]
  var schedule: [[ScheduledEvent]]
  var nextItemLedgerEntryNo: Int64 = 1
  var nextApplicationEntryNo: Int64 = 1
  var documentCounter = 0
  var day = 0
  var locationIDs: [StringID] = []
  var businessIDs: [StringID] = []

  public static func generate(_ options: GeneratorOptions) -> Ledger {
    var generator = LedgerGenerator(options: options)
    generator.run()
    return generator.ledger
  }

  init(options: GeneratorOptions) {
    self.options = options
    random = SeededRandom(seed: options.seed)
    schedule = Array(repeating: [], count: 400)
  }

  var daysInYear: Int { LedgerDate.isLeap(options.year) ? 366 : 365 }
  var today: LedgerDate {
    (LedgerDate(year: options.year, month: 1, day: 1) ?? LedgerTable.noDate).adding(days: day)
  }

  mutating func run() {
    ledger.companyName = "CRONUS Synthetic \(options.valueEntries) Ltd."
    ledger.company[Columns.company.currency, 0] = ledger.strings.intern("USD")
    ledger.expectedCostPostingToGL = options.expectedCostPostingToGL
    makeMasterData()
    locationIDs = Self.locationCodes.map { ledger.strings.intern($0.0) }
    businessIDs = Self.businessGroups.map { ledger.strings.intern($0) }
    let target = max(options.valueEntries, 1)
    ledger.valueEntries.reserveCapacity(target + 16)
    for current in 0..<daysInYear {
      day = current
      for event in schedule[current] { run(event) }
      schedule[current] = []
      let dayTarget = target * (current + 1) / daysInYear
      while ledger.valueEntries.count < dayTarget { runNewEvent() }
    }
    postInventoryCost()
    addManualJournalLines()
    ledger.rebuildIndexes()
  }

  mutating func nextDocument(_ prefix: String) -> (String, Int) {
    documentCounter += 1
    return (documentName(prefix, documentCounter), documentCounter)
  }

  func documentName(_ prefix: String, _ number: Int) -> String {
    let digits = String(number)
    return prefix + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
  }

  mutating func scheduleLater(_ event: ScheduledEvent, days: ClosedRange<Int>) {
    let due = day + random.int(days)
    if due < daysInYear { schedule[due].append(event) }
  }

  // MARK: Events

  mutating func runNewEvent() {
    let roll = random.int(0...99)
    switch roll {
    case 0..<34: purchase()
    case 34..<64: sale()
    case 64..<70: adjustment(positive: true)
    case 70..<75: adjustment(positive: false)
    case 75..<81: transfer()
    case 81..<85: itemCharge()
    case 85..<88: revaluation()
    case 88..<90: rounding()
    default: production()
    }
  }

  mutating func run(_ event: ScheduledEvent) {
    switch event {
    case .purchaseInvoice(let document): invoicePurchase(document)
    case .salesInvoice(let document): invoiceSale(document)
    case .finishProduction(let order): finish(order)
    }
  }

  mutating func pickItem(group: Int?) -> Int {
    while true {
      let index = random.int(0...(items.count - 1))
      if group == nil || items[index].groupIndex == group { return index }
    }
  }

  mutating func purchase() {
    let itemIndex = pickItem(group: random.chance(55) ? 0 : 1)
    let item = items[itemIndex]
    let location = random.int(0...2)
    let quantity = Int64(random.int(5...120))
    // Vendors' prices drift around the item's unit cost.
    let unitCents = max(1, item.unitCostCents * Int64(random.int(90...112)) / 100)
    let (receipt, number) = nextDocument("PR-")
    let vendor = "V\(10_000 + random.int(0...40) * 10)"
    let business = businessIDs[random.int(0...1)]
    // A standard-cost item is received at standard cost; the invoice brings the vendor's price
    // and a purchase variance entry that takes inventory back to standard.
    let standard = item.method == .standard
    let ile = addItemLedgerEntry(
      itemIndex, .purchase, quantity: quantity, location: locationIDs[location],
      documentType: "Purchase Receipt",
      documentNo: receipt, sourceType: "Vendor", sourceNo: vendor,
      unitCostCents: standard ? item.unitCostCents : unitCents)
    let expected = quantity * (standard ? item.unitCostCents : unitCents)
    addValueEntry(
      ValueEntrySpec(
        itemIndex: itemIndex, itemLedgerEntryNo: ile, itemLedgerEntryType: .purchase, entryType: .directCost,
        documentType: "Purchase Receipt", documentNo: receipt, location: locationIDs[location],
        business: business, sourceType: "Vendor", sourceNo: vendor, valuedQuantity: quantity,
        itemLedgerEntryQuantity: quantity, expectedCents: expected, isExpected: true))
    let actual = quantity * unitCents
    scheduleLater(
      .purchaseInvoice(
        PendingDocument(
          itemIndex: itemIndex, itemLedgerEntryNo: ile, location: locationIDs[location], business: business,
          partner: vendor, quantity: quantity, expectedCents: expected, actualCents: actual,
          documentNumber: number)),
      days: 2...20)
  }

  mutating func invoicePurchase(_ document: PendingDocument) {
    let item = items[document.itemIndex]
    let invoice = documentName("PI-", document.documentNumber)
    var spec = ValueEntrySpec(
      itemIndex: document.itemIndex, itemLedgerEntryNo: document.itemLedgerEntryNo,
      itemLedgerEntryType: .purchase, entryType: .directCost, documentType: "Purchase Invoice",
      documentNo: invoice, location: document.location, business: document.business, sourceType: "Vendor",
      sourceNo: document.partner, valuedQuantity: document.quantity, invoicedQuantity: document.quantity,
      actualCents: document.actualCents, expectedCents: -document.expectedCents)
    spec.purchaseCents = document.actualCents
    addValueEntry(spec)
    markInvoiced(document.itemLedgerEntryNo, document.quantity)
    if item.overheadCents > 0 {
      var overhead = spec
      overhead.entryType = .indirectCost
      overhead.actualCents = document.quantity * item.overheadCents
      overhead.expectedCents = 0
      overhead.invoicedQuantity = 0
      overhead.purchaseCents = 0
      addValueEntry(overhead)
    }
    if item.method == .standard && document.expectedCents != document.actualCents {
      var variance = spec
      variance.entryType = .variance
      variance.varianceType = .purchase
      variance.actualCents = document.expectedCents - document.actualCents
      variance.expectedCents = 0
      variance.invoicedQuantity = 0
      variance.purchaseCents = 0
      addValueEntry(variance)
    }
  }

  mutating func sale() {
    let itemIndex = pickItem(group: random.chance(70) ? 0 : 2)
    let location = random.int(0...2)
    let wanted = Int64(random.int(1...40))
    let key = itemIndex * 4 + location
    guard onHand(key) >= wanted else {
      purchase()
      return
    }
    let (shipment, number) = nextDocument("SS-")
    let customer = "C\(10_000 + random.int(0...60) * 10)"
    let business = businessIDs[random.int(0...2) == 2 ? 1 : 0]
    let ileNo = nextItemLedgerEntryNo
    let costCents = consume(key, quantity: wanted, outboundEntryNo: ileNo, itemIndex: itemIndex)
    addItemLedgerEntry(
      itemIndex, .sale, quantity: -wanted, location: locationIDs[location], documentType: "Sales Shipment",
      documentNo: shipment, sourceType: "Customer", sourceNo: customer, unitCostCents: 0)
    addValueEntry(
      ValueEntrySpec(
        itemIndex: itemIndex, itemLedgerEntryNo: ileNo, itemLedgerEntryType: .sale, entryType: .directCost,
        documentType: "Sales Shipment", documentNo: shipment, location: locationIDs[location],
        business: business, sourceType: "Customer", sourceNo: customer, valuedQuantity: -wanted,
        itemLedgerEntryQuantity: -wanted, expectedCents: -costCents, isExpected: true))
    scheduleLater(
      .salesInvoice(
        PendingDocument(
          itemIndex: itemIndex, itemLedgerEntryNo: ileNo, location: locationIDs[location], business: business,
          partner: customer, quantity: -wanted, expectedCents: -costCents, actualCents: -costCents,
          documentNumber: number)),
      days: 0...12)
  }

  mutating func invoiceSale(_ document: PendingDocument) {
    var spec = ValueEntrySpec(
      itemIndex: document.itemIndex, itemLedgerEntryNo: document.itemLedgerEntryNo,
      itemLedgerEntryType: .sale, entryType: .directCost, documentType: "Sales Invoice",
      documentNo: documentName("SI-", document.documentNumber), location: document.location,
      business: document.business, sourceType: "Customer", sourceNo: document.partner,
      valuedQuantity: document.quantity, invoicedQuantity: document.quantity,
      actualCents: document.actualCents, expectedCents: -document.expectedCents)
    spec.salesCents = -document.actualCents * Int64(random.int(125...160)) / 100
    addValueEntry(spec)
    markInvoiced(document.itemLedgerEntryNo, document.quantity)
  }

  mutating func adjustment(positive: Bool) {
    let itemIndex = pickItem(group: nil)
    let location = random.int(0...2)
    let key = itemIndex * 4 + location
    let quantity = Int64(random.int(1...10))
    let (document, _) = nextDocument("ADJ-")
    if positive {
      let unit = items[itemIndex].unitCostCents
      let ile = addItemLedgerEntry(
        itemIndex, .positiveAdjmt, quantity: quantity, location: locationIDs[location], documentType: "",
        documentNo: document, sourceType: "", sourceNo: "", unitCostCents: unit, invoiced: true)
      addValueEntry(
        ValueEntrySpec(
          itemIndex: itemIndex, itemLedgerEntryNo: ile, itemLedgerEntryType: .positiveAdjmt,
          entryType: .directCost, documentType: "", documentNo: document, location: locationIDs[location],
          business: .blank, sourceType: "", sourceNo: "", valuedQuantity: quantity,
          itemLedgerEntryQuantity: quantity, invoicedQuantity: quantity, actualCents: quantity * unit))
    } else {
      guard onHand(key) >= quantity else { return adjustment(positive: true) }
      let ileNo = nextItemLedgerEntryNo
      let cost = consume(key, quantity: quantity, outboundEntryNo: ileNo, itemIndex: itemIndex)
      addItemLedgerEntry(
        itemIndex, .negativeAdjmt, quantity: -quantity, location: locationIDs[location], documentType: "",
        documentNo: document, sourceType: "", sourceNo: "", unitCostCents: 0, invoiced: true)
      addValueEntry(
        ValueEntrySpec(
          itemIndex: itemIndex, itemLedgerEntryNo: ileNo, itemLedgerEntryType: .negativeAdjmt,
          entryType: .directCost, documentType: "", documentNo: document, location: locationIDs[location],
          business: .blank, sourceType: "", sourceNo: "", valuedQuantity: -quantity,
          itemLedgerEntryQuantity: -quantity, invoicedQuantity: -quantity, actualCents: -cost))
    }
  }

  mutating func transfer() {
    let itemIndex = pickItem(group: nil)
    let from = random.int(0...2)
    let to = (from + random.int(1...2)) % 3
    let quantity = Int64(random.int(1...25))
    let key = itemIndex * 4 + from
    guard onHand(key) >= quantity else { return purchase() }
    let (document, _) = nextDocument("TS-")
    let outbound = nextItemLedgerEntryNo
    let cost = consume(key, quantity: quantity, outboundEntryNo: outbound, itemIndex: itemIndex)
    for (location, sign) in [(from, Int64(-1)), (to, Int64(1))] {
      let ile = addItemLedgerEntry(
        itemIndex, .transfer, quantity: sign * quantity, location: locationIDs[location],
        documentType: sign < 0 ? "Transfer Shipment" : "Transfer Receipt", documentNo: document,
        sourceType: "",
        sourceNo: "", unitCostCents: sign > 0 ? cost / quantity : 0, invoiced: true,
        orderType: .transfer, orderNo: document)
      var spec = ValueEntrySpec(
        itemIndex: itemIndex, itemLedgerEntryNo: ile, itemLedgerEntryType: .transfer, entryType: .directCost,
        documentType: sign < 0 ? "Transfer Shipment" : "Transfer Receipt", documentNo: document,
        location: locationIDs[location], business: .blank, sourceType: "", sourceNo: "",
        valuedQuantity: sign * quantity, itemLedgerEntryQuantity: sign * quantity,
        invoicedQuantity: sign * quantity, actualCents: sign * cost)
      spec.orderType = .transfer
      spec.orderNo = document
      addValueEntry(spec)
    }
  }

  /// Freight on an earlier receipt: extra direct cost on the purchase's item ledger entry.
  mutating func itemCharge() {
    guard let target = recentInbound(type: .purchase) else { return purchase() }
    let (document, _) = nextDocument("PI-")
    var spec = ValueEntrySpec(
      itemIndex: target.itemIndex, itemLedgerEntryNo: target.entryNo, itemLedgerEntryType: .purchase,
      entryType: .directCost, documentType: "Purchase Invoice", documentNo: document,
      location: target.location,
      business: businessIDs[0], sourceType: "Vendor", sourceNo: "V90000", valuedQuantity: target.quantity,
      actualCents: Int64(random.int(500...9_000)))
    spec.itemChargeNo = "FREIGHT"
    spec.purchaseCents = spec.actualCents
    addValueEntry(spec)
  }

  mutating func revaluation() {
    guard let target = recentInbound(type: nil) else { return purchase() }
    let (document, _) = nextDocument("REV-")
    let perUnit = Int64(random.int(-150...150))
    guard perUnit != 0 else { return }
    var spec = ValueEntrySpec(
      itemIndex: target.itemIndex, itemLedgerEntryNo: target.entryNo, itemLedgerEntryType: target.type,
      entryType: .revaluation, documentType: "", documentNo: document, location: target.location,
      business: .blank, sourceType: "", sourceNo: "", valuedQuantity: target.quantity,
      actualCents: perUnit * target.quantity)
    spec.valuationDate = today
    addValueEntry(spec)
  }

  /// The cent left over when an average cost is spread over an outbound entry.
  mutating func rounding() {
    guard let target = recentInbound(type: nil) else { return purchase() }
    var spec = ValueEntrySpec(
      itemIndex: target.itemIndex, itemLedgerEntryNo: target.entryNo, itemLedgerEntryType: target.type,
      entryType: .rounding, documentType: "", documentNo: "ADJCOST", location: target.location,
      business: .blank, sourceType: "", sourceNo: "", valuedQuantity: 0,
      actualCents: random.chance(50) ? 1 : -1)
    spec.adjustment = true
    addValueEntry(spec)
  }

  /// A released production order: two components consumed, machine time with overhead, output at
  /// standard cost as expected cost; finished later with variances.
  mutating func production() {
    let itemIndex = pickItem(group: 2)
    let location = random.int(0...2)
    let quantity = Int64(random.int(2...30))
    let (order, _) = nextDocument("PO-")
    let produced = items[itemIndex]
    let p = Columns.productionOrder
    let orderRow = ledger.appendRow(to: \.productionOrders)
    set(\.productionOrders, p.no, orderRow, order)
    set(\.productionOrders, p.sourceNo, orderRow, ledger.strings.string(produced.number))
    set(
      \.productionOrders, p.description, orderRow,
      ledger.strings.string(ledger.items[Columns.item.description, itemIndex]))
    ledger.productionOrders[p.quantity, orderRow] = ExactDecimal(Int(quantity))
    var material: Int64 = 0
    for _ in 0..<2 {
      let component = pickItem(group: 1)
      let key = component * 4 + location
      let needed = quantity * Int64(random.int(1...3))
      if onHand(key) < needed { continue }
      let ileNo = nextItemLedgerEntryNo
      let cost = consume(key, quantity: needed, outboundEntryNo: ileNo, itemIndex: component)
      addItemLedgerEntry(
        component, .consumption, quantity: -needed, location: locationIDs[location], documentType: "",
        documentNo: order, sourceType: "Item", sourceNo: ledger.strings.string(produced.number),
        unitCostCents: 0,
        invoiced: true, orderType: .production, orderNo: order)
      var spec = ValueEntrySpec(
        itemIndex: component, itemLedgerEntryNo: ileNo, itemLedgerEntryType: .consumption,
        entryType: .directCost,
        documentType: "", documentNo: order, location: locationIDs[location], business: .blank,
        sourceType: "Item", sourceNo: ledger.strings.string(produced.number), valuedQuantity: -needed,
        itemLedgerEntryQuantity: -needed, invoicedQuantity: -needed, actualCents: -cost)
      spec.orderType = .production
      spec.orderNo = order
      addValueEntry(spec)
      material += cost
    }
    // Capacity: machine time (direct) and its overhead, on the produced item, no item ledger entry.
    let capacity = quantity * Int64(random.int(100...900))
    let overhead = capacity * Int64(random.int(5...25)) / 100
    for (entryType, cents) in [(ValueEntryType.directCost, capacity), (.indirectCost, overhead)]
    where cents != 0 {
      var spec = ValueEntrySpec(
        itemIndex: itemIndex, itemLedgerEntryNo: 0, itemLedgerEntryType: .blank, entryType: entryType,
        documentType: "", documentNo: order, location: locationIDs[location], business: .blank,
        sourceType: "", sourceNo: "", valuedQuantity: quantity, actualCents: cents)
      spec.orderType = .production
      spec.orderNo = order
      addValueEntry(spec)
    }
    let standard = quantity * produced.unitCostCents
    let output = addItemLedgerEntry(
      itemIndex, .output, quantity: quantity, location: locationIDs[location], documentType: "",
      documentNo: order,
      sourceType: "", sourceNo: "", unitCostCents: produced.unitCostCents, orderType: .production,
      orderNo: order)
    var spec = ValueEntrySpec(
      itemIndex: itemIndex, itemLedgerEntryNo: output, itemLedgerEntryType: .output, entryType: .directCost,
      documentType: "", documentNo: order, location: locationIDs[location], business: .blank, sourceType: "",
      sourceNo: "", valuedQuantity: quantity, itemLedgerEntryQuantity: quantity, expectedCents: standard,
      isExpected: true)
    spec.orderType = .production
    spec.orderNo = order
    addValueEntry(spec)
    scheduleLater(
      .finishProduction(
        PendingProduction(
          orderRow: orderRow, itemIndex: itemIndex, outputEntryNo: output, location: locationIDs[location],
          order: order,
          quantity: quantity, standardCents: standard, materialCents: material, capacityCents: capacity,
          overheadCents: overhead, subcontracted: random.chance(25))),
      days: 1...10)
  }

  /// Finishing an order: the output takes the actual cost that went into WIP and reverses its
  /// expected cost; variance entries bring the finished goods back to standard cost.
  mutating func finish(_ order: PendingProduction) {
    let actual = order.materialCents + order.capacityCents + order.overheadCents
    var spec = ValueEntrySpec(
      itemIndex: order.itemIndex, itemLedgerEntryNo: order.outputEntryNo, itemLedgerEntryType: .output,
      entryType: .directCost, documentType: "", documentNo: order.order, location: order.location,
      business: .blank, sourceType: "", sourceNo: "", valuedQuantity: order.quantity,
      invoicedQuantity: order.quantity, actualCents: actual, expectedCents: -order.standardCents)
    spec.orderType = .production
    spec.orderNo = order.order
    addValueEntry(spec)
    markInvoiced(order.outputEntryNo, order.quantity)
    ledger.productionOrders[Columns.productionOrder.status, order.orderRow] = .finished
    // The standard cost splits 60 % material, 25 % capacity, 5 % subcontracting (for orders
    // with subcontracted work), 5 % capacity overhead, the rest manufacturing overhead; each
    // variance is that standard share minus what the order actually used.
    let subcontracted = order.subcontracted ? order.capacityCents / 5 : 0
    let standardMaterial = order.standardCents * 60 / 100
    let standardCapacity = order.standardCents * 25 / 100
    let standardSubcontracted = order.subcontracted ? order.standardCents * 5 / 100 : 0
    let standardCapacityOverhead = order.standardCents * 5 / 100
    let standardOverhead =
      order.standardCents - standardMaterial - standardCapacity - standardSubcontracted
      - standardCapacityOverhead
    let variances: [(VarianceType, Int64)] = [
      (.material, standardMaterial - order.materialCents),
      (.capacity, standardCapacity - (order.capacityCents - subcontracted)),
      (.subcontracted, standardSubcontracted - subcontracted),
      (.capacityOverhead, standardCapacityOverhead - order.overheadCents),
      (.manufacturingOverhead, standardOverhead),
    ]
    for (type, cents) in variances where cents != 0 {
      var variance = spec
      variance.entryType = .variance
      variance.varianceType = type
      variance.actualCents = cents
      variance.expectedCents = 0
      variance.invoicedQuantity = 0
      addValueEntry(variance)
    }
  }
}
