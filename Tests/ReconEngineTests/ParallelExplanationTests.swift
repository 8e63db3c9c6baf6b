import Testing

@testable import ReconEngine

/// Large ledgers go through the explanation's value entries on both cores, a half each, merged
/// afterwards. Held here on small ledgers with the threshold taken down to 2: every item (field,
/// account, cause, amount, the entry lists in order) and every dated cause of the timeline is the
/// same as one pass in order gives.
@Suite("Explanation on two cores")
struct ParallelExplanationTests {
  static func ledgers() -> [Ledger] {
    var generated = GeneratorOptions(valueEntries: 3_000, seed: 7)
    generated.year = 2025
    return [
      SampleCompany.load(), SampleCompany.build(expectedCostPosting: false),
      LedgerGenerator.generate(generated),
    ]
  }

  @Test("the items are those of one pass in order, under every filter")
  func items() throws {
    for ledger in Self.ledgers() {
      for filters in [
        ReconciliationFilters(),
        ReconciliationFilters(
          dates: DateRange(start: LedgerDate("2025-03-01"), end: LedgerDate("2025-06-30"))),
        ReconciliationFilters(items: CodeFilter(parsing: "1*"), attributeGL: true),
      ] {
        let one = try Explanation(ledger, filters: filters, parallelFrom: Int.max)
        let two = try Explanation(ledger, filters: filters, parallelFrom: 2)
        #expect(one.items.count == two.items.count)
        for (a, b) in zip(one.items, two.items) {
          #expect(a.field == b.field && a.account == b.account && a.cause == b.cause)
          #expect(a.amount == b.amount)
          #expect(a.valueEntryNos == b.valueEntryNos)
          #expect(a.glEntryNos == b.glEntryNos)
          #expect(a.description == b.description)
        }
      }
    }
  }

  @Test("the timeline's dated causes are those of one pass in order")
  func datedCauses() throws {
    for ledger in Self.ledgers() {
      let one = try DatedCauses(ledger, parallelFrom: Int.max)
      let two = try DatedCauses(ledger, parallelFrom: 2)
      let timeline = try Timeline(ledger, .init(by: .month), causes: false)
      for (position, period) in timeline.periods.enumerated() {
        for (index, field) in Timeline.fields.enumerated() {
          let difference = timeline.cells[position][index].difference
          #expect(
            one.causes(field, in: period.range, difference: difference)
              == two.causes(field, in: period.range, difference: difference))
        }
      }
    }
  }
}
