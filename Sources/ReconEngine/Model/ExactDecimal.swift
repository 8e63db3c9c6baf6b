/// An exact decimal with five fractional digits, stored as an `Int64` count of 0.00001 units.
///
/// Amounts (at most `amountDecimals` decimals), quantities and unit costs (at most five) all fit
/// this one scale, so sums across kinds need no rescaling. A fixed-point integer keeps the
/// in-memory ledger compact (8 bytes a value) and every sum exact; binary floating point never
/// touches a value. Arithmetic that could leave the range is checked and reported, never wrapped.
public struct ExactDecimal: Hashable, Comparable, Sendable {
  /// Number of fractional digits held exactly.
  public static let scale = 5
  /// 10^scale: the number of units in 1.
  public static let unitsPerOne: Int64 = 100_000
  /// Largest magnitude a single stored value may have: 10^13 (ten trillion). Keeping single
  /// values far below `Int64.max` (about 9.2 × 10^13 in whole units) leaves headroom for sums;
  /// sums beyond the range are still detected by `adding(_:)` and `ExactSum`.
  public static let maxMagnitudeUnits: Int64 = 1_000_000_000_000_000_000

  public var units: Int64

  @inlinable public init(units: Int64) { self.units = units }

  public static let zero = ExactDecimal(units: 0)

  /// A whole number, for code and tests. Traps only on a programming error (out of range literal).
  public init(_ whole: Int) {
    self.units = Int64(whole) * Self.unitsPerOne
  }

  @inlinable public var isZero: Bool { units == 0 }
  @inlinable public var isNegative: Bool { units < 0 }

  @inlinable public static func < (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool {
    lhs.units < rhs.units
  }

  /// Checked sum: nil when the result leaves the representable range.
  @inlinable public func adding(_ other: ExactDecimal) -> ExactDecimal? {
    let (result, overflow) = units.addingReportingOverflow(other.units)
    return overflow ? nil : ExactDecimal(units: result)
  }

  /// Checked difference: nil when the result leaves the representable range.
  @inlinable public func subtracting(_ other: ExactDecimal) -> ExactDecimal? {
    let (result, overflow) = units.subtractingReportingOverflow(other.units)
    return overflow ? nil : ExactDecimal(units: result)
  }

  /// Checked negation (`Int64.min` has no positive twin).
  @inlinable public var negated: ExactDecimal? {
    units == .min ? nil : ExactDecimal(units: -units)
  }

  /// The number of fractional digits actually needed to write this value (0...5).
  public var significantDecimals: Int {
    var digits = Self.scale
    var rest = units
    while digits > 0 && rest % 10 == 0 {
      rest /= 10
      digits -= 1
    }
    return digits
  }

  /// True when the value can be written with at most `decimals` fractional digits.
  @inlinable public func fits(decimals: Int) -> Bool {
    guard decimals < Self.scale else { return true }
    return units % Self.powersOfTen[Self.scale - decimals] == 0
  }

  @usableFromInline static let powersOfTen: [Int64] = [1, 10, 100, 1_000, 10_000, 100_000]
}

/// An overflow-checked running total. Adding never traps: the first overflow is remembered and
/// `value` then throws, so a loop over a million entries pays one branch per addition.
public struct ExactSum: Sendable {
  public private(set) var units: Int64 = 0
  public private(set) var overflowed = false

  public init() {}

  public mutating func add(_ value: ExactDecimal) {
    let (result, overflow) = units.addingReportingOverflow(value.units)
    units = result
    if overflow { overflowed = true }
  }

  public mutating func subtract(_ value: ExactDecimal) {
    let (result, overflow) = units.subtractingReportingOverflow(value.units)
    units = result
    if overflow { overflowed = true }
  }

  /// The exact total, or `ExactDecimalError.overflow` if any step left the range.
  public func value() throws(ExactDecimalError) -> ExactDecimal {
    if overflowed { throw .overflow }
    return ExactDecimal(units: units)
  }
}

public enum ExactDecimalError: Error, Equatable, Sendable, CustomStringConvertible {
  case overflow
  case invalidSyntax
  case tooManyDecimals(allowed: Int)
  case tooLarge

  public var description: String {
    switch self {
    case .overflow: return "sum exceeds the exact decimal range (±92,233,720,368,547.75807)"
    case .invalidSyntax: return "not a decimal number"
    case .tooManyDecimals(let allowed): return "more than \(allowed) decimals"
    case .tooLarge: return "magnitude exceeds 10,000,000,000,000"
    }
  }
}
