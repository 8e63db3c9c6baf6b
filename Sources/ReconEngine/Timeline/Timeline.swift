/// When each difference opened: per period of a range, the Difference of every field with a G/L
/// side in that period alone (`matrix --date start..end`), the cumulative Difference up to the
/// period's end (`matrix --date ..end`) and the explanation's causes of the period's movement;
/// and per field the first date its cumulative Difference was not zero and the first date from
/// which it stayed what it is at the end of the range, to the day.
public struct Timeline: Sendable {
  public enum Granularity: String, CaseIterable, Sendable {
    case month, week, day
  }

  public struct Options: Sendable, Equatable {
    /// nil: the snapshot's accounting periods (calendar months where it has none).
    public var by: Granularity?
    public var dates: DateRange
    public init(by: Granularity? = nil, dates: DateRange = .all) {
      self.by = by
      self.dates = dates
    }
  }

  /// One period: both ends set. The closing date of a period's last day falls outside the period
  /// (`..end` leaves it out), so when it holds entries it is a period of its own (start = end =
  /// C-date) right after it: the periods together hold every entry of the range.
  public struct Period: Equatable, Sendable {
    public var range: DateRange
    public var start: LedgerDate { range.start ?? LedgerTable.noDate }
    public var end: LedgerDate { range.end ?? LedgerTable.noDate }
  }

  public struct Cell: Equatable, Sendable {
    public var difference: ExactDecimal
    public var cumulative: ExactDecimal
    /// The causes of the period's Difference and their amounts, in `Explanation.Cause` order.
    public var causes: [Cause]
  }

  public struct Cause: Equatable, Sendable {
    public var cause: Explanation.Cause
    public var amount: ExactDecimal
  }

  public struct FirstDates: Equatable, Sendable {
    public var field: ReconciliationField
    /// The first date on which the cumulative Difference was not zero; nil: never.
    public var firstNonZero: LedgerDate?
    /// The first date from which the cumulative Difference stayed what it is at the end;
    /// nil when it was never anything but zero.
    public var stableSince: LedgerDate?
    /// The cumulative Difference at the end of the range.
    public var difference: ExactDecimal
  }

  /// The fields with a G/L side: the three balance-sheet columns and the P&L rows 3–14.
  public static let fields = Explanation.fields

  public let options: Options
  public let periods: [Period]
  /// `cells[period][field]`, fields in `Timeline.fields` order.
  public let cells: [[Cell]]
  public let firstDates: [FirstDates]

  public init(_ ledger: Ledger, _ options: Options, causes: Bool = true) throws(ReconciliationError) {
    self.options = options
    let differences = DatedDifferences(ledger)
    if differences.overflowed { throw .overflow }
    let periods = Timeline.periods(ledger, options, differences.ordinals)
    self.periods = periods
    var cells: [[Cell]] = []
    // The causes: one explanation over all dates that keeps each contribution under its date,
    // summed per period (the same sums as an explanation of each period, without one per period).
    let dated = causes ? try DatedCauses(ledger) : nil
    for period in periods {
      var row = Timeline.fields.map { field in
        Cell(
          difference: ExactDecimal(units: differences.difference(field, in: period.range)),
          cumulative: ExactDecimal(units: differences.cumulative(field, upTo: period.range.upperOrdinal)),
          causes: [])
      }
      if let dated {
        for (index, field) in Timeline.fields.enumerated() {
          row[index].causes = dated.causes(field, in: period.range, difference: row[index].difference)
        }
      }
      cells.append(row)
    }
    self.cells = cells
    let upper = options.dates.upperOrdinal
    firstDates = Timeline.fields.map { field in
      Timeline.firstDates(field, differences.cumulativeByDate(field).filter { $0.ordinal <= upper })
    }
  }

  static func firstDates(_ field: ReconciliationField, _ steps: [(ordinal: Int32, units: Int64)])
    -> FirstDates
  {
    let final = steps.last?.units ?? 0
    let firstNonZero = steps.first { $0.units != 0 }.map { LedgerDate(ordinal: $0.ordinal) }
    var stable: LedgerDate?
    if let last = steps.lastIndex(where: { $0.units != final }) {
      stable = LedgerDate(ordinal: steps[last + 1].ordinal)
    } else if final != 0, let first = steps.first {
      stable = LedgerDate(ordinal: first.ordinal)
    }
    if final == 0 && firstNonZero == nil { stable = nil }
    return FirstDates(
      field: field, firstNonZero: firstNonZero, stableSince: stable, difference: ExactDecimal(units: final))
  }

  // MARK: Periods

  /// The periods of the range: whole periods from the one holding the first entry to the one
  /// holding the last, or cut to the range where it sets an end; closing dates with entries as
  /// periods of their own right after the period of their day.
  static func periods(_ ledger: Ledger, _ options: Options, _ ordinals: [Int32]) -> [Period] {
    let range = options.dates
    let inRange = ordinals.filter { $0 >= range.lowerOrdinal && $0 <= range.upperOrdinal }
    guard let firstEntry = inRange.first, let lastEntry = inRange.last else { return [] }
    let starts = ledger.accountingPeriods.ordinals(Columns.accountingPeriod.startingDate).map {
      LedgerDate(ordinal: $0).normalDate
    }.sorted()
    let byAccountingPeriods = options.by == nil && !starts.isEmpty
    let firstDay = LedgerDate(ordinal: firstEntry).normalDate
    var first =
      range.start?.normalDate ?? periodStart(of: firstDay, options.by, byAccountingPeriods ? starts : [])
    let last = range.end?.normalDate ?? LedgerDate(ordinal: lastEntry).normalDate
    guard first <= last else { return [] }
    let inRangeSet = Set(inRange)
    var periods: [Period] = []
    // A range that starts on a closing date: that date first, then the days after it.
    if let start = range.start, start.isClosing {
      if inRangeSet.contains(start.ordinal) {
        periods.append(Period(range: DateRange(start: start, end: start)))
      }
      first = start.normalDate.adding(days: 1)
    }
    var cursor = first
    while cursor <= last {
      var end: LedgerDate
      switch options.by {
      case .day: end = cursor
      case .week: end = cursor.adding(days: 6 - cursor.dayNumber % 7)  // day 0 (0001-01-01) is a Monday
      case .month, nil:
        end = cursor.lastDayOfMonth
        if byAccountingPeriods, let next = starts.first(where: { $0 > cursor }) {
          end = cursor >= (starts.first ?? cursor) ? next.adding(days: -1) : min(end, next.adding(days: -1))
        }
      }
      if let clip = range.end?.normalDate, end > clip { end = clip }
      periods.append(Period(range: DateRange(start: cursor, end: end)))
      let closing = LedgerDate(ordinal: end.ordinal | 1)
      if inRangeSet.contains(closing.ordinal) {
        periods.append(Period(range: DateRange(start: closing, end: closing)))
      }
      cursor = end.adding(days: 1)
    }
    return periods
  }

  /// The first day of the period holding `day`.
  static func periodStart(of day: LedgerDate, _ by: Granularity?, _ accountingStarts: [LedgerDate])
    -> LedgerDate
  {
    switch by {
    case .day: return day
    case .week: return day.adding(days: -(day.dayNumber % 7))
    case .month, nil:
      let (year, month, _) = day.components
      let monthStart = LedgerDate(year: year, month: month, day: 1) ?? day
      // Inside the accounting periods: the period's start; past the last one, calendar months.
      if let start = accountingStarts.last(where: { $0 <= day }) {
        return accountingStarts.contains(where: { $0 > day }) ? start : max(start, monthStart)
      }
      return monthStart
    }
  }
}
