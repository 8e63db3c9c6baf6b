/// Reading and writing `ExactDecimal` as text: straight from bytes to integer units, no
/// floating point in between.
extension ExactDecimal {
  /// Parses JSON number syntax (`-12.5`, `0.00001`, `1e3`) from `bytes[start..<end]`.
  ///
  /// Fractional digits beyond `maxDecimals` are refused unless they are zeros; magnitudes above
  /// `maxMagnitudeUnits` are refused, so every stored value leaves room for exact sums.
  @inlinable
  public static func parse(
    _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, maxDecimals: Int = scale
  ) throws(ExactDecimalError) -> ExactDecimal {
    var index = start
    guard index < end else { throw .invalidSyntax }
    var negative = false
    if bytes[index] == UInt8(ascii: "-") {
      negative = true
      index += 1
    }
    var mantissa: UInt64 = 0
    var pendingZeros = 0  // zeros not yet multiplied in, so trailing zeros never overflow
    var fractionDigits = 0
    var sawDigit = false
    // Integer part: "0" or a non-zero digit followed by digits.
    let integerStart = index
    while index < end, bytes[index] &- 48 < 10 {
      let digit = UInt64(bytes[index] &- 48)
      if digit == 0 && mantissa == 0 {
        // leading zero of the integer part adds nothing
      } else {
        mantissa = try appendDigit(mantissa, digit, zerosBefore: 0)
      }
      sawDigit = true
      index += 1
    }
    if !sawDigit { throw .invalidSyntax }
    if index - integerStart > 1 && bytes[integerStart] == UInt8(ascii: "0") { throw .invalidSyntax }
    if index < end && bytes[index] == UInt8(ascii: ".") {
      index += 1
      let fractionStart = index
      while index < end, bytes[index] &- 48 < 10 {
        let digit = UInt64(bytes[index] &- 48)
        fractionDigits += 1
        if digit == 0 {
          pendingZeros += 1
        } else {
          mantissa = try appendDigit(mantissa, digit, zerosBefore: pendingZeros)
          pendingZeros = 0
        }
        index += 1
      }
      if index == fractionStart { throw .invalidSyntax }
      fractionDigits -= pendingZeros  // trailing zeros of the fraction do not count
    }
    var exponent = 0
    if index < end && (bytes[index] | 0x20) == UInt8(ascii: "e") {
      index += 1
      var exponentNegative = false
      if index < end && (bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")) {
        exponentNegative = bytes[index] == UInt8(ascii: "-")
        index += 1
      }
      let exponentStart = index
      while index < end, bytes[index] &- 48 < 10 {
        if exponent < 10_000 { exponent = exponent * 10 + Int(bytes[index] &- 48) }
        index += 1
      }
      if index == exponentStart { throw .invalidSyntax }
      if exponentNegative { exponent = -exponent }
    }
    if index != end { throw .invalidSyntax }
    if mantissa == 0 { return .zero }
    // value = mantissa × 10^(exponent − fractionDigits); to units: × 10^scale.
    let shift = exponent - fractionDigits + scale
    var units = mantissa
    if shift >= 0 {
      if shift > 18 { throw .tooLarge }
      let (product, overflow) = units.multipliedReportingOverflow(by: UInt64(powersOfTenWide[shift]))
      if overflow { throw .tooLarge }
      units = product
    } else {
      // More fractional digits than the scale holds, and not all zeros.
      throw .tooManyDecimals(allowed: maxDecimals)
    }
    if units > UInt64(maxMagnitudeUnits) { throw .tooLarge }
    let decimals = Swift.max(0, fractionDigits - exponent)
    if decimals > maxDecimals { throw .tooManyDecimals(allowed: maxDecimals) }
    let signed = Int64(units)
    return ExactDecimal(units: negative ? -signed : signed)
  }

  @inlinable
  static func appendDigit(_ mantissa: UInt64, _ digit: UInt64, zerosBefore: Int) throws(ExactDecimalError)
    -> UInt64
  {
    var value = mantissa
    for _ in 0..<(zerosBefore + 1) {
      let (product, overflow) = value.multipliedReportingOverflow(by: 10)
      if overflow || product > UInt64(maxMagnitudeUnits) * 10 { throw .tooLarge }
      value = product
    }
    return value + digit
  }

  @usableFromInline static let powersOfTenWide: [Int64] = {
    var powers: [Int64] = [1]
    for _ in 1...18 { powers.append(powers[powers.count - 1] * 10) }
    return powers
  }()

  /// Parses a decimal from a Swift string (command-line options, tests).
  public init(parsing text: String, maxDecimals: Int = ExactDecimal.scale) throws(ExactDecimalError) {
    var utf8 = Array(text.utf8)
    let count = utf8.count
    let result: Result<ExactDecimal, ExactDecimalError> = utf8.withUnsafeMutableBufferPointer { buffer in
      do throws(ExactDecimalError) {
        return .success(
          try ExactDecimal.parse(UnsafeBufferPointer(buffer), from: 0, to: count, maxDecimals: maxDecimals))
      } catch {
        return .failure(error)
      }
    }
    self = try result.get()
  }

  /// Plain form for CSV and JSON: `-1234.50`, exactly `decimals` fractional digits, no grouping.
  public func plain(decimals: Int) -> String {
    format(decimals: decimals, grouping: false)
  }

  /// Form for people: `-1,234.50`, exactly `decimals` fractional digits, thousands grouped.
  public func grouped(decimals: Int) -> String {
    format(decimals: decimals, grouping: true)
  }

  /// Shortest exact form with at least `minDecimals` and at most five fractional digits:
  /// quantities print as `10` or `2.5`, never `10.00000`.
  /// As `trimmed`, with thousands grouped (quantities shown to people next to grouped amounts).
  public func groupedTrimmed() -> String {
    format(decimals: significantDecimals, grouping: true)
  }

  public func trimmed(minDecimals: Int = 0) -> String {
    format(decimals: Swift.max(minDecimals, significantDecimals), grouping: false)
  }

  /// Writes the value with `decimals` fractional digits. A value with more significant digits
  /// than `decimals` is rounded half away from zero (display only; stored values never round).
  func format(decimals requested: Int, grouping: Bool) -> String {
    let decimals = Swift.min(Swift.max(requested, 0), ExactDecimal.scale)
    let magnitude = units.magnitude
    let divisor = UInt64(ExactDecimal.powersOfTen[ExactDecimal.scale - decimals])
    var scaled = magnitude / divisor
    if magnitude % divisor * 2 >= divisor && divisor > 1 { scaled += 1 }
    let one = UInt64(ExactDecimal.powersOfTen[decimals])
    let whole = scaled / one
    let fraction = scaled % one
    var text = ""
    if units < 0 && scaled != 0 { text.append("-") }
    let wholeDigits = String(whole)
    if grouping && wholeDigits.count > 3 {
      var grouped = ""
      for (offset, character) in wholeDigits.enumerated() {
        if offset > 0 && (wholeDigits.count - offset) % 3 == 0 { grouped.append(",") }
        grouped.append(character)
      }
      text += grouped
    } else {
      text += wholeDigits
    }
    if decimals > 0 {
      let fractionDigits = String(fraction)
      text += "." + String(repeating: "0", count: decimals - fractionDigits.count) + fractionDigits
    }
    return text
  }
}

extension ExactDecimal: CustomStringConvertible {
  public var description: String { trimmed() }
}
