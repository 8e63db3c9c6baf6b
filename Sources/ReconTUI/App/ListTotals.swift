import ReconEngine

/// The footer of a list: how many rows its current filter shows and the sum of each amount and
/// quantity column over them — what a controller ties to the matrix figure.
public struct ListTotals: Equatable, Sendable {
  /// One column's sum, and whether it is an amount (shown with the currency's decimals) rather
  /// than a quantity.
  public struct ColumnSum: Equatable, Sendable {
    public var value: ExactDecimal
    public var isAmount: Bool
  }

  public var count: Int
  /// By column index.
  public var sums: [Int: ColumnSum]

  /// The text of a column's sum as the footer shows it.
  /// A zero sum is blank, as zero amounts are.
  func display(_ column: Int, decimals: Int) -> String? {
    guard let sum = sums[column], !sum.value.isZero else { return nil }
    return sum.isAmount ? sum.value.grouped(decimals: decimals) : sum.value.groupedTrimmed()
  }
}

extension ListSource {
  /// The totals over `order`. Entry lists read their columns directly (a million rows in a
  /// few milliseconds); tables add their amount cells, leaving out a report's total lines.
  func totals(order: [Int], _ ledger: Ledger) -> ListTotals {
    var sums: [Int: ListTotals.ColumnSum] = [:]
    func add(_ column: Int, _ units: Int64, isAmount: Bool) {
      let current = sums[column]?.value.units ?? 0
      let (value, overflow) = current.addingReportingOverflow(units)
      sums[column] = .init(value: ExactDecimal(units: overflow ? current : value), isAmount: isAmount)
    }
    switch self {
    case .valueEntries(let rows):
      let ve = Columns.valueEntry
      let table = ledger.valueEntries
      let columns: [(Int, DecimalColumn, Bool)] = [
        (7, ve.valuedQuantity, false), (8, ve.costAmountActual, true), (9, ve.costAmountExpected, true),
        (10, ve.costPostedToGL, true), (11, ve.expectedCostPostedToGL, true),
      ]
      for (index, column, isAmount) in columns {
        let units = table.units(column)
        var total: Int64 = 0
        for position in order { total &+= units[rows[position]] }
        add(index, total, isAmount: isAmount)
      }
    case .glEntries(let rows):
      let units = ledger.glEntries.units(Columns.glEntry.amount)
      var total: Int64 = 0
      for position in order { total &+= units[rows[position]] }
      add(5, total, isAmount: true)
    case .reportLines, .table:
      // A report's own grand total line is what BC prints (rounded as the report rounds): the
      // footer takes its figures when the whole report is shown. Otherwise the lines are added,
      // leaving out total lines and per-unit and running-total columns, which do not add up.
      let header = self.header(ledger)
      let perUnit = header.map {
        $0.contains("per Unit") || $0.contains("Unit Cost") || $0.hasSuffix("Price")
          || $0.hasPrefix("Cumulative")
      }
      var lines = 0
      var grand: [ExportTable.Cell]?
      for index in order {
        let cells = self.cells(index, ledger)
        if Lists.isTotalLine(cells) {
          if cells.first?.plain == "Total" { grand = cells }
          continue
        }
        lines += 1
        for (column, cell) in cells.enumerated() where !(perUnit.indices.contains(column) && perUnit[column])
        {
          switch cell {
          case .amount(let value, _): add(column, value.units, isAmount: true)
          case .quantity(let value): add(column, value.units, isAmount: false)
          default: break
          }
        }
      }
      if let grand, order.count == count {
        for column in Array(sums.keys) {
          switch grand.indices.contains(column) ? grand[column] : .empty {
          case .amount(let value, _): sums[column] = .init(value: value, isAmount: true)
          case .quantity(let value): sums[column] = .init(value: value, isAmount: false)
          default: break
          }
        }
      }
      return ListTotals(count: lines, sums: sums)
    }
    return ListTotals(count: order.count, sums: sums)
  }
}

extension Lists {
  /// Fills in the totals of the list on top when they are not known (a new list, a new order).
  static func ensureTotals(_ state: inout AppState) {
    guard let list = current(state), list.totals == nil else { return }
    let ledger = state.ledger
    update(&state) { list in list.totals = list.source.totals(order: list.order, ledger) }
  }
}
