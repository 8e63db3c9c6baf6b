import Testing

@testable import ReconEngine

@Suite("Ledger dates")
struct LedgerDateTests {
  @Test("parses valid dates and refuses impossible ones")
  func parsing() {
    #expect(LedgerDate("2024-02-29") != nil)
    #expect(LedgerDate("2023-02-29") == nil)
    #expect(LedgerDate("2024-13-01") == nil)
    #expect(LedgerDate("2024-1-01") == nil)
    #expect(LedgerDate("20240101") == nil)
    #expect(LedgerDate("") == nil)
    #expect(LedgerDate("C2024-12-31")?.isClosing == true)
  }

  @Test("a closing date sorts after its day and before the next")
  func closingOrder() throws {
    let day = try #require(LedgerDate("2024-12-31"))
    let closing = try #require(LedgerDate("C2024-12-31"))
    let next = try #require(LedgerDate("2025-01-01"))
    #expect(day < closing && closing < next)
    #expect(closing.text == "C2024-12-31")
    #expect(closing.normalDate == day)
  }

  @Test("text and day numbers round-trip over four centuries")
  func roundTrip() throws {
    var date = try #require(LedgerDate("1900-01-01"))
    let end = try #require(LedgerDate("2300-03-01"))
    var previous = date
    while date < end {
      #expect(LedgerDate(date.text) == date)
      date = date.adding(days: 1)
      #expect(date.dayNumber == previous.dayNumber + 1)
      previous = date
    }
    #expect(try #require(LedgerDate("2025-01-31")).adding(days: 1).text == "2025-02-01")
  }
}
