/// A calendar date without time, or BC's closing date: a virtual date just after the normal
/// date of the same day (`C2024-12-31`) that holds year-end closing entries.
///
/// Stored as one `Int32` so that comparing raw values orders dates correctly:
/// `ordinal = dayNumber * 2 + (isClosing ? 1 : 0)`, with day 0 = 0001-01-01. A closing date
/// therefore sorts after its own day and before the next day.
public struct LedgerDate: Hashable, Comparable, Sendable {
  public var ordinal: Int32

  @inlinable public init(ordinal: Int32) { self.ordinal = ordinal }

  /// Builds a date from its parts; nil for an impossible date (2023-02-29, month 13).
  public init?(year: Int, month: Int, day: Int, isClosing: Bool = false) {
    guard (1...9999).contains(year), (1...12).contains(month),
      (1...LedgerDate.daysIn(month: month, year: year)).contains(day)
    else { return nil }
    let days = LedgerDate.dayNumber(year: year, month: month, day: day)
    ordinal = Int32(days * 2 + (isClosing ? 1 : 0))
  }

  /// Parses `YYYY-MM-DD` or `CYYYY-MM-DD`.
  public init?(_ text: String) {
    var bytes = Array(text.utf8)
    let count = bytes.count
    guard
      let date = bytes.withUnsafeMutableBufferPointer({
        LedgerDate.parse(UnsafeBufferPointer($0), from: 0, to: count)
      })
    else { return nil }
    self = date
  }

  @inlinable public var isClosing: Bool { ordinal & 1 == 1 }
  /// Days since 0001-01-01.
  @inlinable public var dayNumber: Int { Int(ordinal >> 1) }
  /// The normal (non-closing) date of the same day.
  public var normalDate: LedgerDate { LedgerDate(ordinal: ordinal & ~1) }
  /// The closing date of the same day.
  public var closingDate: LedgerDate { LedgerDate(ordinal: ordinal | 1) }

  @inlinable public static func < (lhs: LedgerDate, rhs: LedgerDate) -> Bool {
    lhs.ordinal < rhs.ordinal
  }

  /// The date `days` calendar days later (closing flag dropped).
  public func adding(days: Int) -> LedgerDate {
    LedgerDate(ordinal: Int32((dayNumber + days) * 2))
  }

  public var components: (year: Int, month: Int, day: Int) {
    LedgerDate.civil(fromDayNumber: dayNumber)
  }

  /// `YYYY-MM-DD`, or `CYYYY-MM-DD` for a closing date.
  public var text: String {
    let (year, month, day) = components
    func pad(_ value: Int, _ width: Int) -> String {
      let digits = String(value)
      return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
    return (isClosing ? "C" : "") + pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
  }

  /// Parses a date from `bytes[start..<end]` without allocating.
  @inlinable
  public static func parse(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> LedgerDate? {
    var index = start
    var closing = false
    if index < end && (bytes[index] == UInt8(ascii: "C") || bytes[index] == UInt8(ascii: "c")) {
      closing = true
      index += 1
    }
    guard end - index == 10, bytes[index + 4] == UInt8(ascii: "-"), bytes[index + 7] == UInt8(ascii: "-")
    else { return nil }
    func digits(_ from: Int, _ count: Int) -> Int? {
      var value = 0
      for offset in 0..<count {
        let digit = bytes[from + offset] &- 48
        if digit > 9 { return nil }
        value = value * 10 + Int(digit)
      }
      return value
    }
    guard let year = digits(index, 4), let month = digits(index + 5, 2), let day = digits(index + 8, 2)
    else { return nil }
    return LedgerDate(year: year, month: month, day: day, isClosing: closing)
  }

  static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

  static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return isLeap(year) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  /// Days from 0001-01-01 (proleptic Gregorian), after Howard Hinnant's days_from_civil.
  static func dayNumber(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = y / 400
    let yearOfEra = y - era * 400
    let monthIndex = (month + 9) % 12
    let dayOfYear = (153 * monthIndex + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 306  // 306: 0000-03-01 to 0001-01-01
  }

  static func civil(fromDayNumber number: Int) -> (year: Int, month: Int, day: Int) {
    let z = number + 306
    let era = z / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthIndex = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
    let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    return (year, month, day)
  }
}

extension LedgerDate: CustomStringConvertible {
  public var description: String { text }
}
