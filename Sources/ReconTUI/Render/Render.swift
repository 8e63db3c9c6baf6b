import ReconEngine

/// Draws the state into a cell buffer. Pure: the same state and size give the same frame, and
/// only what is visible is formatted, so a frame costs the same for ten entries or a million.
public enum Render {
  public static func frame(_ state: AppState) -> ScreenBuffer {
    var buffer = ScreenBuffer(width: state.width, height: state.height)
    guard state.width >= Layout.minimumWidth, state.height >= Layout.minimumHeight else {
      tooSmall(&buffer)
      return buffer
    }
    filterBar(state, &buffer)
    breadcrumbs(state, &buffer)
    switch state.stack.last {
    case nil:
      matrix(state, &buffer)
      detailPane(state, &buffer)
    case .list(let list):
      grid(list, state, area: Layout.gridArea(state), &buffer)
    case .card(let card):
      cardFields(card, state, &buffer)
      grid(card.links, state, area: Layout.gridArea(state), &buffer)
    case .text(let text):
      for (offset, line) in text.lines.enumerated() where Layout.topRows + offset < state.height - 1 {
        buffer.put(line, x: 1, y: Layout.topRows + offset, role: offset == 0 ? .warning : .normal)
      }
    }
    statusLine(state, &buffer)
    if state.showHelp { help(state, &buffer) }
    return buffer
  }

  /// A terminal too small to draw in: say so, shortest first, and add what fits.
  static func tooSmall(_ buffer: inout ScreenBuffer) {
    let lines = [
      "too small", "\(buffer.width)x\(buffer.height)", "need \(Layout.minimumWidth)x\(Layout.minimumHeight)",
    ]
    for (y, line) in lines.enumerated() where y < buffer.height {
      if ScreenBuffer.width(of: line) <= buffer.width || y == 0 {
        buffer.put(line, x: 0, y: y, role: y == 0 ? .statusError : .normal)
      }
    }
  }

  static func filterBar(_ state: AppState, _ buffer: inout ScreenBuffer) {
    let f = state.filters
    let separator = state.asciiOnly ? " | " : " │ "
    let parts =
      [
        state.ledger.companyName,
        "Dates: " + (f.dates.isAll ? "all" : f.dates.description),
        "Item: " + (f.items?.text ?? "all"),
        "Location: " + (f.locations?.text ?? "all"),
        "Warnings: " + (f.showsWarnings ? "on" : (f.hasItemOrLocationFilter ? "n/a" : "off")),
      ] + (f.hasItemOrLocationFilter ? ["G/L: " + (f.attributeGL ? "by item" : "hidden")] : []) + [
        state.snapshotName + (state.dirty ? " [modified]" : "")
      ]
    buffer.fill(x: 0, y: 0, count: buffer.width, role: .filterBar)
    buffer.put(parts.joined(separator: separator), x: 0, y: 0, role: .filterBar)
  }

  static func breadcrumbs(_ state: AppState, _ buffer: inout ScreenBuffer) {
    let crumb = state.asciiOnly ? " > " : " › "
    var position = ""
    if let list = Lists.current(state) {
      position = list.order.isEmpty ? "(0/0)" : "(\(list.selected + 1)/\(list.order.count))"
      if list.rowFilter != nil { position = "filter “\(list.rowFilter ?? "")” " + position }
    } else if state.stack.isEmpty {
      let (row, column) = state.currentCell
      position = "\(row.caption) × \(column.caption)"
    }
    let right = ScreenBuffer.width(of: position)
    buffer.put(
      ScreenBuffer.truncate(state.breadcrumbs.joined(separator: crumb), to: max(1, buffer.width - right - 2)),
      x: 0, y: 1,
      role: .title)
    buffer.put(position, x: max(0, buffer.width - right), y: 1, role: .title)
  }

  // MARK: Matrix

