import Testing

@testable import ReconEngine

/// The four valuation reports (§5).
@Suite("Valuation reports")
struct ReportTests {
  func date(_ text: String) throws -> LedgerDate { try #require(LedgerDate(text)) }

  func valuationCSV(
    _ ledger: Ledger, start: String?, end: String, expected: Bool = false, location: String? = nil
  )
    throws -> [String]
  {
    let options = InventoryValuation.Options(
      start: try start.map(date), end: try date(end), includeExpected: expected,
      locations: location.flatMap { CodeFilter(parsing: $0) })
    return InventoryValuation(ledger, options).table(ledger).csv.split(separator: "\n").map(String.init)
  }

  @Test("Inventory Valuation of GC-1, cutting through and around the transactions")
  func valuationGC1() throws {
    let ledger = try fixture("gc1-purchase-overhead-sale")
    #expect(
      try valuationCSV(ledger, start: "2020-01-01", end: "2020-01-31") == [
        "Item No.,Description,Opening Quantity,Opening Value,Increases Quantity,Increases Value,Decreases Quantity,Decreases Value,Closing Quantity,Closing Value,Cost Posted to G/L",
        "ITEM1,Office Chair,0,,10,80.00,10,80.00,0,,", "Total RESALE,,,,,80.00,,80.00,,,",
        "Total,,,,,80.00,,80.00,,,",
      ])
    #expect(
      try valuationCSV(ledger, start: "2020-01-01", end: "2020-01-14")[1]
        == "ITEM1,Office Chair,0,,10,80.00,0,,10,80.00,80.00")
    // Starting after the purchase: it is the opening position.
    #expect(
      try valuationCSV(ledger, start: "2020-01-10", end: "2020-01-31")[1]
        == "ITEM1,Office Chair,10,80.00,0,,10,80.00,0,,")
    // Without a start date there are no opening columns.
    #expect(
      try valuationCSV(ledger, start: nil, end: "2020-01-14")[0]
        == "Item No.,Description,Increases Quantity,Increases Value,Decreases Quantity,Decreases Value,Closing Quantity,Closing Value,Cost Posted to G/L"
    )
    let report = InventoryValuation(ledger, .init(start: try date("2020-01-01"), end: try date("2020-01-14")))
    #expect(report.lines[0].hasUnpostedCost(expectedCostPosting: false) == false)
  }

  @Test("Inventory Valuation of GC-3 with expected cost included")
  func valuationGC3() throws {
    let ledger = try fixture("gc3-expected-cost")
    let before = try valuationCSV(ledger, start: nil, end: "2020-01-10", expected: true)
    #expect(
      before[0]
        == "Item No.,Description,Increases Quantity,Increases Value,Increases Quantity (Expected Cost Incl.),Increases Value (Expected Cost Incl.),Decreases Quantity,Decreases Value,Decreases Quantity (Expected Cost Incl.),Decreases Value (Expected Cost Incl.),Closing Quantity,Closing Value,Closing Quantity (Expected Cost Incl.),Closing Value (Expected Cost Incl.),Cost Posted to G/L,Cost Posted to G/L (Expected Cost Incl.)"
    )
    // Received, not invoiced: only the expected figures and the expected cost posted.
    #expect(before[1] == "ITEM2,Desk Lamp,0,,1,95.00,0,,0,,0,,1,95.00,,95.00")
    // Without Include Expected Cost the line is empty and BC skips it.
    #expect(
      try valuationCSV(ledger, start: nil, end: "2020-01-10") == [
        before[0].replacingOccurrences(
          of: ",Increases Quantity (Expected Cost Incl.),Increases Value (Expected Cost Incl.)", with: ""
        ).replacingOccurrences(
          of: ",Decreases Quantity (Expected Cost Incl.),Decreases Value (Expected Cost Incl.)", with: ""
        ).replacingOccurrences(
          of: ",Closing Quantity (Expected Cost Incl.),Closing Value (Expected Cost Incl.)", with: ""
        ).replacingOccurrences(of: ",Cost Posted to G/L (Expected Cost Incl.)", with: ""), "Total,,,,,,,,",
      ])
    #expect(
      try valuationCSV(ledger, start: nil, end: "2020-01-31", expected: true)[1]
        == "ITEM2,Desk Lamp,1,100.00,1,100.00,0,,0,,1,100.00,1,100.00,100.00,100.00")
    let off = try fixture("gc3b-expected-cost-posting-off")
    #expect(
      try valuationCSV(off, start: nil, end: "2020-01-10", expected: true)[1]
        == "ITEM2,Desk Lamp,0,,1,95.00,0,,0,,0,,1,95.00,,")
  }

  @Test("a transfer nets to zero inside the company and is an increase for the receiving location")
  func transfer() throws {
    var builder = try LedgerBuilder()
    let ile = Columns.itemLedgerEntry
    func itemLedgerEntry(_ number: Int64, _ location: String, _ quantity: Int, _ type: ItemLedgerEntryType) {
      let row = builder.ledger.appendRow(to: \.itemLedgerEntries)
      builder.ledger.itemLedgerEntries[ile.entryNo, row] = number
      builder.ledger.itemLedgerEntries[ile.itemNo, row] = builder.ledger.strings.intern("ITEM1")
      builder.ledger.itemLedgerEntries[ile.postingDate, row] = LedgerDate("2020-02-01") ?? .init(ordinal: 0)
      builder.ledger.itemLedgerEntries[ile.entryType, row] = type
      builder.ledger.itemLedgerEntries[ile.locationCode, row] = builder.ledger.strings.intern(location)
      builder.ledger.itemLedgerEntries[ile.quantity, row] = ExactDecimal(quantity)
      builder.ledger.itemLedgerEntries[ile.orderNo, row] = builder.ledger.strings.intern(
        type == .transfer ? "T1" : "")
    }
    itemLedgerEntry(1, "BLUE", 10, .purchase)
    itemLedgerEntry(2, "BLUE", -4, .transfer)
    itemLedgerEntry(3, "RED", 4, .transfer)
    try builder.valueEntry("2020-02-01", .purchase, .directCost, actual: "100", location: "BLUE")
    try builder.valueEntry("2020-02-01", .transfer, .directCost, actual: "-40", location: "BLUE")
    try builder.valueEntry("2020-02-01", .transfer, .directCost, actual: "40", location: "RED")
    // The application entries BC writes: the purchase's own row, the shipment applied to the
    // purchase, the receipt applied from the shipment.
    let app = Columns.itemApplicationEntry
    for (number, own, inbound, outbound, quantity) in [(1, 1, 1, 0, 10), (2, 2, 1, 2, -4), (3, 3, 3, 2, 4)] {
      let row = builder.ledger.appendRow(to: \.itemApplicationEntries)
      builder.ledger.itemApplicationEntries[app.entryNo, row] = Int64(number)
      builder.ledger.itemApplicationEntries[app.itemLedgerEntryNo, row] = Int64(own)
      builder.ledger.itemApplicationEntries[app.inboundItemEntryNo, row] = Int64(inbound)
      builder.ledger.itemApplicationEntries[app.outboundItemEntryNo, row] = Int64(outbound)
      builder.ledger.itemApplicationEntries[app.quantity, row] = ExactDecimal(quantity)
    }
    let ve = Columns.valueEntry
    for (row, (number, quantity)) in [(1, 10), (2, -4), (3, 4)].enumerated() {
      builder.ledger.valueEntries[ve.itemLedgerEntryNo, row] = Int64(number)
      builder.ledger.valueEntries[ve.valuedQuantity, row] = ExactDecimal(quantity)
      builder.ledger.valueEntries[ve.invoicedQuantity, row] = ExactDecimal(quantity)
    }
    let ledger = builder.built()
    // All locations: the transfer nets to zero inside Decreases.
    #expect(
      try valuationCSV(ledger, start: "2020-01-01", end: "2020-12-31")[1]
        == "ITEM1,Office Chair,0,,10,100.00,0,,10,100.00,100.00")
    // RED alone: the inbound leg comes from outside the filter, so it is an increase.
    #expect(
      try valuationCSV(ledger, start: "2020-01-01", end: "2020-12-31", location: "RED")[1]
        == "ITEM1,Office Chair,0,,4,40.00,0,,4,40.00,40.00")
    // BLUE alone: the outbound leg is a decrease.
    #expect(
      try valuationCSV(ledger, start: "2020-01-01", end: "2020-12-31", location: "BLUE")[1]
        == "ITEM1,Office Chair,0,,10,100.00,4,40.00,6,60.00,60.00")
  }

  @Test("WIP with consumption, capacity and output across the start date")
  func wip() throws {
    var builder = try LedgerBuilder()
    let po = Columns.productionOrder
    let order = builder.ledger.appendRow(to: \.productionOrders)
    builder.ledger.productionOrders[po.no, order] = builder.ledger.strings.intern("PO-1")
    builder.ledger.productionOrders[po.description, order] = builder.ledger.strings.intern(
      "Atlas Standing Desk")
    func entry(
      _ day: String, _ ile: ItemLedgerEntryType, _ type: ValueEntryType, actual: String = "0",
      expected: String = "0"
    ) throws {
      try builder.valueEntry(day, ile, type, actual: actual, expected: expected, order: .production)
      builder.ledger.valueEntries[Columns.valueEntry.orderNo, builder.ledger.valueEntries.count - 1] =
        builder.ledger.strings.intern("PO-1")
    }
    try entry("2020-01-20", .consumption, .directCost, actual: "-60")  // before the start
    try entry("2020-01-25", .blank, .directCost, actual: "25")
    try entry("2020-02-03", .consumption, .directCost, actual: "-15")
    try entry("2020-02-04", .blank, .indirectCost, actual: "5")
    try entry("2020-02-05", .output, .directCost, expected: "90")
    try entry("2020-02-10", .output, .directCost, actual: "105", expected: "-90")
    try entry("2020-02-10", .output, .variance, actual: "-15")  // not WIP
    let ledger = builder.built()
    let report = WIPValuation(ledger, .init(start: try date("2020-02-01"), end: try date("2020-02-28")))
    let csv = report.table(ledger).csv.split(separator: "\n").map(String.init)
    #expect(
      csv[0]
        == "No.,Description,Source No.,Opening WIP,Consumption,Capacity,Output,Closing WIP,Cost Posted to G/L"
    )
    #expect(csv[1] == "PO-1,Atlas Standing Desk,,85.00,15.00,5.00,-105.00,,")
    let january = WIPValuation(ledger, .init(end: try date("2020-01-31")))
    #expect(january.lines[0].closing == ExactDecimal(85))
  }

  /// A standard-cost item: bought at 12 against a standard of 10 (purchase variance), freight
  /// charged afterwards, revalued; half of it sold.
  func standardCostItem() throws -> Ledger {
    var builder = try LedgerBuilder()
    let item = Columns.item, ile = Columns.itemLedgerEntry, app = Columns.itemApplicationEntry,
      ve = Columns.valueEntry
    builder.ledger.items[item.costingMethod, 0] = .standard
    func itemLedgerEntry(_ number: Int64, _ day: String, _ quantity: Int, _ type: ItemLedgerEntryType) {
      let row = builder.ledger.appendRow(to: \.itemLedgerEntries)
      builder.ledger.itemLedgerEntries[ile.entryNo, row] = number
      builder.ledger.itemLedgerEntries[ile.itemNo, row] = builder.ledger.strings.intern("ITEM1")
      builder.ledger.itemLedgerEntries[ile.postingDate, row] = LedgerDate(day) ?? .init(ordinal: 0)
      builder.ledger.itemLedgerEntries[ile.entryType, row] = type
      builder.ledger.itemLedgerEntries[ile.quantity, row] = ExactDecimal(quantity)
    }
    func application(_ number: Int64, _ inbound: Int64, _ outbound: Int64, _ quantity: Int, _ day: String) {
      let row = builder.ledger.appendRow(to: \.itemApplicationEntries)
      builder.ledger.itemApplicationEntries[app.entryNo, row] = number
      builder.ledger.itemApplicationEntries[app.itemLedgerEntryNo, row] = outbound == 0 ? inbound : outbound
      builder.ledger.itemApplicationEntries[app.inboundItemEntryNo, row] = inbound
      builder.ledger.itemApplicationEntries[app.outboundItemEntryNo, row] = outbound
      builder.ledger.itemApplicationEntries[app.quantity, row] = ExactDecimal(quantity)
      builder.ledger.itemApplicationEntries[app.postingDate, row] = LedgerDate(day) ?? .init(ordinal: 0)
    }
    itemLedgerEntry(1, "2020-03-01", 10, .purchase)
    itemLedgerEntry(2, "2020-03-20", -5, .sale)
    application(1, 1, 0, 10, "2020-03-01")
    application(2, 1, 2, -5, "2020-03-20")
    try builder.valueEntry("2020-03-01", .purchase, .directCost, actual: "120")
    try builder.valueEntry("2020-03-01", .purchase, .variance, actual: "-20", variance: .purchase)
    try builder.valueEntry("2020-03-05", .purchase, .directCost, actual: "30")  // freight (item charge)
    try builder.valueEntry("2020-03-10", .purchase, .revaluation, actual: "10")
    try builder.valueEntry("2020-03-20", .sale, .directCost, actual: "-70")
    for row in 0..<4 { builder.ledger.valueEntries[ve.itemLedgerEntryNo, row] = 1 }
    builder.ledger.valueEntries[ve.itemLedgerEntryNo, 4] = 2
    builder.ledger.valueEntries[ve.itemChargeNo, 2] = builder.ledger.strings.intern("FREIGHT")
    return builder.built()
  }

  @Test("Cost Spec.: the remaining half of a standard-cost item by entry type")
  func costSpec() throws {
    let ledger = try standardCostItem()
    let report = CostSpecification(ledger, .init(valuationDate: try date("2020-03-31")))
    let line = try #require(report.lines.first)
    #expect(line.quantity == ExactDecimal(5))
    // Direct 120 + 30 over 10 units → 75.00 for 5; revaluation 10 → 5.00; variance −20 → −10.00.
    #expect(
      (0..<5).map { line.amount($0, decimals: 2) } == [
        ExactDecimal(75), ExactDecimal(5), .zero, .zero, ExactDecimal(-10),
      ])
    #expect(line.hasEntries == [true, true, false, false, true])
    #expect(line.total(decimals: 2) == ExactDecimal(70))
    #expect(line.totalCostPerUnit == ExactDecimal(14))
    // Before the sale all ten are on hand.
    let before = CostSpecification(ledger, .init(valuationDate: try date("2020-03-15")))
    #expect(before.lines.first?.total(decimals: 2) == ExactDecimal(140))
  }

  @Test("Cost Shares: a sale keeps its own cost, split by the purchase's shares; inventory keeps the rest")
  func costShares() throws {
    let ledger = try standardCostItem()
    // The sale's own cost is −70; the purchase (direct 150, revaluation 10, variance −20 over 10
    // units) lends it half of its revaluation and variance, taken out of direct cost.
    let sales = CostShares(ledger, .init(mode: .sales, details: true))
    let sold = try #require(sales.lines.first { $0.kind == .group })
    #expect(sold.shares.quantity == ExactDecimal(-5).units)
    #expect(sold.shares.material == ExactDecimal(-75).units)
    #expect(sold.shares.revaluation == ExactDecimal(-5).units)
    #expect(sold.shares.variance == ExactDecimal(10).units)
    #expect(sold.shares.varianceBreakdown[0] == ExactDecimal(10).units)
    #expect(sold.shares.total == ExactDecimal(-70).units)
    let csv = sales.table(ledger).csv.split(separator: "\n").map(String.init)
    #expect(
      csv[0]
        == "No.,Description,Entry No.,Document No.,Quantity,Material Direct Cost Applied,Capacity Direct Cost Applied,Capacity Overhead,Material Overhead,Subcontracted,Variance,Revaluation,Rounding,Total,Purchase Variance,Material Variance,Capacity Variance,Capacity Overhead Variance,Mfg. Overhead Variance,Subcontracted Variance"
    )
    #expect(csv[1] == "ITEM1,Office Chair,2,,-5,-75.00,,,,,10.00,-5.00,,-70.00,10.00,,,,,")
    #expect(csv[2] == "ITEM1,Office Chair,,,-5,-75.00,,,,,10.00,-5.00,,-70.00,10.00,,,,,")
    #expect(csv.last == "Total,,,,,-75.00,,,,,10.00,-5.00,,-70.00,10.00,,,,,")
    // Inventory: the five left, scaled to half, but for the revaluation (BC leaves it unscaled).
    let inventory = CostShares(ledger, .init(end: try date("2020-03-31"), mode: .inventory))
    let left = try #require(inventory.lines.first)
    #expect(left.shares.quantity == ExactDecimal(5).units)
    #expect(left.shares.material == ExactDecimal(75).units)
    #expect(left.shares.revaluation == ExactDecimal(10).units)
    #expect(left.shares.variance == ExactDecimal(-10).units)
    #expect(inventory.lines.count == 2)  // the sale is fully applied: nothing of it left
  }

  @Test("the reports run on the sample company and agree with each other")
  func sample() throws {
    let ledger = SampleCompany.load()
    let end = try date("2025-12-31")
    let valuation = InventoryValuation(ledger, .init(start: try date("2025-01-01"), end: end))
    let spec = CostSpecification(ledger, .init(valuationDate: end))
    // The closing quantity of the valuation is the remaining quantity of the cost spec.
    let closing = valuation.lines.last?.closing.quantityWithExpected
    var remaining = ExactSum()
    for line in spec.lines { remaining.add(line.quantity) }
    #expect(try remaining.value() == valuation.lines.last.map { _ in closing ?? .zero })
    #expect(WIPValuation(ledger, .init(end: end)).lines.count > 1)
    #expect(CostShares(ledger, .init(mode: .wip)).lines.count > 1)
  }
}
