import Foundation
import ReconEngine
import Testing

@testable import ReconTUI

/// The workbench bugs a day's work ran into (issue 14), each reproduced by its key sequence.
@MainActor
@Suite("Workbench: a day's work")
struct DayWorkTests {
  static let sample = sharedSample

  func makeState(width: Int = 120, height: Int = 40) throws -> AppState {
    try sampleState(width: width, height: height)
  }

  func text(_ state: AppState) -> String { Render.frame(state).lines().joined(separator: "\n") }

  @Test("a failed save-as does not stick: the next Ctrl+W asks again, r has nothing to reload; A always asks")
  func failedSaveAs() throws {
    var state = try makeState()
    _ = press(&state, .character("P"), .character("P"), .character("y"))
    #expect(state.dirty)
    _ = press(&state, .control("w"))
    #expect(state.prompt?.kind == .saveAs)
    _ = press(&state, .control("u"))
    type(&state, "/sys/saved.json")
    #expect(press(&state, .enter) == [.save(path: "/sys/saved.json", overwrite: false)])
    Reducer.finished(
      .saveFailed(
        path: "/sys/saved.json", message: "/sys/saved.json: cannot save into /sys: Permission denied"),
      &state)
    #expect(state.messageIsError)
    #expect(state.snapshotPath == nil)
    #expect(state.snapshotName == "sample")
    #expect(state.dirty)
    // Ctrl+W asks again instead of repeating the failed path; r has no file to reload.
    #expect(press(&state, .control("w")).isEmpty)
    #expect(state.prompt?.kind == .saveAs)
    _ = press(&state, .escape)
    #expect(press(&state, .character("r")).isEmpty)
    #expect(state.message == "The bundled sample has no file to reload")
    // A good name: only now the path moves, and Save writes there without asking.
    _ = press(&state, .control("w"), .control("u"))
    type(&state, "/tmp/good.json")
    #expect(press(&state, .enter) == [.save(path: "/tmp/good.json", overwrite: false)])
    Reducer.finished(.saved(path: "/tmp/good.json", shown: "/tmp/good.json"), &state)
    #expect(!state.dirty)
    #expect(press(&state, .control("w")) == [.save(path: "/tmp/good.json", overwrite: true)])
    // Save as always asks, with the current path to edit.
    #expect(press(&state, .character("A")).isEmpty)
    #expect(state.prompt?.kind == .saveAs)
    #expect(state.prompt?.text == "/tmp/good.json")
    _ = press(&state, .escape)
    // And from the palette.
    _ = press(&state, .character(":"))
    type(&state, "save the snapshot under")
    _ = press(&state, .enter)
    #expect(state.prompt?.kind == .saveAs)
  }

  @Test(
    "the palette lists the matching commands with their keys; the arrows choose; Enter runs the chosen one")
  func paletteChoice() throws {
    var state = try makeState()
    _ = press(&state, .character(":"))
    type(&state, "rep")
    let matches = Palette.matches("rep")
    #expect(matches.count >= 5)
    #expect(matches.contains(.reportValuation) && matches.contains(.post))
    let frame = text(state)
    for command in matches.prefix(5) {
      #expect(frame.contains(String(command.title.prefix(30))), "\(command) listed")
    }
    #expect(frame.contains("\(matches.count) commands"))
    // The first is highlighted; Down twice and Enter runs the third, not the first.
    _ = press(&state, .down, .down)
    #expect(state.paletteSelected == 2)
    let chosen = matches[2]
    _ = press(&state, .enter)
    #expect(state.prompt == nil || chosen == .search || chosen == .export)
    if chosen == .reportWIP || chosen == .reportCostSpec || chosen == .reportCostShares {
      guard case .list(let list) = state.stack.last else { throw TUITestError("no report opened") }
      #expect(list.report != nil)
    }
    // Nothing matches: say so, run nothing.
    var other = try makeState()
    _ = press(&other, .character(":"))
    type(&other, "zzzz")
    #expect(text(other).contains("no command matches"))
    _ = press(&other, .enter)
    #expect(other.messageIsError)
    #expect(other.stack.isEmpty)
  }