  /// The x positions of the matrix columns (0 = row captions), as drawn.
  static func matrixGeometry(_ state: AppState) -> [(index: Int, x: Int, width: Int)] {
    let table = state.reconciliation.matrixTable(decimals: state.ledger.amountDecimals)
    let widths = Layout.columnWidths(header: table.header, rows: table.rows.map { $0.map(\.display) })
    let visibleData = max(1, state.matrixColumn)
    var left = 1
    // Scroll right until the current column fits.
    while left < visibleData {
      let positions = Layout.columnPositions(widths: widths, left: left, width: state.width)
      if positions.contains(where: { $0.index == visibleData && $0.x + $0.width <= state.width }) { break }
      left += 1
    }
    return Layout.columnPositions(widths: widths, left: left, width: state.width)
  }

  static func matrix(_ state: AppState, _ buffer: inout ScreenBuffer) {
    let result = state.reconciliation
    let table = result.matrixTable(decimals: state.ledger.amountDecimals)
    let area = Layout.gridArea(state)
    let positions = matrixGeometry(state)
    for position in positions {
      let caption = position.index == 0 ? "" : table.header[position.index]
      let text = ScreenBuffer.truncate(caption, to: position.width)
      let pad = position.index == 0 ? 0 : position.width - ScreenBuffer.width(of: text)
      buffer.put(text, x: position.x + pad, y: area.headerY, role: .header, limit: position.width)
    }
    let layout = result.layout
    let firstRow = max(0, state.matrixRow - area.rows + 1)
    for (offset, rowIndex) in (firstRow..<layout.rows.count).enumerated() where offset < area.rows {
      let y = area.headerY + 1 + offset
      let row = layout.rows[rowIndex]
      for position in positions {
        let cellText = table.rows[rowIndex][position.index].display
        var role: StyleRole = row.isTotal ? .total : .normal
        if position.index == 0 {
          role = row.isTotal ? .total : .pinned
        } else {
          let column = layout.columns[position.index - 1]
          switch result.cell(row, column) {
          case .amount(let value, let formula):
            if formula.side == .difference && !value.isZero {
              role = .variance
            } else if value.isNegative {
              role = .negative
            } else if column.isEmphasised && !row.isTotal {
              role = .emphasis
            }
          case .warning(let warning, _):
            if warning != nil { role = .warning }
          case .empty:
            break
          }
        }
        let selected =
          state.focus == .main && rowIndex == state.matrixRow && position.index == state.matrixColumn
        let text = ScreenBuffer.truncate(cellText, to: position.width)
        let numeric = position.index > 0 && table.rows[rowIndex][position.index].isNumeric
        let pad = numeric ? position.width - ScreenBuffer.width(of: text) : 0
        if selected { buffer.fill(x: position.x, y: y, count: position.width, role: .selected) }
        buffer.put(
          text, x: position.x + pad, y: y, role: selected ? .selected : role, limit: position.width - pad)
      }
    }
  }

  /// Below the matrix: the report lines behind the current cell, updated as the cursor moves.
  static func detailPane(_ state: AppState, _ buffer: inout ScreenBuffer) {
    let height = Layout.detailHeight(state)
    guard height > 1 else { return }
    let top = state.height - Layout.bottomRows - height
    let (row, column) = state.currentCell
    let lines = Layout.detailLines(state)
    let rule = state.asciiOnly ? "-" : "─"
    let title =
      " Behind \(row.caption) × \(column.caption): \(lines.count) line\(lines.count == 1 ? "" : "s") "
    buffer.put(
      String(repeating: rule, count: 2) + title + String(repeating: rule, count: max(0, buffer.width)), x: 0,
      y: top, role: .border)
    var source = ListView(title: "", source: .reportLines(lines), exportName: "")
    source.selected = state.focus == .detail ? state.detailSelected : -1
    source.top = max(0, state.detailSelected - (height - 3))
    grid(source, state, area: (top + 1, height - 2), &buffer)
    if lines.isEmpty, case .warning(let warning?, _) = state.reconciliation.cell(row, column) {
      buffer.put(warning.explanation, x: 1, y: top + 2, role: .warning)
    }
  }

