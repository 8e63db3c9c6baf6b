import Testing

@testable import ReconEngine

@Suite("BC filters")
struct FilterTests {
  @Test(
    "code filters",
    arguments: [
      ("1000", "1000", true), ("1000", "10000", false), ("1000|1100", "1100", true),
      ("1000..1999", "1500", true),
      ("1000..1999", "2000", false), ("..1999", "0999", true), ("2000..", "1999", false),
      ("10*", "1050", true),
      ("10*", "1150", false), ("1?00", "1200", true), ("<>1000", "1000", false), ("<>1000", "1001", true),
      ("''", "", true), ("''", "BLUE", false), ("<>''", "BLUE", true), (">=B&<=R", "BLUE", true),
      (">=B&<=R", "ZZ", false), ("BLUE|''", "", true), ("*", "anything", true),
    ] as [(String, String, Bool)])
  func codes(filter: String, code: String, expected: Bool) throws {
    #expect(try #require(CodeFilter(parsing: filter)).matches(code) == expected)
  }

  @Test("date ranges")
  func dates() throws {
    let january = try #require(DateRange(parsing: "2020-01-01..2020-01-31"))
    #expect(january.contains(try #require(LedgerDate("2020-01-31"))))
    // BC compares closing dates as dates just after their day: `..D` leaves `CD` out, `..CD` takes it.
    #expect(!january.contains(try #require(LedgerDate("C2020-01-31"))))
    #expect(
      try #require(DateRange(parsing: "2020-01-01..C2020-01-31")).contains(
        try #require(LedgerDate("C2020-01-31"))))
    #expect(try #require(DateRange(parsing: "C2020-01-31")).contains(try #require(LedgerDate("C2020-01-31"))))
    #expect(
      !(try #require(DateRange(parsing: "C2020-01-31")).contains(try #require(LedgerDate("2020-01-31")))))
    #expect(
      !(try #require(DateRange(parsing: "2020-01-31")).contains(try #require(LedgerDate("C2020-01-31")))))
    #expect(
      try #require(DateRange(parsing: "2020-01-31..")).contains(try #require(LedgerDate("C2020-01-31"))))
    #expect(
      !(try #require(DateRange(parsing: "2020-02-01..")).contains(try #require(LedgerDate("C2020-01-31")))))
    #expect(!january.contains(try #require(LedgerDate("2020-02-01"))))
    #expect(try #require(DateRange(parsing: "..2020-01-14")).start == nil)
    #expect(try #require(DateRange(parsing: "2020-02-01..")).end == nil)
    #expect(try #require(DateRange(parsing: "2020-02-01")).description == "2020-02-01")
    #expect(DateRange(parsing: "2020-02-30") == nil)
    #expect(DateRange(parsing: "2020-03-01..2020-02-01") == nil)
    #expect(DateRange(parsing: "yesterday") == nil)
  }

  @Test("a location filter selects the blank location with ''")
  func blankLocation() throws {
    var builder = try LedgerBuilder()
    try builder.valueEntry("2020-01-01", .purchase, .directCost, actual: "10", location: "")
    try builder.valueEntry("2020-01-01", .purchase, .directCost, actual: "20", location: "BLUE")
    let ledger = builder.built()
    #expect(try reconcile(ledger, location: "''").itemTotals[.inventory] == ExactDecimal(10))
    #expect(try reconcile(ledger, location: "BLUE").itemTotals[.inventory] == ExactDecimal(20))
    #expect(try reconcile(ledger, location: "<>BLUE").itemTotals[.inventory] == ExactDecimal(10))
  }
}
