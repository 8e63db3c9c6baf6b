import ReconEngine

/// The footer of a list: how many rows its current filter shows and the sum of each amount and
/// quantity column over them — what a controller ties to the matrix figure.
public struct ListTotals: Equatable, Sendable {
  public var count: Int
  /// Column index → (sum, whether it is an amount rather than a quantity).
  public var sums: [Int: (ExactDecimal, isAmount: Bool)]

  public static func == (lhs: ListTotals, rhs: ListTotals) -> Bool {
    lhs.count == rhs.count && lhs.sums.count == rhs.sums.count
      && lhs.sums.allSatisfy { key, value in rhs.sums[key].map { $0.0 == value.0 && $0.1 == value.1 } ?? false
      }
  }

  /// The text of a column's sum as the footer shows it.
  func display(_ column: Int, decimals: Int) -> String? {
    guard let (sum, isAmount) = sums[column] else { return nil }
    return isAmount ? sum.grouped(decimals: decimals) : sum.groupedTrimmed()
  }
}

extension ListSource {
  /// The totals over `order`. Entry lists read their columns directly (a million rows in a
  /// few milliseconds); tables add their amount cells, leaving out a report's total lines.
  func totals(order: [Int], _ ledger: Ledger) -> ListTotals {
    var sums: [Int: (ExactDecimal, isAmount: Bool)] = [:]
    func add(_ column: Int, _ units: Int64, isAmount: Bool) {
      let current = sums[column]?.0.units ?? 0
      let (value, overflow) = current.addingReportingOverflow(units)
      sums[column] = (ExactDecimal(units: overflow ? current : value), isAmount)
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
      for position in order {
        let cells = self.cells(position, ledger)
        if Lists.isTotalLine(cells) { continue }
        for (index, cell) in cells.enumerated() {
          switch cell {
          case .amount(let value, _): add(index, value.units, isAmount: true)
          case .quantity(let value): add(index, value.units, isAmount: false)
          default: break
          }
        }
      }
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
