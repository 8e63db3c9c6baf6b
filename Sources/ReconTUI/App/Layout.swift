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

  /// A list's columns fitted to the screen: when they do not all fit, the text columns (never
  /// the first, never numbers, never one the user sized) give up room, the widest first, down
  /// to 8 columns each, so the amounts stay on screen; when there is room to spare, the last
  /// column takes it. Text that no longer fits is cut with an ellipsis.
  static func fitListColumns(
    _ natural: [Int], content: [Int]? = nil, numeric: [Bool], width: Int, fixed: Set<Int> = []
  ) -> [Int] {
    var widths = natural
    guard widths.count > 1 else { return widths }
    func total() -> Int { widths.reduce(0, +) + 2 * (widths.count - 1) }
    // Dates, short codes and captions up to 12 are not cut; longer texts down to 12 columns.
    func minimum(_ index: Int) -> Int { min(natural[index], 12) }
    let shrinkable = widths.indices.filter {
      $0 > 0 && !(numeric.indices.contains($0) && numeric[$0]) && !fixed.contains($0)
    }
    while total() > width {
      guard let widest = shrinkable.filter({ widths[$0] > minimum($0) }).max(by: { widths[$0] < widths[$1] })
      else { break }
      let next = shrinkable.map { widths[$0] }.filter { $0 < widths[widest] }.max() ?? minimum(widest)
      widths[widest] = max(minimum(widest), max(next, widths[widest] - (total() - width)))
      if widths[widest] == next && next > minimum(widest) && total() > width { widths[widest] -= 1 }
    }
    // Still too wide: number columns narrow to their numbers, their captions cut (the status
    // line names the current column in full).
    // Only when the first column and the numbers alone do not fit (the text columns can be
    // left out, `listColumnPositions`).
    let numbers = widths.indices.filter { $0 > 0 && numeric.indices.contains($0) && numeric[$0] }
    func mustTotal() -> Int { widths[0] + numbers.reduce(0) { $0 + widths[$1] } + 2 * numbers.count }
    if mustTotal() > width, let content {
      for index in numbers.reversed() where !fixed.contains(index) {
        guard mustTotal() > width else { break }
        widths[index] = max(min(widths[index], max(content[index], 6)), widths[index] - (mustTotal() - width))
      }
    }
    return widths
  }

  /// The columns a list shows: the first and the current one, then the number columns from the
  /// left while they fit, then the other text columns while they fit — so amounts stay on
  /// screen on a narrow terminal and moving onto a left-out column brings it in.
  static func listColumnPositions(widths: [Int], numeric: [Bool], current: Int, width: Int) -> [(
    index: Int, x: Int, width: Int
  )] {
    guard widths.count > 1 else { return columnPositions(widths: widths, left: 1, width: width) }
    let isNumber = { (index: Int) in numeric.indices.contains(index) && numeric[index] }
    var chosen = Set([0, current].filter { widths.indices.contains($0) })
    func total(_ set: Set<Int>) -> Int { set.reduce(0) { $0 + widths[$1] } + 2 * (set.count - 1) }
    if total(chosen) > width { return columnPositions(widths: widths, left: max(1, current), width: width) }
    for index in widths.indices.filter(isNumber) + widths.indices.filter({ !isNumber($0) })
    where !chosen.contains(index) && total(chosen.union([index])) <= width {
      chosen.insert(index)
    }
    var result: [(index: Int, x: Int, width: Int)] = []
    var x = 0
    for index in chosen.sorted() {
      result.append((index, x, widths[index]))
      x += widths[index] + 2
    }
    return result
  }

  /// The x position of each visible column: the first pinned, then from `left` on while they fit.
  static func columnPositions(widths: [Int], left: Int, width: Int, gap: Int = 2) -> [(
    index: Int, x: Int, width: Int
  )] {
    guard !widths.isEmpty else { return [] }
    var result = [(index: 0, x: 0, width: min(widths[0], max(1, width)))]
    var x = result[0].width + gap
    var index = max(1, left)
    // Only whole columns: a number cut short would read as a different number.
    while index < widths.count && x + widths[index] <= width {
      result.append((index, x, widths[index]))
      x += widths[index] + gap
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
