import Testing

@testable import ReconEngine

/// Every row of the §3.3 projection table, one value entry at a time.
@Suite("Projection")
struct ProjectionTests {
  typealias F = ReconciliationField

  /// The item line of a ledger holding just one value entry.
  func project(
    _ ile: ItemLedgerEntryType, _ type: ValueEntryType, actual: String = "0", expected: String = "0",
    variance: VarianceType = .blank, order: OrderType = .blank
  ) throws -> [F: String] {
    var builder = try LedgerBuilder()
    try builder.valueEntry(
      "2020-01-01", ile, type, actual: actual, expected: expected, variance: variance, order: order)
    let result = try reconcile(builder.built())
    var fields: [F: String] = [:]
    for field in F.allCases where !result.itemTotals[field].isZero {
      fields[field] = result.itemTotals[field].plain(decimals: 2)
    }
    return fields
  }

  @Test("purchases: direct, expected, indirect, variance")
  func purchases() throws {
    #expect(
      try project(.purchase, .directCost, actual: "70") == [
        .inventory: "70.00", .directCostAppliedActual: "-70.00", .directCostApplied: "-70.00",
      ])
    #expect(
      try project(.purchase, .directCost, expected: "95") == [
        .inventoryInterim: "95.00", .invtAccrualInterim: "-95.00",
      ])
    #expect(
      try project(.purchase, .indirectCost, actual: "10") == [
        .inventory: "10.00", .overheadAppliedActual: "-10.00", .overheadApplied: "-10.00",
      ])
    #expect(
      try project(.purchase, .variance, actual: "-3", variance: .purchase) == [
        .inventory: "-3.00", .purchaseVariance: "3.00",
      ])
    #expect(
      try project(.purchase, .revaluation, actual: "4", expected: "2") == [
        .inventory: "4.00", .inventoryAdjmt: "-4.00", .inventoryInterim: "2.00", .invtAccrualInterim: "-2.00",
      ])
  }

  @Test("sales: direct and expected")
  func sales() throws {
    #expect(try project(.sale, .directCost, actual: "-80") == [.inventory: "-80.00", .cogs: "80.00"])
    #expect(
      try project(.sale, .directCost, expected: "-80") == [
        .inventoryInterim: "-80.00", .cogsInterim: "80.00",
      ])
    #expect(try project(.sale, .rounding, actual: "0.01") == [.inventory: "0.01", .inventoryAdjmt: "-0.01"])
  }

  @Test("adjustments, transfers and assembly go to Inventory Adjmt.")
  func adjustments() throws {
    for ile in [
      ItemLedgerEntryType.positiveAdjmt, .negativeAdjmt, .transfer, .assemblyOutput, .assemblyConsumption,
    ] {
      #expect(try project(ile, .directCost, actual: "9") == [.inventory: "9.00", .inventoryAdjmt: "-9.00"])
    }
  }

  @Test("production: consumption, capacity, output, variances")
  func production() throws {
    #expect(
      try project(.consumption, .directCost, actual: "-50", order: .production)
        == [.inventory: "-50.00", .wipInventory: "50.00", .inventoryToWIP: "-50.00"])
    #expect(
      try project(.blank, .directCost, actual: "30", order: .production)
        == [.wipInventory: "30.00", .directCostAppliedWIP: "-30.00", .directCostApplied: "-30.00"])
    #expect(
      try project(.blank, .indirectCost, actual: "6", order: .production)
        == [.wipInventory: "6.00", .overheadAppliedWIP: "-6.00", .overheadApplied: "-6.00"])
    #expect(
      try project(.output, .directCost, actual: "120", expected: "-100", order: .production)
        == [
          .inventory: "120.00", .inventoryInterim: "-100.00", .wipInventory: "-20.00",
          .inventoryToWIP: "120.00",
          .wipToInterim: "100.00",
        ])
    #expect(
      try project(.output, .revaluation, expected: "5", order: .production)
        == [.inventoryInterim: "5.00", .wipInventory: "-5.00", .wipToInterim: "-5.00"])
    #expect(
      try project(.output, .indirectCost, actual: "8", order: .production)
        == [.inventory: "8.00", .overheadAppliedActual: "-8.00", .overheadApplied: "-8.00"])
    let variances: [(VarianceType, F)] = [
      (.material, .materialVariance), (.capacity, .capacityVariance),
      (.subcontracted, .subcontractedVariance),
      (.capacityOverhead, .capOverheadVariance), (.manufacturingOverhead, .mfgOverheadVariance),
    ]
    for (type, field) in variances {
      #expect(
        try project(.output, .variance, actual: "-7", variance: type, order: .production) == [
          .inventory: "-7.00", field: "7.00",
        ])
    }
  }

  @Test("assembly resources: the one place the column identity breaks")
  func assemblyResources() throws {
    #expect(
      try project(.blank, .directCost, actual: "12", order: .assembly)
        == [.directCostAppliedActual: "-12.00", .inventoryAdjmt: "-12.00", .directCostApplied: "-12.00"])
  }

  @Test("the posting map sends each part to the accounts of §2")
  func postingMap() {
    #expect(
      PostingMap.actual(
        itemLedgerEntryType: .purchase, entryType: .directCost, varianceType: .blank, orderType: .blank)
        == PostingPair(account: .inventory, balancing: .directCostApplied))
    #expect(
      PostingMap.expected(itemLedgerEntryType: .output, entryType: .directCost)
        == PostingPair(account: .inventoryInterim, balancing: .wipInventory))
    #expect(
      PostingMap.actual(
        itemLedgerEntryType: .blank, entryType: .directCost, varianceType: .blank, orderType: .assembly)
        == PostingPair(account: .inventoryAdjmt, balancing: .directCostApplied))
    #expect(
      PostingMap.actual(
        itemLedgerEntryType: .sale, entryType: .variance, varianceType: .blank, orderType: .blank) == nil)
    #expect(PostingMap.expected(itemLedgerEntryType: .consumption, entryType: .directCost) == nil)
  }
}