  // MARK: Lists

  static func grid(
    _ list: ListView, _ state: AppState, area: (headerY: Int, rows: Int), _ buffer: inout ScreenBuffer
  ) {
    let ledger = state.ledger
    let header = list.source.header(ledger).map { Render.shortCaptions[$0] ?? $0 }
    let visible = Array(max(0, list.top)..<max(max(0, list.top), min(list.order.count, list.top + area.rows)))
    let cells = visible.map { list.source.cells(list.order[$0], ledger) }
    let display = cells.map { $0.map(\.display) }
    var widths = Layout.columnWidths(header: header, rows: display, cap: 32)
    // The last column may take what the screen has left (a warning, a description).
    if let last = widths.indices.last {
      let used = widths.dropLast().reduce(0) { $0 + $1 + 2 }
      let natural = Layout.columnWidths(header: header, rows: display, cap: Int.max)[last]
      widths[last] = max(widths[last], min(natural, state.width - used))
    }
    if let sort = list.sort, sort.column < widths.count { widths[sort.column] += 2 }
    // Scroll right until the current column fits.
    var left = 1
    while left < list.column {
      let positions = Layout.columnPositions(widths: widths, left: left, width: state.width)
      if positions.contains(where: { $0.index == list.column && $0.x + $0.width <= state.width }) { break }
      left += 1
    }
    let positions = Layout.columnPositions(widths: widths, left: left, width: state.width)
    let numeric = header.indices.map { index in cells.contains { index < $0.count && $0[index].isNumeric } }
    for position in positions {
      var caption = header[position.index]
      if let sort = list.sort, sort.column == position.index {
        caption += state.asciiOnly ? (sort.ascending ? " ^" : " v") : (sort.ascending ? " ▲" : " ▼")
      }
      let text = ScreenBuffer.truncate(caption, to: position.width)
      let pad = numeric[position.index] ? position.width - ScreenBuffer.width(of: text) : 0
      let role: StyleRole = position.index == list.column && list.selected >= 0 ? .title : .header
      buffer.put(text, x: position.x + pad, y: area.headerY, role: role, limit: position.width)
    }
    for (offset, index) in visible.enumerated() {
      let y = area.headerY + 1 + offset
      let selected = index == list.selected
      if selected { buffer.fill(x: 0, y: y, count: buffer.width, role: .selected) }
      for position in positions {
        let cell = cells[offset][position.index]
        let text = ScreenBuffer.truncate(cell.display, to: position.width)
        let pad = cell.isNumeric ? position.width - ScreenBuffer.width(of: text) : 0
        var role: StyleRole = position.index == 0 ? .pinned : .normal
        if case .amount(let value, _) = cell, value.isNegative { role = .negative }
        if case .text(let text) = cell, text == "Total" || text.hasPrefix("Total ") { role = .total }
        buffer.put(
          text, x: position.x + pad, y: y, role: selected ? .selected : role, limit: position.width - pad)
      }
    }
    if list.order.isEmpty {
      buffer.put(
        list.rowFilter == nil ? "(no entries)" : "(no rows match the filter; F shows all)", x: 1,
        y: area.headerY + 1, role: .dim)
    }
  }

  /// Shorter captions for the screen (exports keep BC's full captions), so a list of entries
  /// shows its amounts on an ordinary terminal.
  static let shortCaptions: [String: String] = [
    "Item Ledger Entry Type": "ILE Type", "Cost Amount (Actual)": "Cost (Actual)",
    "Cost Amount (Expected)": "Cost (Expected)", "Cost Posted to G/L": "Posted to G/L",
    "Expected Cost Posted to G/L": "Exp. Posted to G/L", "Valued Quantity": "Quantity",
    "Location Code": "Location",
    "G/L Account No.": "G/L Account", "G/L Account Name": "Account Name",
  ]

