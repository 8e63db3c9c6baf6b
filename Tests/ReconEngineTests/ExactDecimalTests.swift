import Testing

@testable import ReconEngine

@Suite("Exact decimals")
struct ExactDecimalTests {
  @Test(
    "parses JSON number text exactly",
    arguments: [
      ("0", 0), ("70", 7_000_000), ("-80.5", -8_050_000), ("1234.56", 123_456_000), ("0.00001", 1),
      ("1e3", 100_000_000), ("2.5E-1", 25_000), ("-0.10000000", -10_000),
      ("10000000000000", 1_000_000_000_000_000_000),
    ] as [(String, Int64)])
  func parses(text: String, units: Int64) throws {
    #expect(try ExactDecimal(parsing: text).units == units)
  }

  @Test(
    "refuses what is not a JSON number",
    arguments: ["", "-", "01", "1.", ".5", "+1", "--1", "1e", "1.2.3", "12a", " 1", "NaN", "0x10"])
  func refusesSyntax(text: String) {
    #expect(throws: ExactDecimalError.invalidSyntax) { try ExactDecimal(parsing: text) }
  }

  @Test("refuses more decimals than allowed, but not trailing zeros")
  func decimals() throws {
    #expect(throws: ExactDecimalError.tooManyDecimals(allowed: 5)) { try ExactDecimal(parsing: "0.000001") }
    #expect(throws: ExactDecimalError.tooManyDecimals(allowed: 2)) {
      try ExactDecimal(parsing: "1.005", maxDecimals: 2)
    }
    #expect(try ExactDecimal(parsing: "1.50000000000000000000000", maxDecimals: 2).units == 150_000)
  }

  @Test("refuses magnitudes it could not sum exactly")
  func tooLarge() {
    #expect(throws: ExactDecimalError.tooLarge) { try ExactDecimal(parsing: "10000000000000.00001") }
    #expect(throws: ExactDecimalError.tooLarge) { try ExactDecimal(parsing: "99999999999999999999999") }
    #expect(throws: ExactDecimalError.tooLarge) { try ExactDecimal(parsing: "1e40") }
  }

  @Test("sums exactly where binary floating point drifts")
  func exactSum() throws {
    var sum = ExactSum()
    let tenth = try ExactDecimal(parsing: "0.1")
    for _ in 0..<1_000_000 { sum.add(tenth) }
    #expect(try sum.value() == ExactDecimal(100_000))
    var doubleSum = 0.0
    for _ in 0..<10 { doubleSum += 0.1 }
    #expect(doubleSum != 1.0)  // the reason money is never a Double
  }

  @Test("detects overflow instead of wrapping")
  func overflow() throws {
    let big = ExactDecimal(units: ExactDecimal.maxMagnitudeUnits)
    var sum = ExactSum()
    for _ in 0..<10 { sum.add(big) }
    #expect(sum.overflowed)
    #expect(throws: ExactDecimalError.overflow) { try sum.value() }
    #expect(big.adding(ExactDecimal(units: .max)) == nil)
    #expect(ExactDecimal(units: .min).negated == nil)
    #expect(ExactDecimal(units: .min).subtracting(ExactDecimal(units: 1)) == nil)
  }

  @Test("formats for people and for CSV")
  func formatting() throws {
    let value = try ExactDecimal(parsing: "-1234567.5")
    #expect(value.plain(decimals: 2) == "-1234567.50")
    #expect(value.grouped(decimals: 2) == "-1,234,567.50")
    #expect(ExactDecimal(units: 0).plain(decimals: 2) == "0.00")
    #expect(try ExactDecimal(parsing: "999.995").grouped(decimals: 2) == "1,000.00")
    #expect(try ExactDecimal(parsing: "-0.004").plain(decimals: 2) == "0.00")
    #expect(try ExactDecimal(parsing: "12.50").trimmed() == "12.5")
    #expect(try ExactDecimal(parsing: "7").plain(decimals: 0) == "7")
    #expect(try ExactDecimal(parsing: "0.00001").trimmed() == "0.00001")
  }

  @Test("knows how many decimals a value needs")
  func significantDecimals() throws {
    #expect(try ExactDecimal(parsing: "1.25").significantDecimals == 2)
    #expect(try ExactDecimal(parsing: "3").significantDecimals == 0)
    #expect(try ExactDecimal(parsing: "1.25").fits(decimals: 2))
    #expect(try !ExactDecimal(parsing: "1.255").fits(decimals: 2))
  }
}
