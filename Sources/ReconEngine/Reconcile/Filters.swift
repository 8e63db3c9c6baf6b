import Foundation

/// A posting date filter in BC syntax: `2020-01-01..2020-01-31`, `..2020-01-14`, `2020-02-01..`,
/// or one date. Bounds are inclusive and compare the way BC compares dates: a closing date `CD`
/// sorts after `D` and before the next day, so `..D`, `A..D` and `D` leave `CD` out while
/// `..CD`, `A..CD`, `CD` and a range starting at `D` take it in. BC never widens a filter on its
/// own: codeunit 5845 "Get Inventory Report" passes the filter text unchanged to the value
/// entries' Posting Date and to the G/L accounts' Date Filter (InsertGLInvtReportEntry).
public struct DateRange: Equatable, Sendable, CustomStringConvertible {
  public var start: LedgerDate?
  public var end: LedgerDate?

  public init(start: LedgerDate? = nil, end: LedgerDate? = nil) {
    self.start = start
    self.end = end
  }

  /// Everything.
  public static let all = DateRange()

  public var isAll: Bool { start == nil && end == nil }

  /// The range, or nil when `DateRange.parse` refuses the text (which says why).
  public init?(parsing text: String) {
    guard case .success(let range) = DateRange.parse(text) else { return nil }
    self = range
  }

  /// The smallest ordinal inside the range.
  var lowerOrdinal: Int32 { start?.ordinal ?? Int32.min }
  /// The largest ordinal inside the range: the end date itself (a normal end date excludes
  /// that day's closing date).
  var upperOrdinal: Int32 { end?.ordinal ?? Int32.max }

  @inline(__always) public func contains(_ date: LedgerDate) -> Bool {
    date.ordinal >= lowerOrdinal && date.ordinal <= upperOrdinal
  }

  public var description: String {
    switch (start, end) {
    case (nil, nil): return ""
    case (let start?, let end?) where start == end: return start.text
    default: return (start?.text ?? "") + ".." + (end?.text ?? "")
    }
  }
}

/// A code filter in BC syntax: `1000`, `1000|1100`, `1000..1999`, `10*`, `<>1000`, `>=2000`,
/// `''` for the blank code, terms joined by `|` (or) and `&` (and). Codes compare exactly as
/// written, ranges by their UTF-8 bytes.
public struct CodeFilter: Equatable, Sendable, CustomStringConvertible {
  indirect enum Term: Equatable, Sendable {
    case equal(String)
    case notEqual(String)
    case range(String?, String?)
    case less(String, orEqual: Bool)
    case greater(String, orEqual: Bool)
    case pattern(String)
    case not(Term)
  }

  /// Alternatives (`|`), each a conjunction (`&`) of terms.
  let alternatives: [[Term]]
  public let text: String

  /// The filter, or nil when `CodeFilter.parse` refuses the text (which says why).
  public init?(parsing text: String) {
    guard case .success(let filter) = CodeFilter.parse(text) else { return nil }
    self = filter
  }

  /// Builds the terms of a text `parse` has checked.
  init?(validated text: String) {
    let trimmed = text.trimmingSpaces
    guard !trimmed.isEmpty else { return nil }
    var alternatives: [[Term]] = []
    for alternative in trimmed.split(separator: "|", omittingEmptySubsequences: false) {
      var terms: [Term] = []
      for part in alternative.split(separator: "&", omittingEmptySubsequences: false) {
        guard let term = CodeFilter.term(String(part).trimmingSpaces) else { return nil }
        terms.append(term)
      }
      alternatives.append(terms)
    }
    self.alternatives = alternatives
    self.text = trimmed
  }

  private static func term(_ text: String) -> Term? {
    if text == "''" { return .equal("") }
    if text.hasPrefix("<>") {
      let rest = unquote(String(text.dropFirst(2)))
      if rest.contains("*") || rest.contains("?") { return .not(.pattern(rest)) }
      return .notEqual(rest)
    }
    if text.hasPrefix("<=") { return .less(unquote(String(text.dropFirst(2))), orEqual: true) }
    if text.hasPrefix(">=") { return .greater(unquote(String(text.dropFirst(2))), orEqual: true) }
    if text.hasPrefix("<") { return .less(unquote(String(text.dropFirst())), orEqual: false) }
    if text.hasPrefix(">") { return .greater(unquote(String(text.dropFirst())), orEqual: false) }
    if let range = text.range(of: "..") {
      let low = unquote(String(text[..<range.lowerBound]).trimmingSpaces)
      let high = unquote(String(text[range.upperBound...]).trimmingSpaces)
      if low.isEmpty && high.isEmpty { return nil }
      return .range(low.isEmpty ? nil : low, high.isEmpty ? nil : high)
    }
    let value = unquote(text)
    if value.contains("*") || value.contains("?") { return .pattern(value) }
    return .equal(value)
  }

