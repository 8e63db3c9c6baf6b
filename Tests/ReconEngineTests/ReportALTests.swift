import Foundation
import Testing

@testable import ReconEngine

/// The reports against hand-made ledgers, one per point where BC's AL code (reports 1001, 5802,
/// 5801, 5848) differs from a plain reading; every expected figure worked out by hand from the
/// AL code.
@Suite("Valuation reports as BC's AL code prints them")
struct ReportALTests {
  func date(_ text: String) throws -> LedgerDate { try #require(LedgerDate(text)) }

  func csv(_ table: ExportTable) -> [String] { table.csv.split(separator: "\n").map(String.init) }

  func entry(
    _ ile: Int, _ date: String, _ type: ItemLedgerEntryType = .purchase,
    _ entryType: ValueEntryType = .directCost,
    actual: String = "0", expected: String = "0", quantity: String = "0", invoiced: String? = nil,
    item: String = "INV",
    location: String = "", posted: Bool = true
  ) -> HandLedger.Entry {
    var entry = HandLedger.Entry()
    entry.ileNo = ile
    entry.date = date
    entry.ile = type
    entry.entryType = entryType
    entry.actual = actual
    entry.expected = expected
    entry.item = item
    entry.location = location
    entry.valuedQuantity = quantity
    entry.ileQuantity = quantity
    entry.invoicedQuantity = invoiced ?? (expected == "0" ? quantity : "0")
    if posted {
      entry.postedActual = actual
      entry.postedExpected = expected
    }
    return entry
  }

  // MARK: Inventory Valuation (1001)

  @Test("1001: a capacity entry carrying an item number counts in the opening and Cost Posted to G/L only")
  func valuationCapacity() throws {
    var hand = HandLedger()
    hand.itemEntries = [
      HandLedger.ItemEntry(no: 1, item: "PROD", date: "2024-02-10", type: .output, quantity: "2")
    ]
    var before = entry(0, "2024-01-20", .blank, actual: "30.00", quantity: "3", item: "PROD")
    before.order = .production
    var during = entry(0, "2024-02-05", .blank, actual: "12.00", quantity: "1", item: "PROD")
    during.order = .production
    var output = entry(1, "2024-02-10", .output, actual: "50.00", quantity: "2", item: "PROD")
    output.order = .production
    hand.entries = [before, during, output]
    let ledger = try hand.ledger()
    let report = InventoryValuation(ledger, .init(start: try date("2024-02-01"), end: try date("2024-02-29")))
    // Opening 3 / 30.00 (the capacity entry before Start); increases only the output; the
    // capacity entry in the period nowhere; Cost Posted to G/L all three: 92.00.
    #expect(csv(report.table(ledger))[1] == "PROD,,3,30.00,2,50.00,0,,5,80.00,92.00")
  }

  @Test("1001: a transfer is an increase or a decrease by its first application entry's outbound leg")
  func valuationTransferThroughTransit() throws {
    var hand = HandLedger()
    hand.itemEntries = [
      .init(no: 1, date: "2024-01-05", type: .purchase, location: "BLUE", quantity: "10"),
      .init(no: 2, date: "2024-01-10", type: .transfer, location: "BLUE", quantity: "-4"),
      .init(no: 3, date: "2024-01-10", type: .transfer, location: "TRANSIT", quantity: "4"),
      .init(no: 4, date: "2024-01-12", type: .transfer, location: "TRANSIT", quantity: "-4"),
      .init(no: 5, date: "2024-01-12", type: .transfer, location: "RED", quantity: "4"),
    ]
    hand.applications = [
      (1, 1, 0, "10", "2024-01-05"), (2, 1, 2, "-4", "2024-01-10"), (3, 3, 2, "4", "2024-01-10"),
      (4, 3, 4, "-4", "2024-01-12"), (5, 5, 4, "4", "2024-01-12"),
    ]
    hand.entries = [
      entry(1, "2024-01-05", actual: "100.00", quantity: "10", location: "BLUE"),
      entry(2, "2024-01-10", .transfer, actual: "-40.00", quantity: "-4", location: "BLUE"),
      entry(3, "2024-01-10", .transfer, actual: "40.00", quantity: "4", location: "TRANSIT"),
      entry(4, "2024-01-12", .transfer, actual: "-40.00", quantity: "-4", location: "TRANSIT"),
      entry(5, "2024-01-12", .transfer, actual: "40.00", quantity: "4", location: "RED"),
    ]
    let ledger = try hand.ledger()
    func line(_ location: String?) throws -> String {
      let options = InventoryValuation.Options(
        start: try date("2024-01-01"), end: try date("2024-01-31"),
        locations: location.flatMap { CodeFilter(parsing: $0) })
      return csv(InventoryValuation(ledger, options).table(ledger))[1]
    }
    // All locations: both receipts come from legs inside: everything nets in Decreases.
    #expect(try line(nil) == "INV,,0,,10,100.00,0,,10,100.00,100.00")
    // BLUE|RED: the RED receipt's leg is the TRANSIT shipment, outside: an increase.
    #expect(try line("BLUE|RED") == "INV,,0,,14,140.00,4,40.00,10,100.00,100.00")
    // TRANSIT alone: its receipt comes from BLUE, outside: an increase; its shipment a decrease.
    #expect(try line("TRANSIT") == "INV,,0,,4,40.00,4,40.00,0,,")
  }

  @Test("1001: an empty line is judged without Cost Posted to G/L, and without expected cost unless included")
  func valuationEmptyLines() throws {
    var hand = HandLedger()
    hand.itemEntries = [
      .init(no: 1, item: "INV", date: "2024-01-05", quantity: "2"),
      .init(no: 2, item: "INV", date: "2024-01-06", type: .sale, quantity: "-2"),
      .init(no: 3, item: "COMP", date: "2024-02-05", quantity: "1"),
    ]
    // INV: bought and sold before Start; the sale's cost never posted, so Cost Posted to G/L is
    // 50.00 while every quantity and value is zero. COMP: received in February, not invoiced.
    hand.entries = [
      entry(1, "2024-01-05", actual: "50.00", quantity: "2"),
      entry(2, "2024-01-06", .sale, actual: "-50.00", quantity: "-2", posted: false),
      entry(3, "2024-02-05", expected: "20.00", quantity: "1", item: "COMP"),
    ]
    let ledger = try hand.ledger()
    let plain = csv(
      InventoryValuation(ledger, .init(start: try date("2024-02-01"), end: try date("2024-02-29"))).table(
        ledger))
    #expect(plain.count == 2)  // header and grand total: both items are empty lines
    let withExpected = csv(
      InventoryValuation(
        ledger, .init(start: try date("2024-02-01"), end: try date("2024-02-29"), includeExpected: true)
      )
      .table(ledger))
    #expect(withExpected.count == 4)
    #expect(withExpected[1] == "COMP,,0,,0,,0,,1,20.00,0,,0,,0,,1,20.00,,20.00")
  }

  // MARK: WIP (5802)

  func order(_ hand: inout HandLedger, _ number: String, status: String = "Released") {
    hand.productionOrders.append((number, status, "PROD", "5"))
  }

  func wip(
    _ ile: ItemLedgerEntryType, _ date: String, _ type: ValueEntryType = .directCost, actual: String = "0",
    expected: String = "0", order number: String = "PO-1"
  ) -> HandLedger.Entry {
    var value = entry(0, date, ile, type, actual: actual, expected: expected, item: "PROD")
    value.ileNo = ile == .blank ? 0 : 1
    value.order = .production
    value.orderNo = number
    value.expectedFlag = expected != "0" && actual == "0"
    return value
  }

  func wipLines(_ hand: HandLedger, start: String?, end: String) throws -> [String] {
    var hand = hand
    hand.itemEntries = [.init(no: 1, item: "PROD", date: "2024-01-01", type: .output, quantity: "5")]
    let ledger = try hand.ledger()
    let report = WIPValuation(ledger, .init(start: try start.map(date), end: try date(end)))
    return Array(csv(report.table(ledger)).dropFirst())
  }

  @Test("5802: an order with no value entry up to End prints no line; no order, no total")
  func wipNoEntries() throws {
    var hand = HandLedger()
    order(&hand, "PO-1")
    hand.entries = [wip(.consumption, "2024-03-05", actual: "-10.00")]
    #expect(try wipLines(hand, start: nil, end: "2024-02-29") == [])
  }

  @Test("5802: a finished, invoiced order is skipped only with no value entry of any kind from Start on")
  func wipFinishedSkip() throws {
    var hand = HandLedger()
    order(&hand, "PO-1", status: "Finished")
    hand.entries = [
      wip(.consumption, "2024-01-05", actual: "-40.00"), wip(.output, "2024-01-10", actual: "40.00"),
      // A variance (not WIP) after Start keeps the order in the report.
      wip(.output, "2024-02-05", .variance, actual: "-2.00"),
    ]
    #expect(
      try wipLines(hand, start: "2024-02-01", end: "2024-02-29") == ["PO-1,,PROD,,,,,,", "Total,,,,,,,,"])
    hand.entries.removeLast()
    #expect(try wipLines(hand, start: "2024-02-01", end: "2024-02-29") == [])
    // A released order is never skipped.
    hand.productionOrders[0].1 = "Released"
    #expect(
      try wipLines(hand, start: "2024-02-01", end: "2024-02-29") == ["PO-1,,PROD,,,,,,", "Total,,,,,,,,"])
  }

  @Test(
    "5802: expected output revaluation keeps an order uninvoiced; once invoiced only its actual part comes out"
  )
  func wipRevaluation() throws {
    var hand = HandLedger()
    order(&hand, "PO-1")
    hand.entries = [
      wip(.consumption, "2024-02-02", actual: "-100.00"),
      wip(.output, "2024-02-03", expected: "90.00"),
      wip(.output, "2024-02-04", .revaluation, expected: "10.00"),
      wip(.output, "2024-02-05", actual: "95.00", expected: "-90.00"),
    ]
    // Σ expected of output direct cost and revaluation: 90 + 10 − 90 = 10: not invoiced.
    // Output −(0 + 90) − (0 + 10) − (95 − 90) = −105; consumption 100; closing −5; Cost Posted
    // = 100 − 90 − 10 − 5 = −5.
    #expect(
      try wipLines(hand, start: "2024-02-01", end: "2024-02-29")[0]
        == "PO-1,,PROD,,100.00,,-105.00,-5.00,-5.00")
    // Invoiced, with an actual revaluation of 12.00: Output loses −12.00 (its actual part) and
    // Cost Posted loses the revaluation's posted −12.00.
    hand.entries[2] = wip(.output, "2024-02-04", .revaluation, actual: "12.00")
    // Output: −90 − 12 − 5 = −107, +12 taken out → −95; closing 5; Cost Posted 100 − 90 − 12 − 5 + 12 = 5.
    #expect(
      try wipLines(hand, start: "2024-02-01", end: "2024-02-29")[0] == "PO-1,,PROD,,100.00,,-95.00,5.00,5.00")
  }

  @Test("5802: output indirect cost and variances add nothing — no stale re-adding of the entry before")
  func wipNonWIPEntries() throws {
    var hand = HandLedger()
    order(&hand, "PO-1")
    hand.entries = [
      wip(.consumption, "2024-02-02", actual: "-15.00"),
      wip(.output, "2024-02-03", .indirectCost, actual: "3.00"),
      wip(.output, "2024-02-03", .variance, actual: "-1.00"),
      wip(.blank, "2024-02-04", actual: "6.00"),
      wip(.output, "2024-02-05", .variance, actual: "-2.00"),
    ]
    // BC adds the preceding consumption and capacity again for each of the three non-WIP
    // entries (Consumption 45, Capacity 12); the sums are 15 and 6.
    #expect(
      try wipLines(hand, start: "2024-02-01", end: "2024-02-29")[0] == "PO-1,,PROD,,15.00,6.00,,21.00,21.00")
  }

  // MARK: Cost Spec. (5801)

  @Test("5801: an inbound transfer leg does not count its own application twice")
  func costSpecTransfer() throws {
    var hand = HandLedger()
    hand.itemEntries = [
      .init(no: 1, date: "2024-01-05", type: .purchase, location: "BLUE", quantity: "30"),
      .init(no: 2, date: "2024-01-10", type: .transfer, location: "BLUE", quantity: "-15"),
      .init(no: 3, date: "2024-01-10", type: .transfer, location: "RED", quantity: "15"),
    ]
    hand.applications = [
      (1, 1, 0, "30", "2024-01-05"), (2, 1, 2, "-15", "2024-01-10"), (3, 3, 2, "15", "2024-01-10"),
    ]
    hand.entries = [
      entry(1, "2024-01-05", actual: "300.00", quantity: "30", location: "BLUE"),
      entry(2, "2024-01-10", .transfer, actual: "-150.00", quantity: "-15", location: "BLUE"),
      entry(3, "2024-01-10", .transfer, actual: "150.00", quantity: "15", location: "RED"),
    ]
    let ledger = try hand.ledger()
    func line(_ location: String?) throws -> String {
      let report = CostSpecification(
        ledger,
        .init(valuationDate: try date("2024-01-31"), locations: location.flatMap { CodeFilter(parsing: $0) }))
      return csv(report.table(ledger))[1]
    }
    #expect(try line(nil) == "INV,,30,10,300.00,,,,,,,,,10,300.00")
    #expect(try line("BLUE") == "INV,,15,10,150.00,,,,,,,,,10,150.00")
    #expect(try line("RED") == "INV,,15,10,150.00,,,,,,,,,10,150.00")
  }

  @Test("5801: amounts keep full precision until printed; a fully consumed item prints a zero line")
  func costSpecPrecision() throws {
    var hand = HandLedger()
    var entries: [HandLedger.ItemEntry] = []
    var values: [HandLedger.Entry] = []
    for index in 0..<3 {
      // Three purchases of 3 at 10.00 each, one unit of each sold: 2 × 10/3 = 6.666… each.
      entries.append(.init(no: 2 * index + 1, date: "2024-01-05", quantity: "3"))
      entries.append(.init(no: 2 * index + 2, date: "2024-01-06", type: .sale, quantity: "-1"))
      hand.applications.append((2 * index + 2, 2 * index + 1, 2 * index + 2, "-1", "2024-01-06"))
      values.append(entry(2 * index + 1, "2024-01-05", actual: "10.00", quantity: "3"))
      values.append(entry(2 * index + 2, "2024-01-06", .sale, actual: "-3.33", quantity: "-1"))
    }
    entries.append(.init(no: 7, item: "COMP", date: "2024-01-05", quantity: "2"))
    entries.append(.init(no: 8, item: "COMP", date: "2024-01-06", type: .negativeAdjmt, quantity: "-2"))
    hand.applications.append((8, 7, 8, "-2", "2024-01-06"))
    values.append(entry(7, "2024-01-05", actual: "8.00", quantity: "2", item: "COMP"))
    values.append(entry(8, "2024-01-06", .negativeAdjmt, actual: "-8.00", quantity: "-2", item: "COMP"))
    hand.itemEntries = entries
    hand.entries = values
    let ledger = try hand.ledger()
    let lines = csv(CostSpecification(ledger, .init(valuationDate: try date("2024-01-31"))).table(ledger))
    // 6 on hand at 3.33333 each: 20.00, not 3 × 6.67 = 20.01.
    #expect(lines[2] == "INV,,6,3.33333,20.00,,,,,,,,,3.33333,20.00")
    #expect(lines[1] == "COMP,,0,0,,,,,,,,,,0,")
    #expect(lines[3] == "Total,,,,20.00,,,,,,,,,,20.00")
  }

  // MARK: Cost Shares Breakdown (5848)

  @Test("5848: Service and Non-Inventory items take no part; an unapplied outbound entry is inventory")
  func costSharesItems() throws {
    var hand = HandLedger()
    hand.itemEntries = [
      .init(no: 1, item: "SVC", date: "2024-01-05", quantity: "1"),
      .init(no: 2, item: "INV", date: "2024-01-06", type: .sale, quantity: "-2"),
    ]
    hand.entries = [
      entry(1, "2024-01-05", actual: "5.00", quantity: "1", item: "SVC"),
      entry(2, "2024-01-06", .sale, actual: "-16.00", quantity: "-2"),
    ]
    let ledger = try hand.ledger()
    let inventory = csv(
      CostShares(ledger, .init(end: try date("2024-01-31"), mode: .inventory)).table(ledger))
    #expect(inventory[1] == "INV,,-2,-16.00,,,,,,,,-16.00,,,,,,")
    #expect(inventory.count == 3)
    let sales = csv(
      CostShares(ledger, .init(start: try date("2024-01-01"), end: try date("2024-01-31"))).table(ledger))
    #expect(sales[1] == "INV,,-2,-16.00,,,,,,,,-16.00,,,,,,")
  }

  @Test(
    "5848 WIP: consumption nets with its source, capacity flips its sign, output adds, the order quantity shows"
  )
  func costSharesWIP() throws {
    var hand = HandLedger()
    order(&hand, "PO-1")
    hand.itemEntries = [
      .init(no: 1, item: "COMP", date: "2024-01-05", quantity: "4"),
      .init(
        no: 2, item: "COMP", date: "2024-01-10", type: .consumption, quantity: "-4", orderType: .production,
        orderNo: "PO-1"),
      .init(
        no: 3, item: "PROD", date: "2024-01-12", type: .output, quantity: "5", orderType: .production,
        orderNo: "PO-1"),
    ]
    hand.applications = [
      (1, 1, 0, "4", "2024-01-05"), (2, 1, 2, "-4", "2024-01-10"), (3, 3, 0, "5", "2024-01-12"),
    ]
    var consumption = entry(2, "2024-01-10", .consumption, actual: "-40.00", quantity: "-4", item: "COMP")
    consumption.order = .production
    consumption.orderNo = "PO-1"
    var capacity = wip(.blank, "2024-01-11", actual: "10.00")
    capacity.valuedQuantity = "2"
    var output = entry(3, "2024-01-12", .output, actual: "50.00", quantity: "5", item: "PROD")
    output.order = .production
    output.orderNo = "PO-1"
    hand.entries = [
      entry(1, "2024-01-05", actual: "40.00", quantity: "4", item: "COMP"), consumption, capacity, output,
    ]
    let ledger = try hand.ledger()
    let report = CostShares(ledger, .init(end: try date("2024-01-31"), mode: .wip, details: true))
    let lines = csv(report.table(ledger))
    // Output 50.00 carries the order's capacity 10.00 and material 40.00; the consumption nets
    // to 0 with the purchase it came from; the capacity row is negated. The first row
    // (consumption) carries the order quantity 5; output adds its 5, capacity −2.
    #expect(lines[1] == "PO-1,,2,,5,,,,,,,,,,,,,,,")
    #expect(lines[2] == "PO-1,,3,,5,40.00,10.00,,,,,,,50.00,,,,,,")
    #expect(lines[3] == "PO-1,,3,D3,-2,,-10.00,,,,,,,-10.00,,,,,,")
    #expect(lines[4] == "PO-1,,,,8,40.00,,,,,,,,40.00,,,,,,")
  }
}
