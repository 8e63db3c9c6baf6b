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
    palette(state, &buffer)
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

  /// The top bar: company, filters, file. When it does not fit, the least important parts are
  /// shortened first (labels, then the company name with an ellipsis, then dropped), and the
  /// file name with `[modified]` always stays, cut from the left if it must be.
  static func filterBar(_ state: AppState, _ buffer: inout ScreenBuffer) {
    buffer.fill(x: 0, y: 0, count: buffer.width, role: .filterBar)
    buffer.put(filterBarText(state, width: buffer.width), x: 0, y: 0, role: .filterBar)
  }

  static func filterBarText(_ state: AppState, width: Int) -> String {
    let f = state.filters
    let separator = state.asciiOnly ? " | " : " │ "
    let file = state.snapshotName + (state.dirty ? " [modified]" : "")
    // (full, short) for each part between the company and the file, in screen order.
    var parts: [(full: String, short: String)] = [
      (
        "Dates: " + (f.dates.isAll ? "all" : f.dates.description),
        f.dates.isAll ? "D:all" : f.dates.description
      ),
      ("Item: " + (f.items?.text ?? "all"), "I:" + (f.items?.text ?? "all")),
      ("Location: " + (f.locations?.text ?? "all"), "L:" + (f.locations?.text ?? "all")),
      (
        "Warnings: " + (f.showsWarnings ? "on" : (f.hasItemOrLocationFilter ? "n/a" : "off")),
        "W:" + (f.showsWarnings ? "on" : (f.hasItemOrLocationFilter ? "n/a" : "off"))
      ),
    ]
    if f.hasItemOrLocationFilter {
      parts.append(
        ("G/L: " + (f.attributeGL ? "by item" : "hidden"), "G/L:" + (f.attributeGL ? "item" : "hid")))
    }
    var company = state.ledger.companyName
    var useShort = [Bool](repeating: false, count: parts.count)
    var dropped = [Bool](repeating: false, count: parts.count)
    // Least important first: parts at their default (nothing filtered) before parts in
    // effect; then warnings, location, G/L attribution, item, dates.
    let inEffect = [!f.dates.isAll, f.items != nil, f.locations != nil, false, true]
    let order = [3, 2, 4, 1, 0].filter { $0 < parts.count }
    let leastImportantFirst = order.filter { !inEffect[$0] } + order.filter { inEffect[$0] }
    func text() -> String {
      let middle = parts.indices.filter { !dropped[$0] }.map {
        useShort[$0] ? parts[$0].short : parts[$0].full
      }
      return ([company].filter { !$0.isEmpty } + middle + [file]).joined(separator: separator)
    }
    func fits() -> Bool { ScreenBuffer.width(of: text()) <= width }
    // 1. Short labels.
    for index in leastImportantFirst where !fits() { useShort[index] = true }
    // 2. The company name, down to 12 columns with an ellipsis.
    if !fits() {
      let over = ScreenBuffer.width(of: text()) - width
      let target = max(12, ScreenBuffer.width(of: company) - over)
      if target < ScreenBuffer.width(of: company) { company = ScreenBuffer.truncate(company, to: target) }
    }
    // 3. Parts dropped from the least important; the company before the item and the dates.
    for index in leastImportantFirst where !fits() {
      if inEffect[index] { company = "" }
      if !fits() { dropped[index] = true }
    }
    if !fits() { company = "" }
    let line = text()
    if ScreenBuffer.width(of: line) <= width { return line }
    // 4. Only the file is left and it is too long: keep its end, where the name is.
    let ellipsis = state.asciiOnly ? "..." : "…"
    var tail = Substring(file)
    while ScreenBuffer.width(of: ellipsis + tail) > width && !tail.isEmpty { tail = tail.dropFirst() }
    return ellipsis + tail
  }

  static func breadcrumbs(_ state: AppState, _ buffer: inout ScreenBuffer) {
    let crumb = state.asciiOnly ? " > " : " › "
    var position = ""
    if let list = Lists.current(state) {
      position = list.order.isEmpty ? "(0/0)" : "(\(list.selected + 1)/\(list.order.count))"
      // The current column in full: the grid may show its caption cut.
      let header = list.source.header(state.ledger)
      if header.indices.contains(list.column) { position = header[list.column] + "  " + position }
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

  /// How the matrix is drawn at a width: the cell texts, the headers and the column widths. The
  /// first of these that shows every column wins: full headers and grouped numbers; short
  /// headers (`Interim`, `WIP`; the full caption stays in the position at the top right); numbers
  /// without thousands separators; one space between columns. A Warning column may be cut (its
  /// text is in the detail pane). Otherwise the most compact form scrolls, with ◀ ▶ marks.
  struct MatrixFit {
    var headers: [String]
    var texts: [[String]]
    var widths: [Int]
    var gap: Int
  }

  static let shortColumnCaptions: [String: String] = [
    "Inventory (Interim)": "Interim", "WIP Inventory": "WIP",
  ]

  static func matrixFit(_ state: AppState) -> MatrixFit {
    let table = state.reconciliation.matrixTable(decimals: state.ledger.amountDecimals)
    let fullHeaders = [""] + table.header.dropFirst()
    let shortHeaders = fullHeaders.map { shortColumnCaptions[$0] ?? $0 }
    let grouped = table.rows.map { $0.map(\.display) }
    let plain = table.rows.map { row in row.map { $0.isNumeric ? $0.plain : $0.display } }
    let warningColumn = table.header.firstIndex(of: MatrixColumn.warning.caption)
    var fit = MatrixFit(headers: fullHeaders, texts: grouped, widths: [], gap: 2)
    // Past the first form, a warning text in a data column (the Warning row) no longer widens
    // its column: it is cut to the column, and read whole in the detail pane.
    let numericOnly = { (texts: [[String]]) in
      zip(texts, table.rows).map { texts, cells in
        zip(texts, cells).enumerated().map { $0.offset > 0 && !$0.element.1.isNumeric ? "" : $0.element.0 }
      }
    }
    for (headers, texts, gap, textsWiden) in [
      (fullHeaders, grouped, 2, true), (shortHeaders, grouped, 2, false), (shortHeaders, plain, 2, false),
      (shortHeaders, plain, 1, false),
    ] {
      var widths = Layout.columnWidths(header: headers, rows: textsWiden ? texts : numericOnly(texts))
      if !textsWiden, let warning = warningColumn {
        widths[warning] = Layout.columnWidths(header: headers, rows: texts)[warning]
      }
      fit = MatrixFit(headers: headers, texts: texts, widths: widths, gap: gap)
      let total = widths.reduce(0, +) + gap * (widths.count - 1)
      if total <= state.width { return fit }
      // The Warning column may give up room down to its caption.
      if let warning = warningColumn, warning == widths.count - 1 {
        let over = total - state.width
        let least = ScreenBuffer.width(of: headers[warning])
        if widths[warning] - over >= least {
          widths[warning] -= over
          fit.widths = widths
          return fit
        }
      }
    }
    return fit
  }

  /// The x positions of the matrix columns (0 = row captions), as drawn.
  static func matrixGeometry(_ state: AppState) -> [(index: Int, x: Int, width: Int)] {
    let fit = matrixFit(state)
    return matrixGeometry(state, fit)
  }

  static func matrixGeometry(_ state: AppState, _ fit: MatrixFit) -> [(index: Int, x: Int, width: Int)] {
    let visibleData = max(1, state.matrixColumn)
    var left = 1
    // Scroll right until the current column fits.
    while left < visibleData {
      let positions = Layout.columnPositions(widths: fit.widths, left: left, width: state.width, gap: fit.gap)
      if positions.contains(where: { $0.index == visibleData && $0.x + $0.width <= state.width }) { break }
      left += 1
    }
    return Layout.columnPositions(widths: fit.widths, left: left, width: state.width, gap: fit.gap)
  }

  static func matrix(_ state: AppState, _ buffer: inout ScreenBuffer) {
    let result = state.reconciliation
    let fit = matrixFit(state)
    let area = Layout.gridArea(state)
    let positions = matrixGeometry(state, fit)
    for position in positions {
      let caption = fit.headers[position.index]
      let text = ScreenBuffer.truncate(caption, to: position.width)
      let pad = position.index == 0 ? 0 : position.width - ScreenBuffer.width(of: text)
      buffer.put(text, x: position.x + pad, y: area.headerY, role: .header, limit: position.width)
    }
    hiddenColumnMarks(positions, columns: fit.widths.count, y: area.headerY, state, &buffer)
    let layout = result.layout
    let firstRow = max(0, state.matrixRow - area.rows + 1)
    for (offset, rowIndex) in (firstRow..<layout.rows.count).enumerated() where offset < area.rows {
      let y = area.headerY + 1 + offset
      let row = layout.rows[rowIndex]
      for position in positions {
        let cellText = fit.texts[rowIndex][position.index]
        var role: StyleRole = row.isTotal ? .total : .normal
        var numeric = false
        if position.index == 0 {
          role = row.isTotal ? .total : .pinned
        } else {
          let column = layout.columns[position.index - 1]
          switch result.cell(row, column) {
          case .amount(let value, let formula):
            numeric = true
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
        let pad = numeric ? position.width - ScreenBuffer.width(of: text) : 0
        if selected { buffer.fill(x: position.x, y: y, count: position.width, role: .selected) }
        buffer.put(
          text, x: position.x + pad, y: y, role: selected ? .selected : role, limit: position.width - pad)
      }
    }
  }

  /// ◀ after the pinned column when columns are scrolled out to the left, ▶ at the right edge
  /// when more follow (`<` `>` without UTF-8).
  static func hiddenColumnMarks(
    _ positions: [(index: Int, x: Int, width: Int)], columns: Int, y: Int, _ state: AppState,
    _ buffer: inout ScreenBuffer
  ) {
    guard positions.count > 1 else { return }
    if positions[1].index > 1, positions[1].x >= 2 {
      buffer.put(state.asciiOnly ? "<" : "◀", x: positions[1].x - 2, y: y, role: .title)
    }
    if let last = positions.last, last.index < columns - 1 {
      buffer.put(state.asciiOnly ? ">" : "▶", x: buffer.width - 1, y: y, role: .title)
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
    grid(source, state, area: (top + 1, height - 2), footer: false, &buffer)
    if lines.isEmpty, case .warning(let warning?, _) = state.reconciliation.cell(row, column) {
      buffer.put(warning.explanation, x: 1, y: top + 2, role: .warning)
    }
  }

  // MARK: Lists

  static func grid(
    _ list: ListView, _ state: AppState, area: (headerY: Int, rows: Int), footer: Bool = true,
    _ buffer: inout ScreenBuffer
  ) {
    let ledger = state.ledger
    let header = list.source.header(ledger).map { Render.shortCaptions[$0] ?? $0 }
    let visible = Array(max(0, list.top)..<max(max(0, list.top), min(list.order.count, list.top + area.rows)))
    let cells = visible.map { list.source.cells(list.order[$0], ledger) }
    let display = cells.map { $0.map(\.display) }
    let numericColumns = header.indices.map { index in
      cells.contains { index < $0.count && $0[index].isNumeric }
    }
    // The footer's sums are as wide as the widest row can get: they size the columns too.
    let sums =
      footer
      ? list.totals.map { totals in
        [header.indices.map { totals.display($0, decimals: ledger.amountDecimals) ?? "" }]
      } ?? [] : []
    var widths = Layout.columnWidths(header: header, rows: display + sums, cap: Int.max)
    if let sort = list.sort, sort.column < widths.count { widths[sort.column] += 2 }
    for (column, change) in list.widthChanges where column < widths.count {
      widths[column] = max(3, widths[column] + change)
    }
    let content = Layout.columnWidths(header: header.map { _ in "" }, rows: display + sums, cap: Int.max)
    widths = Layout.fitListColumns(
      widths, content: content, numeric: numericColumns, width: state.width,
      fixed: Set(list.widthChanges.keys))
    let positions = Layout.listColumnPositions(
      widths: widths, numeric: numericColumns, current: list.column, width: state.width)
    let numeric = numericColumns
    // Columns left out: ◀ when some lie left of the current one, ▶ when some lie right of it
    // (← and → reach them).
    let shown = Set(positions.map(\.index))
    let hidden = widths.indices.filter { !shown.contains($0) }
    if hidden.contains(where: { $0 > list.column }) {
      buffer.put(state.asciiOnly ? ">" : "▶", x: state.width - 1, y: area.headerY, role: .title)
    }
    if hidden.contains(where: { $0 < list.column && $0 > 0 }), positions.count > 1, positions[1].x >= 2 {
      buffer.put(state.asciiOnly ? "<" : "◀", x: positions[1].x - 2, y: area.headerY, role: .title)
    }
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
    if let totals = list.totals, footer {
      // The totals line under the grid, each sum under its column.
      let y = area.headerY + 1 + area.rows
      guard y < state.height - Layout.bottomRows else { return }
      buffer.fill(x: 0, y: y, count: buffer.width, role: .total)
      let count =
        "\(totals.count) row\(totals.count == 1 ? "" : "s")" + (list.rowFilter == nil ? "" : " (filtered)")
      // The count takes the room up to the first column with a sum.
      let firstSum = positions.dropFirst().first { totals.sums[$0.index] != nil }?.x ?? buffer.width
      let sigma = state.asciiOnly ? "Sum: " : "Σ "
      buffer.put(ScreenBuffer.truncate(sigma + count, to: max(1, firstSum - 1)), x: 0, y: y, role: .total)
      for position in positions.dropFirst() {
        guard let text = totals.display(position.index, decimals: ledger.amountDecimals) else { continue }
        let shown = ScreenBuffer.truncate(text, to: position.width)
        buffer.put(
          shown, x: position.x + position.width - ScreenBuffer.width(of: shown), y: y, role: .total,
          limit: position.width)
      }
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
      buffer.put(
        ScreenBuffer.truncate(message, to: buffer.width, ellipsis: state.asciiOnly ? "..." : "…"), x: 0, y: y,
        role: state.messageIsError ? .statusError : .status)
      return
    }
    buffer.fill(x: 0, y: y, count: buffer.width, role: .status)
    var hints =
      state.stack.isEmpty
      ? "? help  Enter open  x explain  Tab detail  d/i/o/w filters  E export  P post  1-5 reports  J jobs  q quit"
      : "? help  Enter open  Esc back  / search  f filter  s/S sort  E export"
    if case .list(let list) = state.stack.last, let report = list.report {
      hints = "? help  Esc back  " + report.keyHints + "  / search  s/S sort  E export"
    }
    if case .list(let list) = state.stack.last, let screen = list.jobs {
      hints = "? help  Esc back  " + screen.keyHints + "  / search  s/S sort  E export"
    }
    buffer.put(hints, x: 0, y: y, role: .status)
  }

  /// The help: a framed box over the screen (its inside cleared, so nothing shows through),
  /// grouped, wrapped, with the scroll position in the bottom edge.
  static func help(_ state: AppState, _ buffer: inout ScreenBuffer) {
    let box = Help.box(width: buffer.width, height: buffer.height)
    let lines = Help.lines(for: box)
    frame(x: box.x, y: box.y, width: box.width, height: box.height, state, &buffer)
    buffer.put(" Keys ", x: box.x + 2, y: box.y, role: .title)
    let start = min(state.helpScroll, max(0, lines.count - box.rows))
    for (offset, line) in lines.dropFirst(start).prefix(box.rows).enumerated() {
      let y = box.y + 1 + offset
      switch line.kind {
      case .heading: buffer.put(line.text, x: box.x + 2, y: y, role: .title, limit: box.width - 4)
      case .blank: break
      case .key:
        buffer.put(
          ScreenBuffer.truncate(line.keys, to: box.keyWidth), x: box.x + 2, y: y, role: .helpKey)
        buffer.put(
          line.text, x: box.x + box.keyWidth + 3, y: y, role: .border, limit: box.width - box.keyWidth - 5)
      }
    }
    let shownEnd = min(lines.count, start + box.rows)
    let position = " \(start + 1)–\(shownEnd) of \(lines.count)  ↑↓ PgUp PgDn scroll, Esc closes "
    let footer =
      state.asciiOnly
      ? position.replacingOccurrences(of: "–", with: "-")
        .replacingOccurrences(of: "↑↓", with: "j/k") : position
    if ScreenBuffer.width(of: footer) + 4 <= box.width {
      buffer.put(
        footer, x: box.x + box.width - 2 - ScreenBuffer.width(of: footer), y: box.y + box.height - 1,
        role: .title)
    }
  }

  /// A box drawn with line characters (ASCII `+-|` without UTF-8), its inside cleared.
  static func frame(x: Int, y: Int, width: Int, height: Int, _ state: AppState, _ buffer: inout ScreenBuffer)
  {
    guard width >= 2, height >= 2 else { return }
    let (h, v, tl, tr, bl, br) =
      state.asciiOnly ? ("-", "|", "+", "+", "+", "+") : ("─", "│", "┌", "┐", "└", "┘")
    for row in y..<(y + height) { buffer.fill(x: x, y: row, count: width, role: .border) }
    let inner = String(repeating: h, count: width - 2)
    buffer.put(tl + inner + tr, x: x, y: y, role: .border)
    buffer.put(bl + inner + br, x: x, y: y + height - 1, role: .border)
    for row in (y + 1)..<(y + height - 1) {
      buffer.put(v, x: x, y: row, role: .border)
      buffer.put(v, x: x + width - 1, y: row, role: .border)
    }
  }

  /// The palette's matching commands above the prompt, with their keys; the chosen one
  /// highlighted.
  static func palette(_ state: AppState, _ buffer: inout ScreenBuffer) {
    guard let prompt = state.prompt, prompt.kind == .palette else { return }
    let matches = Palette.matches(prompt.text)
    let rows = min(Palette.visibleRows(state), max(1, matches.count))
    let width = min(buffer.width, 110)
    let y0 = buffer.height - 1 - rows - 2
    guard y0 >= 0 else { return }
    frame(x: 0, y: y0, width: width, height: rows + 2, state, &buffer)
    buffer.put(
      " \(matches.count) command\(matches.count == 1 ? "" : "s")  ↑↓ choose, Enter runs ", x: 2, y: y0,
      role: .title)
    if matches.isEmpty {
      buffer.put("(no command matches)", x: 2, y: y0 + 1, role: .dim)
      return
    }
    let selected = min(state.paletteSelected, matches.count - 1)
    let top = max(0, selected - rows + 1)
    for (offset, command) in matches.dropFirst(top).prefix(rows).enumerated() {
      let y = y0 + 1 + offset
      let isSelected = top + offset == selected
      if isSelected { buffer.fill(x: 1, y: y, count: width - 2, role: .selected) }
      let keys = Palette.keys(command)
      let keyWidth = min(18, ScreenBuffer.width(of: keys))
      buffer.put(
        ScreenBuffer.truncate(command.title, to: max(4, width - keyWidth - 6)), x: 2, y: y,
        role: isSelected ? .selected : .border)
      buffer.put(
        ScreenBuffer.truncate(keys, to: 18), x: width - 2 - keyWidth, y: y,
        role: isSelected ? .selected : .helpKey)
    }
  }
}
