import ReconEngine

/// Moving around: the matrix cursor, list selections, going back.
enum Navigation {
  static func move(_ state: inout AppState, rows: Int) {
    if state.stack.isEmpty {
      if state.focus == .detail {
        let count = Layout.detailLines(state).count
        state.detailSelected = clamp(state.detailSelected + rows, count)
      } else {
        state.matrixRow = clamp(state.matrixRow + rows, state.layout.rows.count)
        state.detailSelected = 0
      }
      return
    }
    Lists.update(&state) { list in list.selected = clamp(list.selected + rows, list.order.count) }
    Layout.keepSelectionVisible(&state)
  }

  /// Moves the current column; false when already at the edge.
  static func moveColumn(_ state: inout AppState, by step: Int) -> Bool {
    if state.stack.isEmpty {
      let target = state.matrixColumn + step
      guard target >= 1, target <= state.layout.columns.count else { return false }
      state.matrixColumn = target
      state.detailSelected = 0
      return true
    }
    var moved = false
    let ledger = state.ledger
    Lists.update(&state) { list in
      let columns = list.source.header(ledger).count
      let target = list.column + step
      guard target >= 0, target < columns else { return }
      list.column = target
      moved = true
    }
    Layout.keepSelectionVisible(&state)
    return moved
  }

  /// Pops a screen; the one below keeps its selection and scroll.
  static func back(_ state: inout AppState) {
    guard !state.stack.isEmpty else { return }
    if case .list(let list) = state.stack.removeLast(), list.title.hasPrefix(Posting.testReportTitle) {
      state.pendingPost = nil
    }
  }

  static func clamp(_ value: Int, _ count: Int) -> Int {
    count <= 0 ? 0 : min(max(value, 0), count - 1)
  }
}

/// Helpers for the list on top of the stack (a list screen, or a card's links).
enum Lists {
  /// Applies `body` to the list on top, if any.
  static func update(_ state: inout AppState, _ body: (inout ListView) -> Void) {
    guard let last = state.stack.indices.last else { return }
    switch state.stack[last] {
    case .list(var list):
      body(&list)
      state.stack[last] = .list(list)
    case .card(var card):
      body(&card.links)
      state.stack[last] = .card(card)
    case .text:
      break
    }
  }

  static func current(_ state: AppState) -> ListView? {
    switch state.stack.last {
    case .list(let list): return list
    case .card(let card): return card.links
    default: return nil
    }
  }

  /// Recomputes the display order from the row filter and the sort, keeping the selected row.
  static func reorder(_ list: inout ListView, _ ledger: Ledger) {
    let selectedSource = list.order.indices.contains(list.selected) ? list.order[list.selected] : nil
    var order = Array(0..<list.source.count)
    if let filter = list.rowFilter?.lowercased(), !filter.isEmpty {
      order = order.filter { index in
        list.source.cells(index, ledger).contains {
          $0.plain.lowercased().contains(filter) || $0.display.lowercased().contains(filter)
        }
      }
    }
    if let sort = list.sort {
      let keys = order.map { SortKey(list.source.cells($0, ledger)[sort.column]) }
      // A report's total lines stay under their group: the sort orders the lines between
      // one total and the next, and each total keeps its place after them.
      var sorted: [Int] = []
      var segment: [Int] = []
      for position in order.indices {
        if isTotalLine(list.source.cells(order[position], ledger)) {
          sorted += sortedSegment(segment, keys, order, sort.ascending)
          sorted.append(position)
          segment = []
        } else {
          segment.append(position)
        }
      }
      sorted += sortedSegment(segment, keys, order, sort.ascending)
      order = sorted.map { order[$0] }
    }
    list.order = order
    list.totals = nil
    list.selected = selectedSource.flatMap { order.firstIndex(of: $0) } ?? 0
    list.top = min(list.top, max(0, order.count - 1))
  }

  /// A report's group or grand total line (its first cell says `Total`).
  static func isTotalLine(_ cells: [ExportTable.Cell]) -> Bool {
    guard case .text(let text)? = cells.first else { return false }
    return text == "Total" || text.hasPrefix("Total ")
  }

  private static func sortedSegment(_ positions: [Int], _ keys: [SortKey], _ order: [Int], _ ascending: Bool)
    -> [Int]
  {
    positions.sorted { a, b in
      let (left, right) = (keys[a], keys[b])
      if left == right { return order[a] < order[b] }
      return ascending ? left < right : right < left
    }
  }

  static func sort(_ state: inout AppState, ascending: Bool) {
    guard !state.stack.isEmpty else {
      state.say("Sorting works on lists; the matrix keeps BC's order")
      return
    }
    let ledger = state.ledger
    var caption = ""
    Lists.update(&state) { list in
      list.sort = (list.column, ascending)
      reorder(&list, ledger)
      caption = list.source.header(ledger)[list.column]
    }
    state.say("Sorted by \(caption), \(ascending ? "ascending" : "descending")")
    Layout.keepSelectionVisible(&state)
  }
}

/// Sorting compares numbers as numbers and text as text; blanks sort first.
struct SortKey: Comparable {
  let number: Int64?
  let text: String

  init(_ cell: ExportTable.Cell) {
    switch cell {
    case .amount(let value, _), .quantity(let value): number = value.units
    case .integer(let value): number = value
    default: number = nil
    }
    text = cell.plain
  }

  static func < (lhs: SortKey, rhs: SortKey) -> Bool {
    switch (lhs.number, rhs.number) {
    case (let a?, let b?): return a < b
    case (nil, _?): return true
    case (_?, nil): return false
    default: return lhs.text.utf8.lexicographicallyPrecedes(rhs.text.utf8)
    }
  }
}