  @Test("the palette runs exactly the highlighted command")
  func paletteRunsSelection() throws {
    var state = try makeState()
    _ = press(&state, .character(":"))
    type(&state, "valuation")
    let matches = Palette.matches("valuation")
    guard let index = matches.firstIndex(of: .reportCostSpec) else {
      throw TUITestError("no Cost Spec match")
    }
    for _ in 0..<index { _ = press(&state, .down) }
    _ = press(&state, .enter)
    guard case .list(let list) = state.stack.last else { throw TUITestError("nothing opened") }
    #expect(list.report?.kind == .costSpec)
  }

  @Test("sorting a report keeps each total under its group and the grand total last, in the export too")
  func sortKeepsTotals() throws {
    var state = try makeState()
    _ = press(&state, .character("1"))
    guard case .list(let before) = state.stack.last else { throw TUITestError("no report") }
    let ledger = state.ledger
    func firstCells(_ list: ListView) -> [String] {
      list.order.map { list.source.cells($0, ledger)[0].plain }
    }
    let unsorted = firstCells(before)
    let totalPositions = unsorted.indices.filter {
      unsorted[$0] == "Total" || unsorted[$0].hasPrefix("Total ")
    }
    #expect(totalPositions.count >= 2)
    // A value column: the last one.
    let columns = before.source.header(ledger).count
    for _ in 0..<(columns - 1) { _ = press(&state, .right) }
    _ = press(&state, .character("S"))
    guard case .list(let after) = state.stack.last else { throw TUITestError("no report") }
    let sorted = firstCells(after)
    #expect(
      sorted.indices.filter { sorted[$0] == "Total" || sorted[$0].hasPrefix("Total ") } == totalPositions)
    #expect(sorted.last == "Total")
    // Between two totals: the same lines, ordered by the column, descending.
    var start = 0
    for end in totalPositions {
      let segmentBefore = Set(before.order[start..<end])
      let segmentAfter = Array(after.order[start..<end])
      #expect(Set(segmentAfter) == segmentBefore)
      let values = segmentAfter.map { SortKey(after.source.cells($0, ledger)[columns - 1]) }
      #expect(zip(values, values.dropFirst()).allSatisfy { !($0 < $1) })
      start = end + 1
    }
    guard let (csv, _) = Export.csv(state) else { throw TUITestError("no export") }
    let exportedFirst = csv.split(separator: "\n").dropFirst().map {
      $0.split(separator: ",").first.map(String.init) ?? ""
    }
    #expect(exportedFirst.last?.contains("Total") == true)
  }

  @Test(
    "help is a framed box that scrolls to its last line at 80×24, PgDn scrolls instead of closing",
    arguments: [(80, 24), (120, 40), (200, 50)])
  func helpScrolls(width: Int, height: Int) throws {
    var state = try makeState(width: width, height: height)
    _ = press(&state, .character("?"))
    let first = Render.frame(state).lines()
    #expect(first.contains { $0.contains("┌") && $0.contains("┐") })
    #expect(first.contains { $0.contains("└") && $0.contains("┘") })
    #expect(first.joined().contains("Move"))
    var seen = first.joined(separator: "\n")
    for _ in 0..<40 {
      _ = press(&state, .pageDown)
      #expect(state.showHelp, "PgDn must not close the help")
      seen += "\n" + text(state)
    }
    let box = Help.box(width: width, height: height)
    let lines = Help.lines(for: box)
    #expect(state.helpScroll == Help.maximumScroll(width: width, height: height))
    // The last line of the help is on the screen.
    let last = try #require(lines.last)
    #expect(text(state).contains(last.text))
    // Every word of every title was shown (wrapped, not cut), and every group heading.
    for command in CommandID.allCases {
      for word in command.title.split(separator: " ") {
        #expect(seen.contains(word), "\(word) of \(command)")
      }
    }
    for heading in Set(CommandID.allCases.map(\.group)) { #expect(seen.contains(heading)) }
    // Nothing from behind shows inside the box: its inner rows hold only help text and spaces.
    _ = press(&state, .escape)
    #expect(!state.showHelp)
  }

  @Test("l moves right in the matrix, as h j k l do; Enter opens")
  func hjkl() throws {
    var state = try makeState()
    let column = state.matrixColumn
    _ = press(&state, .character("l"))
    #expect(state.matrixColumn == column + 1)
    #expect(state.stack.isEmpty)
    _ = press(&state, .character("h"))
    #expect(state.matrixColumn == column)
    #expect(KeyRegistry.command(for: .character("l")) == .moveRight)
    #expect(KeyRegistry.command(for: .enter) == .drill)
  }

  @Test("the search prompt opens empty, keeps a history on ↑, says match n of m in the term's own case")
  func searchPrompt() throws {
    var state = try makeState()
    _ = press(&state, .character("/"))
    type(&state, "Variance")
    _ = press(&state, .enter)
    let message = try #require(state.message)
    #expect(message.hasPrefix("“Variance”: match 1 of "))
    _ = press(&state, .character("/"))
    #expect(state.prompt?.text == "")
    type(&state, "zzz")
    _ = press(&state, .enter)
    #expect(state.message == "“zzz” not found")
    _ = press(&state, .character("/"), .up)
    #expect(state.prompt?.text == "zzz")
    _ = press(&state, .up)
    #expect(state.prompt?.text == "Variance")
    _ = press(&state, .down, .down)
    #expect(state.prompt?.text == "")
    _ = press(&state, .escape)
    // n goes on with the last term; the count grows.
    state.lastSearch = "Variance"
    _ = press(&state, .character("n"))
    #expect(state.message?.hasPrefix("“Variance”: match 2 of ") == true)
  }

  @Test("search in the matrix lands on the matching cell, not only its row")
  func searchLandsOnCell() throws {
    var state = try makeState()
    let table = state.reconciliation.matrixTable(decimals: 2)
    // An amount that appears in a column other than the current one.
    var target: (row: Int, column: Int, text: String)?
    for (row, line) in table.rows.enumerated() {
      for column in 2..<line.count where line[column].isNumeric && line[column].display.count >= 8 {
        let display = line[column].display
        let elsewhere = table.rows.enumerated().contains { index, other in
          other.enumerated().contains {
            $0.offset != column || index != row ? $0.element.display.contains(display) : false
          }
        }
        if !elsewhere {
          target = (row, column, display)
          break
        }
      }
      if target != nil { break }
    }
    let found = try #require(target)
    _ = press(&state, .character("/"))
    type(&state, found.text)
    _ = press(&state, .enter)
    #expect(state.matrixRow == found.row)
    #expect(state.matrixColumn == found.column)
    #expect(state.message == "“\(found.text)”: match 1 of 1")
  }

  @Test("E with nothing to export says so at once, without asking for a name")
  func exportNothing() throws {
    var state = try makeState()
    state.stack.append(.text(TextView(title: "Warning", lines: ["a warning"])))
    _ = press(&state, .character("E"))
    #expect(state.prompt == nil)
    #expect(state.message == "Nothing to export on this screen")
  }

  @Test("an export over an existing file asks first; y writes, n cancels; the message shows the full path")
  func exportOverwrite() throws {
    var state = try makeState()
    _ = press(&state, .character("E"))
    let effects = press(&state, .enter)
    guard case .writeFile(let path, let csv, let rows, false)? = effects.first else {
      throw TUITestError("no export: \(effects)")
    }
    Reducer.finished(.exportWouldOverwrite(path: path), &state)
    #expect(state.prompt?.kind == .confirmOverwrite)
    #expect(state.prompt?.label.contains("matrix.csv exists") == true)
    #expect(
      press(&state, .character("y")) == [.writeFile(path: path, contents: csv, rows: rows, overwrite: true)])
    Reducer.finished(.exported(shown: "/home/a/matrix.csv", rows: rows), &state)
    #expect(state.message == "Exported \(rows) rows to /home/a/matrix.csv")
    Reducer.finished(.exportWouldOverwrite(path: path), &state)
    #expect(press(&state, .character("n")).isEmpty)
    #expect(state.message == "Cancelled")
  }

  @Test(
    "the top bar keeps the file name and [modified] at every width, and shortens with an ellipsis",
    arguments: [200, 120, 80, 60, 40, 24])
  func topBar(width: Int) throws {
    var state = try makeState(width: width, height: 24)
    state.snapshotName = "closing-2025.json"
    state.dirty = true
    var filters = state.filters
    filters.items = CodeFilter(parsing: "1000..1999")
    filters.dates = try #require(DateRange(parsing: "2025-01-01..2025-12-31"))
    try state.setFilters(filters)
    let bar = Render.frame(state).line(0)
    #expect(ScreenBuffer.width(of: bar.trimmingCharacters(in: .whitespaces)) <= width)
    if width >= 30 {
      #expect(bar.contains("closing-2025.json [modified]"))
    } else {
      #expect(bar.trimmingCharacters(in: .whitespaces).hasSuffix("[modified]"))
    }
    if width >= 200 {
      #expect(bar.contains("CRONUS Office Furniture Ltd."))
      #expect(bar.contains("Item: 1000..1999"))
    }
    if width >= 120 { #expect(bar.contains("CRONUS Office")) }
    if width == 80 {
      #expect(bar.contains("1000..1999"))
      #expect(bar.contains("2025-01-01..2025-12-31"))
    }
    if bar.contains("CRONUS") && !bar.contains("CRONUS Office Furniture Ltd.") { #expect(bar.contains("…")) }
  }

  @Test(
    "malformed item and location filters are refused with the column of the bad character; dates say what is wrong"
  )
  func filterMessages() throws {
    var state = try makeState()
    let cases: [(Key, String, String)] = [
      (.character("i"), "(1000", "column 1"), (.character("i"), "1000&", "column 5: nothing after “&”"),
      (.character("o"), "|", "column 1: nothing before “|”"),
      (.character("d"), "2025-12-31..2025-01-01", "reversed"),
      (.character("d"), "2025-02-30", "no day of the calendar"),
      (.character("d"), "31.12.2025", "YYYY-MM-DD"),
    ]
    for (key, input, expected) in cases {
      _ = press(&state, key, .control("u"))
      type(&state, input)
      _ = press(&state, .enter)
      #expect(state.messageIsError, "\(input)")
      #expect(state.message?.contains(expected) == true, "\(input): \(state.message ?? "")")
      #expect(state.filters.items == nil && state.filters.locations == nil && state.filters.dates.isAll)
    }
  }

  @Test("lists end with a totals line: the count and the sum of each amount column in the current filter")
  func listSums() throws {
    var state = try makeState()
    _ = press(&state, .character("G"), .up, .up, .up)  // Total × Inventory
    _ = press(&state, .enter, .down, .down, .enter)
    guard case .list(let list) = state.stack.last, case .valueEntries(let rows) = list.source else {
      throw TUITestError("no value entries")
    }
    let totals = try #require(list.totals)
    #expect(totals.count == rows.count)
    let ve = Columns.valueEntry
    let expectedActual = rows.reduce(Int64(0)) {
      $0 + state.ledger.valueEntries[ve.costAmountActual, $1].units
    }
    let expectedQuantity = rows.reduce(Int64(0)) {
      $0 + state.ledger.valueEntries[ve.valuedQuantity, $1].units
    }
    #expect(totals.sums[8]?.value.units == expectedActual)
    #expect(totals.sums[7]?.value.units == expectedQuantity)
    let frame = text(state)
    #expect(frame.contains("Σ \(rows.count) rows"))
    #expect(frame.contains(ExactDecimal(units: expectedActual).grouped(decimals: 2)))
    // A row filter: the sums follow it.
    let firstDate = state.ledger.valueEntries[ve.postingDate, rows[0]].text
    _ = press(&state, .character("f"))
    type(&state, firstDate)
    _ = press(&state, .enter)
    guard case .list(let filtered) = state.stack.last else { throw TUITestError("list gone") }
    let kept = filtered.order.map { rows[$0] }
    #expect(filtered.totals?.count == kept.count && kept.count < rows.count)
    #expect(
      filtered.totals?.sums[8]?.value.units
        == kept.reduce(Int64(0)) { $0 + state.ledger.valueEntries[ve.costAmountActual, $1].units })
    #expect(text(state).contains("(filtered)"))
  }

  @Test("a report's totals line adds the item lines only, so it equals the report's grand total")
  func reportSums() throws {
    var state = try makeState()
    _ = press(&state, .character("1"))
    guard case .list(let list) = state.stack.last else { throw TUITestError("no report") }
    let totals = try #require(list.totals)
    let grand = list.source.cells(list.order[list.order.count - 1], state.ledger)
    #expect(grand.first?.plain == "Total")
    var compared = 0
    for (index, cell) in grand.enumerated() {
      if case .amount(let value, _) = cell {
        #expect(totals.sums[index]?.value == value, "column \(index)")
        compared += 1
      }
    }
    #expect(compared >= 3)
  }

  @Test("Enter in the detail pane opens the entries; one Esc goes back to the matrix")
  func detailPaneBack() throws {
    var state = try makeState()
    _ = press(&state, .character("G"), .up, .up, .up, .tab)
    #expect(state.focus == .detail)
    _ = press(&state, .down, .enter)
    guard case .list(let list) = state.stack.last, case .valueEntries = list.source else {
      throw TUITestError("no entries: \(state.breadcrumbs)")
    }
    #expect(state.stack.count == 1)
    _ = press(&state, .escape)
    #expect(state.stack.isEmpty)
    #expect(state.focus == .detail)
  }

  @Test("report quantities are grouped like the amounts beside them; CSV keeps them plain")
  func groupedQuantities() {
    #expect(ExportTable.Cell.quantity(ExactDecimal(units: 123_456_750_000)).display == "1,234,567.5")
    #expect(ExportTable.Cell.quantity(ExactDecimal(units: 123_456_750_000)).plain == "1234567.5")
    #expect(ExportTable.Cell.quantity(ExactDecimal(units: -100_000_000)).display == "-1,000")
    #expect(ExportTable.Cell.quantity(.zero).display == "0")
  }

  @Test("the light theme keeps the terminal's own text colour, so it reads on a dark background too")
  func lightTheme() throws {
    let light = try #require(ThemeLibrary.builtIn["light"])
    let normal = light.resolve(colours: 256)[.normal]
    #expect(normal?.foreground == -1)
  }

  @Test("the matrix fits its columns to 120 columns; at 80 ◀ ▶ mark the columns off screen")
  func matrixColumnsFit() throws {
    let wide = try makeState(width: 120, height: 40)
    let header = Render.frame(wide).line(2)
    for caption in ["Inventory", "Interim", "WIP", "Total", "G/L Total", "Difference", "Warning"] {
      #expect(header.contains(caption), "\(caption) at 120")
    }
    #expect(!header.contains("▶"))
    var narrow = try makeState(width: 80, height: 24)
    #expect(Render.frame(narrow).line(2).hasSuffix("▶"))
    #expect(!Render.frame(narrow).line(2).contains("◀"))
    for _ in 0..<6 { _ = press(&narrow, .right) }
    let scrolled = Render.frame(narrow).line(2)
    #expect(scrolled.contains("◀") && scrolled.contains("Warning"))
    // The full caption of the cell is at the top right.
    #expect(Render.frame(narrow).line(1).contains("× Warning"))
  }

  @Test("a value-entry list shows its amounts at 80×24; the full caption of the current column is on top")
  func listAmountsShow() throws {
    var state = try makeState(width: 80, height: 24)
    _ = press(&state, .character("G"), .up, .up, .up, .enter, .down, .down, .enter)
    guard case .list(let list) = state.stack.last, case .valueEntries(let rows) = list.source else {
      throw TUITestError("no entries")
    }
    let frame = Render.frame(state).lines()
    let amount = ExactDecimal(
      units: state.ledger.valueEntries[Columns.valueEntry.costAmountActual, rows[1]].units)
    #expect(!amount.isZero)
    #expect(frame[4].contains(amount.grouped(decimals: 2)), "\(frame[4])")
    #expect(frame[2].contains("Cost (A"))
    _ = press(&state, .right, .right, .right)
    #expect(
      Render.frame(state).line(1).contains("ILE Type")
        || Render.frame(state).line(1).contains("Item Ledger Entry Type"))
  }

  @Test("text columns use the room there is, and > < widen and narrow the current column")
  func textColumnsWiden() throws {
    var state = try makeState(width: 200, height: 30)
    let long = "a.csv: warning: " + String(repeating: "a long warning text ", count: 7) + "END"
    state.importSource = "a.rapidstart"
    state.importWarnings = [long]
    _ = press(&state, .character("W"))
    #expect(Render.frame(state).lines().contains { $0.contains("END") })
    var narrow = try makeState(width: 100, height: 30)
    narrow.importSource = "a.rapidstart"
    narrow.importWarnings = [long, "b.csv: warning: short"]
    _ = press(&narrow, .character("W"))
    #expect(!Render.frame(narrow).lines().contains { $0.contains("END") })
    _ = press(&narrow, .right, .character("<"))
    guard case .list(let list) = narrow.stack.last else { throw TUITestError("no list") }
    #expect(list.widthChanges == [1: -4])
    _ = press(&narrow, .character(">"), .character(">"))
    guard case .list(let wider) = narrow.stack.last else { throw TUITestError("no list") }
    #expect(wider.widthChanges == [1: 4])
    var matrix = try makeState()
    _ = press(&matrix, .character(">"))
    #expect(matrix.message?.contains("matrix fits itself") == true)
  }

  @Test("a long step's line says what, how far and how long, over the screen it started from")
  func progressLine() throws {
    #expect(
      ProgressLine.text(
        "Opening big.json", done: 80 << 20, total: 810 << 20, step: .reading, elapsedMilliseconds: 4_420)
        == "Opening big.json: 80 MB of 810 MB (9 %), 4.4 s — Ctrl+C stops")
    #expect(
      ProgressLine.text(
        "Opening big.json", done: 810 << 20, total: 810 << 20, step: .checking, elapsedMilliseconds: 9_050)
        == "Opening big.json: read, checking and indexing, 9.0 s — Ctrl+C stops")
    #expect(
      ProgressLine.text("Explaining", done: nil, total: nil, step: .reading, elapsedMilliseconds: 300)
        == "Explaining…, 0.3 s — Ctrl+C stops")
    #expect(
      ProgressLine.text("Opening s", done: 3000, total: 9000, step: .reading, elapsedMilliseconds: 0)
        .contains("2 KB of 8 KB (33 %)"))
    let state = try makeState(width: 80, height: 24)
    let base = Render.frame(state)
    let frame = ProgressLine.frame(base, width: 80, height: 24, title: "reconbench", text: "Working, 1.0 s")
    #expect(frame.line(23).hasPrefix("Working, 1.0 s"))
    #expect(frame.line(0) == base.line(0))
    let empty = ProgressLine.frame(nil, width: 80, height: 24, title: "reconbench", text: "Opening x")
    #expect(empty.line(0).hasPrefix("reconbench") && empty.line(23).hasPrefix("Opening x"))
  }

  @Test("on a large ledger x hands the explanation to the run loop; its outcome opens the same list")
  func explainInBackground() throws {
    var direct = try makeState()
    direct.matrixRow = 3
    direct.matrixColumn = 6
    _ = press(&direct, .character("x"))
    guard case .list(let expected) = direct.stack.last else { throw TUITestError("no explanation") }
    var state = try makeState()
    state.backgroundThreshold = 0
    state.matrixRow = 3
    state.matrixColumn = 6
    state.say("Saved x.json")
    #expect(press(&state, .character("x")) == [.explain])
    #expect(state.message == nil)
    #expect(state.stack.isEmpty)
    Reducer.finished(.explained(try Explanation(state.ledger, filters: state.filters)), &state)
    guard case .list(let shown) = state.stack.last else { throw TUITestError("no explanation") }
    #expect(shown.title == expected.title)
    #expect(shown.source.count == expected.source.count)
    Reducer.finished(.stopped(what: "The explanation"), &state)
    #expect(state.message == "The explanation stopped")
  }

  @Test(
    "every kind of screen draws within the terminal at 80×24, 120×40 and 200×50",
    arguments: [(80, 24), (120, 40), (200, 50)])
  func everyScreenFits(width: Int, height: Int) throws {
    var state = try makeState(width: width, height: height)
    state.dirty = true
    func check(_ label: String) {
      let lines = Render.frame(state).lines()
      #expect(lines.count == height, "\(label)")
      #expect(lines.allSatisfy { ScreenBuffer.width(of: $0) <= width }, "\(label)")
      #expect(lines[0].contains("sample [modified]"), "\(label): \(lines[0])")
    }
    check("matrix")
    _ = press(&state, .character("G"), .up, .up, .up, .enter)
    check("report lines")
    _ = press(&state, .down, .down, .enter)
    check("value entries")
    let entries = Render.frame(state).lines()
    #expect(entries.contains { $0.hasPrefix("Σ ") }, "totals line at \(width)×\(height)")
    _ = press(&state, .enter)
    check("card")
    _ = press(&state, .escape, .escape, .escape, .character("4"))
    check("cost shares")
    _ = press(&state, .character("?"))
    check("help")
    _ = press(&state, .escape, .character(":"))
    type(&state, "report")
    check("palette")
    #expect(Render.frame(state).lines().contains { $0.contains("Cost Shares Breakdown report") })
  }

  @Test("a paste goes into the open prompt on one line; outside a prompt it never runs as key commands")
  func paste() throws {
    var state = try makeState()
    #expect(Reducer.update(&state, .paste("qqqq:P1")).isEmpty)
    #expect(state.stack.isEmpty && state.prompt == nil)
    #expect(state.message?.contains("Pasted text is ignored") == true)
    _ = press(&state, .character("i"))
    _ = Reducer.update(&state, .paste("1000|\n1100" + String(repeating: " ", count: 10_000)))
    #expect(state.prompt?.text.hasPrefix("1000| 1100") == true)
    _ = press(&state, .enter)
    #expect(state.filters.items?.text == "1000| 1100")
    // A confirmation takes no paste.
    state.prompt = Prompt(kind: .confirmQuit, label: "Quit? ", text: "")
    _ = Reducer.update(&state, .paste("y"))
    #expect(state.prompt?.kind == .confirmQuit && state.prompt?.text == "")
  }

  @Test(
    "review findings: Esc leaves the detail pane; n and N walk the same matches; empty lists do not export")
  func reviewNavigation() throws {
    var state = try makeState()
    _ = press(&state, .tab, .down, .escape)
    #expect(state.focus == .main)
    _ = press(&state, .character("/"))
    type(&state, "Cost")
    _ = press(&state, .enter)
    var seen: [String] = []
    for key in ["n", "n", "N", "N", "n"] {
      _ = press(&state, .character(Character(key)))
      seen.append(state.message ?? "")
    }
    func number(_ text: String) -> Int? {
      text.split(separator: " ").firstIndex(of: "match").map { Int(text.split(separator: " ")[$0 + 1]) ?? -1 }
    }
    let numbers = seen.compactMap(number)
    #expect(numbers == [2, 3, 2, 1, 2], "\(seen)")
    // A list filtered to nothing, and a card without links: nothing to export.
    var list = try makeState()
    _ = press(&list, .character("1"), .character("f"))
    type(&list, "zzzz-no-such-row")
    _ = press(&list, .enter, .character("E"))
    #expect(list.prompt == nil && list.message == "Nothing to export on this screen")
  }

  @Test(
    "review findings: save-as over another file asks; reports replace each other; D says what is wrong; hints stay"
  )
  func reviewSavesAndReports() throws {
    var state = try makeState()
    _ = press(&state, .character("A"), .control("u"))
    type(&state, "/tmp/existing.json")
    #expect(press(&state, .enter) == [.save(path: "/tmp/existing.json", overwrite: false)])
    Reducer.finished(.saveWouldOverwrite(path: "/tmp/existing.json"), &state)
    #expect(state.prompt?.kind == .confirmSaveOverwrite)
    #expect(press(&state, .character("y")) == [.save(path: "/tmp/existing.json", overwrite: true)])
    Reducer.finished(.saved(path: "/tmp/existing.json", shown: "/tmp/existing.json"), &state)
    // Save-as to the open file itself is a plain save.
    _ = press(&state, .character("A"))
    #expect(press(&state, .enter) == [.save(path: "/tmp/existing.json", overwrite: true)])

    var reports = try makeState()
    _ = press(&reports, .character("1"), .character("1"), .character("2"))
    #expect(reports.stack.count == 1)
    guard case .list(let wip) = reports.stack.last else { throw TUITestError("no report") }
    #expect(wip.report?.kind == .wip)
    _ = press(&reports, .escape)
    #expect(reports.stack.isEmpty)
    _ = press(&reports, .character("1"), .character("D"), .control("u"))
    type(&reports, "2025-02-30")
    _ = press(&reports, .enter)
    #expect(reports.message?.contains("no day of the calendar") == true)
    _ = press(&reports, .character("D"), .control("u"))
    type(&reports, "2025-01-01..2025-06-30")
    _ = press(&reports, .enter)
    #expect(reports.message == nil)
    let footer = Render.frame(reports).lines().last ?? ""
    #expect(footer.contains("? help") && footer.contains("D dates") && footer.contains("Esc back"))
    var warnings = try makeState()
    _ = press(&warnings, .character("w"))
    #expect(warnings.message == "Warnings off")
  }

  @Test(
    "review findings: an 80-column report keeps its amounts; ◀ ▶ where columns are left out; totals as the report prints them"
  )
  func reviewColumnsAndTotals() throws {
    var state = try makeState(width: 80, height: 24)
    _ = press(&state, .character("1"))
    guard case .list(let list) = state.stack.last else { throw TUITestError("no report") }
    let header = list.source.header(state.ledger)
    let frame = Render.frame(state).lines()
    #expect(!frame[2].contains("Description"))
    #expect(frame[2].hasSuffix("▶"))
    // At the last column: columns are left out to its left only.
    for _ in 0..<(header.count - 1) { _ = press(&state, .right) }
    let last = Render.frame(state).line(2)
    #expect(last.contains("◀") && !last.hasSuffix("▶"), "\(last)")
    // The count leaves out total lines; the sums are the report's grand total line.
    let totals = try #require(list.totals)
    let cells = list.order.map { list.source.cells($0, state.ledger) }
    #expect(totals.count == cells.filter { !Lists.isTotalLine($0) }.count)
    let grand = try #require(cells.last)
    for (index, cell) in grand.enumerated() {
      if case .amount(let value, _) = cell, !value.isZero { #expect(totals.sums[index]?.value == value) }
    }
    // Cost Spec: per-unit columns are not summed.
    var spec = try makeState()
    _ = press(&spec, .character("3"))
    guard case .list(let specList) = spec.stack.last else { throw TUITestError("no report") }
    let specHeader = specList.source.header(spec.ledger)
    for (index, caption) in specHeader.enumerated()
    where caption.contains("per Unit") || caption.contains("Unit Cost") {
      #expect(specList.totals?.sums[index] == nil, "\(caption)")
    }
  }

  @Test("review findings: the top bar drops parts at their default before a filter in effect")
  func reviewTopBar() throws {
    var state = try makeState(width: 80, height: 24)
    state.snapshotName = "quarterly-closing-snapshot-december-2025-final-v2.json"
    state.dirty = true
    var filters = state.filters
    filters.items = CodeFilter(parsing: "1000")
    try state.setFilters(filters)
    let bar = Render.frame(state).line(0)
    #expect(bar.contains("1000"), "\(bar)")
    #expect(!bar.contains("D:all"), "\(bar)")
    #expect(bar.contains("final-v2.json [modified]"))
  }

  @Test("review findings: help lists each group once; the palette uses the width there is")
  func reviewHelpAndPalette() throws {
    let box = Help.box(width: 120, height: 40)
    let headings = Help.lines(for: box).filter { $0.kind == .heading }.map(\.text)
    #expect(headings.count == Set(headings).count, "\(headings)")
    var state = try makeState(width: 200, height: 50)
    _ = press(&state, .character(":"))
    #expect(text(state).contains("Esc Backspace"))
    type(&state, "explain")
    #expect(text(state).contains(CommandID.explain.title))
  }
}