  static func cardFields(_ card: CardView, _ state: AppState, _ buffer: inout ScreenBuffer) {
    let area = Layout.gridArea(state)
    let rows = area.headerY - Layout.topRows - 1
    guard rows > 0 else { return }
    let half = state.width / 2
    let nameWidth = min(24, card.fields.map { ScreenBuffer.width(of: $0.name) }.max() ?? 0)
    for (index, field) in card.fields.enumerated() {
      let column = index / rows
      guard column < 2 else { break }
      let x = column * half
      let y = Layout.topRows + index % rows
      buffer.put(ScreenBuffer.truncate(field.name, to: nameWidth), x: x + 1, y: y, role: .header)
      buffer.put(
        ScreenBuffer.truncate(field.value, to: half - nameWidth - 3), x: x + nameWidth + 2, y: y,
        role: .normal)
    }
    let rule = state.asciiOnly ? "-" : "─"
    let title = " \(card.links.title): \(card.links.order.count) "
    buffer.put(
      String(repeating: rule, count: 2) + title + String(repeating: rule, count: state.width), x: 0,
      y: area.headerY - 1, role: .border)
  }

  // MARK: Status and help

  static func statusLine(_ state: AppState, _ buffer: inout ScreenBuffer) {
    let y = state.height - 1
    if let prompt = state.prompt {
      buffer.fill(x: 0, y: y, count: buffer.width, role: .prompt)
      let text = prompt.label + prompt.text
      let visible =
        ScreenBuffer.width(of: text) + 1 > buffer.width ? String(text.suffix(buffer.width - 1)) : text
      let used = buffer.put(visible, x: 0, y: y, role: .prompt)
      buffer.put(state.asciiOnly ? "_" : "█", x: used, y: y, role: .prompt)
      return
    }
    if let message = state.message {
      buffer.fill(x: 0, y: y, count: buffer.width, role: state.messageIsError ? .statusError : .status)
      buffer.put(message, x: 0, y: y, role: state.messageIsError ? .statusError : .status)
      return
    }
    buffer.fill(x: 0, y: y, count: buffer.width, role: .status)
    var hints =
      state.stack.isEmpty
      ? "? help  Enter open  x explain  Tab detail  d/i/o filters  w warnings  E export  P post  1-4 reports  q quit"
      : "? help  Enter open  Esc back  / search  f filter  s/S sort  E export"
    if case .list(let list) = state.stack.last, let report = list.report {
      hints = "? help  Esc back  " + report.keyHints + "  / search  s/S sort  E export"
    }
    buffer.put(hints, x: 0, y: y, role: .status)
  }

  static func help(_ state: AppState, _ buffer: inout ScreenBuffer) {
    let lines = KeyRegistry.helpLines
    let keyWidth = min(22, lines.map { ScreenBuffer.width(of: $0.keys) }.max() ?? 0)
    let boxWidth = min(buffer.width - 2, keyWidth + 48)
    let boxHeight = min(buffer.height - 2, lines.count + 2)
    let x0 = (buffer.width - boxWidth) / 2
    let y0 = (buffer.height - boxHeight) / 2
    for y in y0..<(y0 + boxHeight) { buffer.fill(x: x0, y: y, count: boxWidth, role: .border) }
    buffer.put(" Keys (any other key closes) ", x: x0 + 1, y: y0, role: .title)
    let start = min(state.helpScroll, max(0, lines.count - (boxHeight - 2)))
    for (offset, line) in lines.dropFirst(start).prefix(boxHeight - 2).enumerated() {
      buffer.put(
        ScreenBuffer.truncate(line.keys, to: keyWidth), x: x0 + 1, y: y0 + 1 + offset, role: .helpKey)
      buffer.put(
        ScreenBuffer.truncate(line.title, to: boxWidth - keyWidth - 3), x: x0 + keyWidth + 2,
        y: y0 + 1 + offset,
        role: .border)
    }
  }
}
