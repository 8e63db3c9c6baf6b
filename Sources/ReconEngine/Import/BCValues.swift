import Foundation

/// Reading the values of BC exports (bc-import.md §5), straight from bytes: each reader accepts
/// what any of the three formats writes for its type.
enum BCValues {
  typealias Bytes = UnsafeBufferPointer<UInt8>

  /// The range without surrounding spaces and tabs.
  @inline(__always)
  static func trimmed(_ bytes: Bytes, _ start: Int, _ end: Int) -> (Int, Int) {
    var start = start, end = end
    while start < end && (bytes[start] == 32 || bytes[start] == 9) { start += 1 }
    while end > start && (bytes[end - 1] == 32 || bytes[end - 1] == 9) { end -= 1 }
    return (start, end)
  }

  /// Optional sign, digits; empty is 0.
  static func integer(_ bytes: Bytes, _ start: Int, _ end: Int) -> Int64? {
    let (start, end) = trimmed(bytes, start, end)
    if start == end { return 0 }
    var index = start
    var negative = false
    if bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
      negative = bytes[index] == UInt8(ascii: "-")
      index += 1
    }
    guard index < end else { return nil }
    var value: Int64 = 0
    while index < end {
      let digit = bytes[index] &- 48
      guard digit < 10 else { return nil }
      let (product, overflow) = value.multipliedReportingOverflow(by: 10)
      let (sum, overflow2) = product.addingReportingOverflow(Int64(digit))
      if overflow || overflow2 { return nil }
      value = sum
      index += 1
    }
    return negative ? -value : value
  }

  /// A decimal in any of the exports' forms — `70`, `-0.01`, `70.00000000000000000000`,
  /// `1E-05`, `+5`, `.5` — exactly; `decimalComma` takes a lone `,` for the point. Empty is 0.
  static func decimal(
    _ bytes: Bytes, _ start: Int, _ end: Int, decimalComma: Bool = false, scratch: inout [UInt8]
  ) throws(ExactDecimalError) -> ExactDecimal {
    let (start, end) = trimmed(bytes, start, end)
    if start == end { return .zero }
    // The common case is already JSON syntax.
    var plain = true
    var index = start
    if bytes[index] == UInt8(ascii: "-") { index += 1 }
    if index >= end || bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: ".")
      || (bytes[index] == UInt8(ascii: "0") && index + 1 < end && bytes[index + 1] &- 48 < 10)
    {
      plain = false
    }
    if decimalComma { for i in start..<end where bytes[i] == UInt8(ascii: ",") { plain = false } }
    if plain { return try ExactDecimal.parse(bytes, from: start, to: end) }
    // Normalise into JSON syntax: no plus sign, no leading zeros, a digit before the point.
    scratch.removeAll(keepingCapacity: true)
    index = start
    if bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
      if bytes[index] == UInt8(ascii: "-") { scratch.append(UInt8(ascii: "-")) }
      index += 1
    }
    while index + 1 < end && bytes[index] == UInt8(ascii: "0") && bytes[index + 1] &- 48 < 10 { index += 1 }
    if index < end
      && (bytes[index] == UInt8(ascii: ".") || (decimalComma && bytes[index] == UInt8(ascii: ",")))
    {
      scratch.append(UInt8(ascii: "0"))
    }
    while index < end {
      let byte = bytes[index]
      scratch.append(decimalComma && byte == UInt8(ascii: ",") ? UInt8(ascii: ".") : byte)
      index += 1
    }
    return try scratch.withUnsafeBufferPointer { buffer throws(ExactDecimalError) in
      try ExactDecimal.parse(buffer, from: 0, to: buffer.count)
    }
  }

  /// `1 0 true false yes no` in any case; empty is false.
  static func boolean(_ bytes: Bytes, _ start: Int, _ end: Int) -> Bool? {
    let (start, end) = trimmed(bytes, start, end)
    if start == end { return false }
    var word: UInt64 = 0
    guard end - start <= 5 else { return nil }
    for index in start..<end { word = word << 8 | UInt64(bytes[index] | 0x20) }
    switch word {
    case 0x31 | 0x20, 0x74_72_75_65, 0x79_65_73: return true  // "1", "true", "yes"
    case 0x30 | 0x20, 0x66_61_6C_73_65, 0x6E_6F: return false  // "0", "false", "no"
    default: return nil
    }
  }

  /// A date: `YYYY-MM-DD`, optionally with a `C` (closing date) before it and a time after it
  /// (`T` or a space); 23:59:59 marks a closing date (SQL); 1753-01-01, 0001-01-01 and empty are
  /// the blank date 0D (`LedgerTable.noDate`).
  static func date(_ bytes: Bytes, _ start: Int, _ end: Int) -> LedgerDate? {
    let (start, end) = trimmed(bytes, start, end)
    if start == end { return LedgerTable.noDate }
    var index = start
    var closing = false
    if bytes[index] | 0x20 == UInt8(ascii: "c") {
      closing = true
      index += 1
    }
    guard end - index >= 10, var date = LedgerDate.parse(bytes, from: index, to: index + 10) else {
      return nil
    }
    let rest = index + 10
    if rest < end {
      guard bytes[rest] == UInt8(ascii: "T") || bytes[rest] == UInt8(ascii: " ") else { return nil }
      // 23:59:59 (any fraction): SQL's closing date.
      if end - rest >= 9, bytes[rest + 1] == UInt8(ascii: "2"), bytes[rest + 2] == UInt8(ascii: "3"),
        bytes[rest + 4] == UInt8(ascii: "5"), bytes[rest + 5] == UInt8(ascii: "9"),
        bytes[rest + 7] == UInt8(ascii: "5"), bytes[rest + 8] == UInt8(ascii: "9")
      {
        closing = true
      }
    }
    let (year, month, day) = date.components
    if (year == 1753 || year == 1) && month == 1 && day == 1 { return LedgerTable.noDate }
    if closing { date = date.closingDate }
    return date
  }

  /// The date part of a DateTime (`2025-01-31T08:00:13.558Z`, `2025-01-31 08:00:13.557`); nil for
  /// none (empty, 0001-01-01, 1753-01-01).
  static func dateOfDateTime(_ bytes: Bytes, _ start: Int, _ end: Int) -> LedgerDate? {
    let (start, end) = trimmed(bytes, start, end)
    guard end - start >= 10, let date = LedgerDate.parse(bytes, from: start, to: start + 10) else {
      return nil
    }
    let (year, month, day) = date.components
    if (year == 1753 || year == 1) && month == 1 && day == 1 { return nil }
    return date
  }

  /// A GUID, braces optional, any case, as two 64-bit halves.
  static func guid(_ bytes: Bytes, _ start: Int, _ end: Int) -> (UInt64, UInt64)? {
    var (start, end) = trimmed(bytes, start, end)
    if start < end && bytes[start] == UInt8(ascii: "{") { start += 1 }
    if end > start && bytes[end - 1] == UInt8(ascii: "}") { end -= 1 }
    var high: UInt64 = 0, low: UInt64 = 0, digits = 0
    for index in start..<end where bytes[index] != UInt8(ascii: "-") {
      let byte = bytes[index] | 0x20
      let value: UInt64
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): value = UInt64(byte - 48)
      case UInt8(ascii: "a")...UInt8(ascii: "f"): value = UInt64(byte - 87)
      default: return nil
      }
      if digits < 16 { high = high << 4 | value } else { low = low << 4 | value }
      digits += 1
    }
    return digits == 32 ? (high, low) : nil
  }

  /// The decimals of a precision written as text (`0.01` → 2, `0.000001` → 6, `1E-3` → 3, `1` →
  /// 0); nil when it is not a positive number. Read from the text, not through ExactDecimal,
  /// so a precision finer than ExactDecimal can hold is still told (and refused).
  static func decimals(ofPrecisionText text: String) -> Int? {
    var trimmed = text.trimmingCharacters(in: .whitespaces)
    // A decimal comma (SQL exports with another separator; setup values are kept as text).
    if !trimmed.contains("."), trimmed.filter({ $0 == "," }).count == 1 {
      trimmed = trimmed.replacingOccurrences(of: ",", with: ".")
    }
    let parts = trimmed.lowercased().split(separator: "e", maxSplits: 1, omittingEmptySubsequences: false)
    let mantissa = parts[0].hasPrefix("+") ? String(parts[0].dropFirst()) : String(parts[0])
    // An exponent beyond ±1000 is no rounding precision (and must not overflow the sums below).
    let exponent = parts.count == 2 ? Int(parts[1]).flatMap { (-1000...1000).contains($0) ? $0 : nil } : 0
    let pieces = mantissa.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
    guard let exponent, pieces.count <= 2, !mantissa.isEmpty,
      pieces.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
      mantissa.contains(where: { $0 != "0" && $0 != "." })
    else { return nil }
    var fraction = pieces.count == 2 ? Substring(pieces[1]) : ""
    while fraction.last == "0" { fraction = fraction.dropLast() }
    var whole = Substring(pieces[0])
    var trailingZeros = 0
    if fraction.isEmpty {
      while whole.count > 1 && whole.last == "0" {
        whole = whole.dropLast()
        trailingZeros += 1
      }
    }
    return max(0, fraction.count - trailingZeros - exponent)
  }

  /// The largest number in Amount Decimal Places (`2:2` → 2, `3` → 3, `2:5` → 5).
  static func decimals(ofPlaces text: String) -> Int? {
    let parts = text.split(separator: ":", omittingEmptySubsequences: false)
    let numbers = parts.compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }.filter { $0 >= 0 }
    return numbers.count == parts.count && parts.count <= 2 ? numbers.max() : nil
  }
}
