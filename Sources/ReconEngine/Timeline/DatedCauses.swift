/// The explanation's causes by posting date: `ExplanationBuilder` run once over all dates with
/// every contribution kept under the date that puts it inside a date filter (the value entry's
/// or the G/L entry's). The causes of a date range are then the sums over its dates — what an
/// explanation of that range alone finds, as the timeline tests check.
struct DatedCauses {
  /// Per (field, cause): the dates in order and the running sum after each.
  private var series: [Key: (ordinals: [Int32], prefix: [Int64])] = [:]
  struct Key: Hashable {
    var field: Int
    var cause: Explanation.Cause
  }

  init(_ ledger: Ledger, parallelFrom: Int = ExplanationBuilder.parallelThreshold) throws(ReconciliationError)
  {
    var builder = ExplanationBuilder(ledger: ledger, filters: ReconciliationFilters())
    builder.dated = [:]
    builder.valueEntrySide(parallelFrom: parallelFrom)
    builder.glSide()
    if builder.overflowed { throw .overflow }
    var grouped: [Key: [(Int32, Int64)]] = [:]
    for (key, units) in builder.dated ?? [:] where units != 0 {
      grouped[Key(field: key.field, cause: key.cause), default: []].append((key.ordinal, units))
    }
    for (key, values) in grouped {
      let sorted = values.sorted { $0.0 < $1.0 }
      var prefix: [Int64] = [0]
      prefix.reserveCapacity(sorted.count + 1)
      for (_, units) in sorted { prefix.append((prefix.last ?? 0) &+ units) }
      series[key] = (sorted.map(\.0), prefix)
    }
  }

  /// The causes of `field`'s Difference over `range`, in `Explanation.Cause` order; what no
  /// cause accounts for is `Unexplained` (a defect, as in `explain`).
  func causes(_ field: ReconciliationField, in range: DateRange, difference: ExactDecimal) -> [Timeline.Cause]
  {
    var result: [Timeline.Cause] = []
    var total: Int64 = 0
    for cause in Explanation.Cause.allCases where cause != .unexplained {
      guard let (ordinals, prefix) = series[Key(field: field.rawValue, cause: cause)] else { continue }
      func count(upTo ordinal: Int32) -> Int { DatedDifferences.count(ordinals, upTo: ordinal) }
      let upper = count(upTo: range.upperOrdinal)
      let lower = range.start == nil ? 0 : count(upTo: range.lowerOrdinal - 1)
      let units = prefix[upper] &- prefix[lower]
      guard units != 0 else { continue }
      total &+= units
      result.append(Timeline.Cause(cause: cause, amount: ExactDecimal(units: units)))
    }
    let rest = difference.units &- total
    if rest != 0 { result.append(Timeline.Cause(cause: .unexplained, amount: ExactDecimal(units: rest))) }
    return result
  }
}
