/// An exact rational number for the WIP calculation: `jobs-wip.md` §5.9 evaluates the products
/// and quotients of codeunit 1000 exactly and rounds only where BC calls `Round`. Kept reduced,
/// over 128-bit integers; an operation that would overflow gives `.overflow`, which every later
/// operation keeps, so the calculation can refuse the job instead of trapping.
public struct Fraction: Hashable, Sendable, CustomStringConvertible {
  public private(set) var numerator: Int128
  /// Positive; 0 marks an overflowed value.
  public private(set) var denominator: Int128

  public static let zero = Fraction(numerator: 0, denominator: 1)
  public static let overflow = Fraction(numerator: 0, denominator: 0)

  private init(numerator: Int128, denominator: Int128) {
    self.numerator = numerator
    self.denominator = denominator
  }

  public init(_ value: ExactDecimal) {
    self = Fraction.make(Int128(value.units), Int128(ExactDecimal.unitsPerOne))
  }

  /// A sum of amount units (10^−5), as the task totals are added up in 128 bits.
  public init(units: Int128) { self = Fraction.make(units, Int128(ExactDecimal.unitsPerOne)) }

  public init(_ whole: Int) { self = Fraction(numerator: Int128(whole), denominator: 1) }

  public var isOverflow: Bool { denominator == 0 }
  public var isZero: Bool { numerator == 0 && denominator != 0 }
  public var signum: Int { numerator > 0 ? 1 : (numerator < 0 ? -1 : 0) }

  private static func gcd(_ a: Int128, _ b: Int128) -> Int128 {
    var x = a.magnitude
    var y = b.magnitude
    // 64-bit division is several times faster than 128-bit, and amounts almost always fit.
    if x <= UInt128(UInt64.max) && y <= UInt128(UInt64.max) {
      var p = UInt64(x), q = UInt64(y)
      while q != 0 { (p, q) = (q, p % q) }
      return Int128(p)
    }
    while y != 0 { (x, y) = (y, x % y) }
    return Int128(x)
  }

  private static func make(_ numerator: Int128, _ denominator: Int128) -> Fraction {
    guard denominator != 0 else { return .overflow }
    var n = numerator
    var d = denominator
    if d < 0 {
      guard n != .min, d != .min else { return .overflow }
      n = -n
      d = -d
    }
    let divisor = gcd(n, d)
    if divisor > 1 {
      n /= divisor
      d /= divisor
    }
    return Fraction(numerator: n, denominator: d)
  }

  private static func multiply(_ a: Int128, _ b: Int128) -> Int128? {
    let (value, overflow) = a.multipliedReportingOverflow(by: b)
    return overflow ? nil : value
  }

  public static func + (lhs: Fraction, rhs: Fraction) -> Fraction {
    guard !lhs.isOverflow, !rhs.isOverflow else { return .overflow }
    if lhs.denominator == rhs.denominator {
      let (sum, overflow) = lhs.numerator.addingReportingOverflow(rhs.numerator)
      return overflow ? .overflow : make(sum, lhs.denominator)
    }
    let divisor = gcd(lhs.denominator, rhs.denominator)
    let left = lhs.denominator / divisor
    let right = rhs.denominator / divisor
    guard let a = multiply(lhs.numerator, right), let b = multiply(rhs.numerator, left),
      let d = multiply(lhs.denominator, right)
    else { return .overflow }
    let (sum, overflow) = a.addingReportingOverflow(b)
    return overflow ? .overflow : make(sum, d)
  }

  public static prefix func - (value: Fraction) -> Fraction {
    guard !value.isOverflow, value.numerator != .min else { return .overflow }
    return Fraction(numerator: -value.numerator, denominator: value.denominator)
  }

  public static func - (lhs: Fraction, rhs: Fraction) -> Fraction { lhs + (-rhs) }

  public static func * (lhs: Fraction, rhs: Fraction) -> Fraction {
    guard !lhs.isOverflow, !rhs.isOverflow else { return .overflow }
    // Cross-reduce first so that the products stay small.
    let g1 = gcd(lhs.numerator, rhs.denominator)
    let g2 = gcd(rhs.numerator, lhs.denominator)
    let a = g1 > 1 ? lhs.numerator / g1 : lhs.numerator
    let d2 = g1 > 1 ? rhs.denominator / g1 : rhs.denominator
    let b = g2 > 1 ? rhs.numerator / g2 : rhs.numerator
    let d1 = g2 > 1 ? lhs.denominator / g2 : lhs.denominator
    guard let n = multiply(a, b), let d = multiply(d1, d2) else { return .overflow }
    return make(n, d)
  }

  /// Division; callers test the divisor for zero first, as codeunit 1000 does.
  public static func / (lhs: Fraction, rhs: Fraction) -> Fraction {
    guard !rhs.isOverflow, rhs.numerator != 0 else { return .overflow }
    return lhs * Fraction(numerator: rhs.denominator, denominator: rhs.numerator).normalizedSign
  }

  private var normalizedSign: Fraction { Fraction.make(numerator, denominator) }

  public static func < (lhs: Fraction, rhs: Fraction) -> Bool { (lhs - rhs).signum < 0 }
  public static func > (lhs: Fraction, rhs: Fraction) -> Bool { (lhs - rhs).signum > 0 }
  public static func <= (lhs: Fraction, rhs: Fraction) -> Bool { !(lhs > rhs) }
  public static func >= (lhs: Fraction, rhs: Fraction) -> Bool { !(lhs < rhs) }

  public var magnitude: Fraction { signum < 0 ? -self : self }

  /// BC's `Round(x)` to 10^−decimals, half away from zero; nil when the value overflowed or
  /// does not fit an amount.
  public func rounded(decimals: Int) -> ExactDecimal? {
    guard !isOverflow else { return nil }
    var scale: Int128 = 1
    for _ in 0..<decimals { scale *= 10 }
    guard let scaled = Fraction.multiply(numerator, scale) else { return nil }
    let magnitude = scaled.magnitude
    let d = denominator.magnitude
    var whole = magnitude / d
    if (magnitude % d) * 2 >= d { whole += 1 }
    let unitsPerStep = Int128(ExactDecimal.unitsPerOne) / scale
    guard let exact = Int128(exactly: whole), let units = Fraction.multiply(exact, unitsPerStep) else {
      return nil
    }
    let signed = scaled < 0 ? -units : units
    guard signed.magnitude <= UInt128(ExactDecimal.maxMagnitudeUnits) else { return nil }
    return ExactDecimal(units: Int64(signed))
  }

  /// The value to five decimals (display only: the amount of an unrounded recognized amount).
  public var description: String {
    if isOverflow { return "overflow" }
    return rounded(decimals: ExactDecimal.scale).map { "\($0)" } ?? "overflow"
  }
}
