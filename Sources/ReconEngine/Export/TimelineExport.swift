// The timeline as export tables: the same values for `reconbench timeline`, the workbench's
// chart screen and the evidence pack.

extension Timeline {
  public static let header = [
    "Account Type", "Period Start", "Period End", "Difference", "Cumulative Difference", "Causes",
  ]
  public static let firstDatesHeader = ["Account Type", "First Non-Zero", "Stable Since", "Difference"]

  /// One line per field and period, fields in matrix order, periods in date order.
  public func table(decimals: Int) -> ExportTable {
    var rows: [[ExportTable.Cell]] = []
    for (index, field) in Timeline.fields.enumerated() {
      for position in periods.indices {
        rows.append(row(field: field, index: index, period: position, decimals: decimals))
      }
    }
    return ExportTable(title: "Timeline", header: Timeline.header, rows: rows)
  }

  /// One field's periods (the workbench's chart of a cell).
  public func table(of field: ReconciliationField, decimals: Int) -> ExportTable {
    guard let index = Timeline.fields.firstIndex(of: field) else {
      return ExportTable(title: "Timeline", header: Timeline.header, rows: [])
    }
    return ExportTable(
      title: "Timeline of \(field.caption)", header: Timeline.header,
      rows: periods.indices.map { row(field: field, index: index, period: $0, decimals: decimals) })
  }

  private func row(field: ReconciliationField, index: Int, period: Int, decimals: Int) -> [ExportTable.Cell] {
    let cell = cells[period][index]
    return [
      .text(field.caption), .text(periods[period].start.text), .text(periods[period].end.text),
      .amount(cell.difference, decimals: decimals), .amount(cell.cumulative, decimals: decimals),
      .text(Timeline.causesText(cell.causes, decimals: decimals)),
    ]
  }

  /// `Unposted cost -9316.33; Direct posting 1250.00`.
  public static func causesText(_ causes: [Cause], decimals: Int) -> String {
    causes.map { "\($0.cause.rawValue) \($0.amount.plain(decimals: decimals))" }.joined(separator: "; ")
  }

  public func firstDatesTable(decimals: Int) -> ExportTable {
    ExportTable(
      title: "First dates", header: Timeline.firstDatesHeader,
      rows: firstDates.map { dates in
        [
          .text(dates.field.caption), .text(dates.firstNonZero?.text ?? ""),
          .text(dates.stableSince?.text ?? ""),
          .amount(dates.difference, decimals: decimals),
        ]
      })
  }
}