  private static func unquote(_ text: String) -> String {
    if text.count >= 2 && text.hasPrefix("'") && text.hasSuffix("'") {
      return String(text.dropFirst().dropLast())
    }
    return text
  }

  public func matches(_ code: String) -> Bool {
    alternatives.contains { terms in terms.allSatisfy { CodeFilter.matches($0, code) } }
  }

  private static func matches(_ term: Term, _ code: String) -> Bool {
    switch term {
    case .equal(let value): return code == value
    case .notEqual(let value): return code != value
    case .range(let low, let high):
      if let low, precedes(code, low) { return false }
      if let high, precedes(high, code) { return false }
      return true
    case .less(let value, let orEqual): return precedes(code, value) || (orEqual && code == value)
    case .greater(let value, let orEqual): return precedes(value, code) || (orEqual && code == value)
    case .pattern(let pattern): return wildcard(Array(pattern.unicodeScalars), Array(code.unicodeScalars))
    case .not(let inner): return !matches(inner, code)
    }
  }

  private static func precedes(_ a: String, _ b: String) -> Bool {
    a.utf8.lexicographicallyPrecedes(b.utf8)
  }

  /// `*` matches any run, `?` any one character.
  private static func wildcard(_ pattern: [Unicode.Scalar], _ text: [Unicode.Scalar]) -> Bool {
    var p = 0
    var t = 0
    var star = -1
    var mark = 0
    while t < text.count {
      if p < pattern.count && (pattern[p] == "?" || pattern[p] == text[t]) {
        p += 1
        t += 1
      } else if p < pattern.count && pattern[p] == "*" {
        star = p
        mark = t
        p += 1
      } else if star >= 0 {
        p = star + 1
        mark += 1
        t = mark
      } else {
        return false
      }
    }
    while p < pattern.count && pattern[p] == "*" { p += 1 }
    return p == pattern.count
  }

  public var description: String { text }
}

/// The Inventory – G/L Reconciliation filters (reconciliation.md §3.1).
public struct ReconciliationFilters: Equatable, Sendable {
  public var dates: DateRange
  public var items: CodeFilter?
  public var locations: CodeFilter?
  /// Show Warning; forced off when an item or location filter is set.
  public var warnings: Bool
  /// With an item or location filter, attribute the G/L to items and locations through the
  /// G/L – Item Ledger Relation instead of hiding it (ReconBench's extension; BC hides it).
  public var attributeGL: Bool

  public init(
    dates: DateRange = .all, items: CodeFilter? = nil, locations: CodeFilter? = nil, warnings: Bool = true,
    attributeGL: Bool = false
  ) {
    self.dates = dates
    self.items = items
    self.locations = locations
    self.warnings = warnings
    self.attributeGL = attributeGL
  }

  public var hasItemOrLocationFilter: Bool { items != nil || locations != nil }
  /// An item or location filter hides the G/L side (G/L entries carry neither), unless the
  /// G/L is attributed through the relations.
  public var hidesGLSide: Bool { hasItemOrLocationFilter && !attributeGL }
  /// Whether warnings are computed and shown (BC's warnings are for the whole company).
  public var showsWarnings: Bool { warnings && !hasItemOrLocationFilter }
}

extension String {
  /// Without leading and trailing spaces. On the UTF-8 bytes: walking back over characters
  /// re-checks grapheme boundaries each step, which made 40,000 trailing spaces take seconds.
  public var trimmingSpaces: String {
    let bytes = utf8
    guard let first = bytes.firstIndex(where: { $0 != 0x20 }),
      let last = bytes.lastIndex(where: { $0 != 0x20 })
    else { return "" }
    return String(decoding: bytes[first...last], as: UTF8.self)
  }
}
