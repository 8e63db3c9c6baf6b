import ReconEngine

/// Where things go on the screen, shared by the renderer (to draw) and the reducer (to scroll
/// and to hit-test clicks), so the two never disagree.
public enum Layout {
  /// Rows used above the grid (filter bar, breadcrumbs) and below it (status line).
  static let topRows = 2
  static let bottomRows = 1

  /// The smallest terminal the workbench draws in.
  public static let minimumWidth = 24
  public static let minimumHeight = 6

  /// Rows of the matrix's detail pane (none on short terminals).
  /// The matrix keeps every row visible when it can; the detail pane gets what is left (at
  /// least four rows, else none).
  static func detailHeight(_ state: AppState) -> Int {
    let available = state.height - topRows - bottomRows
    let left = available - (state.layout.rows.count + 1)
    return left >= 4 ? left : 0
  }

  /// The main grid's first row (its header) and how many data rows fit.
  static func gridArea(_ state: AppState) -> (headerY: Int, rows: Int) {
    var top = topRows
    var available = state.height - topRows - bottomRows
    if state.stack.isEmpty {
      available -= detailHeight(state)
    } else if case .card(let card) = state.stack.last {
      let fieldRows = min(card.fields.count / 2 + card.fields.count % 2, max(0, available - 4))
      top += fieldRows + 1
      available -= fieldRows + 1
    }
    // Lists end with their totals line.
    if !state.stack.isEmpty, Lists.current(state) != nil, available > 3 { available -= 1 }
    return (top, max(0, available - 1))
  }

  static func pageRows(_ state: AppState) -> Int { max(1, gridArea(state).rows) }

  /// Scrolls the top list so its selection stays visible.
  static func keepSelectionVisible(_ state: inout AppState) {
    let rows = pageRows(state)
    Lists.update(&state) { list in
      if list.selected < list.top { list.top = list.selected }
      if list.selected >= list.top + rows { list.top = list.selected - rows + 1 }
      list.top = max(0, min(list.top, max(0, list.order.count - rows)))
    }
  }

  /// The report lines behind the current matrix cell, as the detail pane shows them.
  static func detailLines(_ state: AppState) -> [DrillLine] {
    let (row, column) = state.currentCell
    let drill = state.reconciliation.drill(row, column)
    return drill.glLines + drill.itemLines
  }

  /// The display widths of a grid's columns: the widest of header and cells, capped.
  static func columnWidths(header: [String], rows: [[String]], cap: Int = 40) -> [Int] {
    var widths = header.map { ScreenBuffer.width(of: $0) }
    for row in rows {
      for (index, cell) in row.enumerated() where index < widths.count {
        widths[index] = max(widths[index], ScreenBuffer.width(of: cell))
      }
    }
    return widths.map { min($0, cap) }
  }

  /// The x position of each visible column: the first pinned, then from `left` on while they fit.
  static func columnPositions(widths: [Int], left: Int, width: Int) -> [(index: Int, x: Int, width: Int)] {
    guard !widths.isEmpty else { return [] }
    var result = [(index: 0, x: 0, width: min(widths[0], max(1, width)))]
    var x = result[0].width + 2
    var index = max(1, left)
    // Only whole columns: a number cut short would read as a different number.
    while index < widths.count && x + widths[index] <= width {
      result.append((index, x, widths[index]))
      x += widths[index] + 2
      index += 1
    }
    if result.count == 1 && index < widths.count && x < width {
      result.append((index, x, width - x))  // a single column wider than the screen is cut
    }
    return result
  }

  /// The grid row (and column, when the click hit one) under a screen position.
  static func hit(_ state: AppState, x: Int, y: Int) -> (row: Int, column: Int?)? {
    let area = gridArea(state)
    let offset = y - area.headerY - 1
    guard offset >= 0, offset < area.rows else { return nil }
    if state.stack.isEmpty {
      let geometry = Render.matrixGeometry(state)
      let column = geometry.first { x >= $0.x && x < $0.x + $0.width }.map(\.index)
      return (offset, column.flatMap { $0 >= 1 ? $0 : nil })
    }
    guard let list = Lists.current(state) else { return nil }
    return (list.top + offset, nil)
  }
}
