import ReconEngine

/// `t` on a matrix cell: the timeline of its field's Difference as a bar chart — one line per
/// period with its Difference as a bar (negatives to the left of the axis, positives to the
/// right), a dot where the cumulative Difference stands, the amounts, the causes; the first
/// dates in the title. `Enter` on a period opens the matrix filtered to it; `E` exports the
/// timeline's CSV (as `reconbench timeline`, the field's lines).
enum TimelineScreen {
  static func open(_ state: inout AppState) {
    guard state.stack.isEmpty else {
      return state.say("t shows a matrix cell's timeline; go back to the matrix first")
    }
    guard !state.filters.hidesGLSide else {
      return state.say("A timeline needs the G/L side: clear the item and location filters", error: true)
    }
    let (row, column) = state.currentCell
    guard let field = row.field ?? column.field, Timeline.fields.contains(field) else {
      return state.say("This cell has no Difference with a G/L side to follow over time")
    }
    let timeline: Timeline
    do {
      timeline = try Timeline(state.ledger, .init(dates: state.filters.dates))
    } catch {
      return state.say(error.description, error: true)
    }
    guard !timeline.periods.isEmpty else { return state.say("No entries in these dates: no periods to show") }
    let decimals = state.ledger.amountDecimals
    let export = timeline.table(of: field, decimals: decimals)
    // The chart takes what the period, the two amounts and a start of the causes leave.
    let chartWidth = max(12, min(48, state.width - 80))
    let chart = Chart(timeline, field, width: chartWidth, ascii: state.asciiOnly)
    let index = Timeline.fields.firstIndex(of: field) ?? 0
    let rows: [[ExportTable.Cell]] = timeline.periods.indices.map { position in
      let cell = timeline.cells[position][index]
      return [
        .text(label(timeline.periods[position])), .amount(cell.difference, decimals: decimals),
        .text(chart.line(cell.difference, cumulative: cell.cumulative)),
        .amount(cell.cumulative, decimals: decimals),
        .text(Timeline.causesText(cell.causes, decimals: decimals)),
      ]
    }
    let table = ExportTable(
      title: export.title, header: ["Period", "Difference", chart.header, "Cumulative Difference", "Causes"],
      rows: rows)
    let dates = timeline.firstDates.first { $0.field == field }
    var title = "Timeline of \(field.caption)"
    if let first = dates?.firstNonZero {
      title +=
        ": not zero since \(first.text), " + (dates?.stableSince.map { "as now since \($0.text)" } ?? "")
    } else {
      title += ": always zero"
    }
    var list = ListView(
      title: title, source: .table(table, refs: timeline.periods.map { .period($0.range) }),
      exportName: "timeline-" + field.caption.lowercased().filter { $0.isLetter || $0.isNumber } + ".csv")
    list.exportTable = export
    // The chart keeps its width (a column sized by hand is never cut to fit).
    list.widthChanges[2] = 0
    // Land on the period where the difference opened.
    if let first = dates?.firstNonZero,
      let position = timeline.periods.firstIndex(where: { $0.range.contains(first) })
    {
      list.selected = position
    }
    state.stack.append(.list(list))
    Layout.keepSelectionVisible(&state)
    state.say("Enter opens the matrix for a period; E exports the timeline")
  }

  static func label(_ period: Timeline.Period) -> String {
    period.start == period.end ? period.start.text : "\(period.start.text)..\(period.end.text)"
  }

  /// The bars, on one scale for the whole timeline: the largest Difference or cumulative
  /// Difference takes a half of the chart.
  struct Chart {
    let half: Int
    let scale: Int64
    let block: Character
    let dot: Character
    let axis: Character

    init(_ timeline: Timeline, _ field: ReconciliationField, width: Int, ascii: Bool) {
      half = max(5, width / 2)
      let index = Timeline.fields.firstIndex(of: field) ?? 0
      var largest: Int64 = 0
      for row in timeline.cells {
        largest = max(
          largest, row[index].difference.units.magnitudeClamped, row[index].cumulative.units.magnitudeClamped)
      }
      scale = max(1, largest)
      block = ascii ? "#" : "█"
      dot = ascii ? "o" : "●"
      axis = ascii ? "|" : "│"
    }

    var header: String {
      String(repeating: " ", count: half - 1) + "− 0 +" + String(repeating: " ", count: half - 4)
    }

    /// Cells from the value's side of the axis: how many are filled.
    func length(_ units: Int64) -> Int {
      if units == 0 { return 0 }
      // Rounded up in integers (no binary floating point near money): ⌈|units| · half / scale⌉.
      let product = Int128(units.magnitudeClamped) * Int128(half)
      let cells = Int((product + Int128(scale) - 1) / Int128(scale))
      return min(half, max(1, cells))
    }

    func line(_ difference: ExactDecimal, cumulative: ExactDecimal) -> String {
      var left = [Character](repeating: " ", count: half)
      var right = [Character](repeating: " ", count: half)
      let bar = length(difference.units)
      if difference.isNegative {
        for index in (half - bar)..<half { left[index] = block }
      } else {
        for index in 0..<bar { right[index] = block }
      }
      let mark = length(cumulative.units)
      if mark > 0 {
        if cumulative.isNegative { left[half - mark] = dot } else { right[mark - 1] = dot }
      }
      return String(left) + String(axis) + String(right)
    }
  }
}

extension Int64 {
  /// |x|, with Int64.min taken as Int64.max (no trap).
  fileprivate var magnitudeClamped: Int64 { self == .min ? .max : Swift.abs(self) }
}
