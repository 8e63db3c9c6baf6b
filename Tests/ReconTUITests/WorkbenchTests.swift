import Foundation
import ReconEngine
import Testing

@testable import ReconTUI

/// The workbench's state, reducer and renderer on the bundled sample, at several sizes.
@MainActor
@Suite("Workbench")
struct WorkbenchTests {
  static let sample = sharedSample

  func makeState(width: Int = 120, height: Int = 40) throws -> AppState {
    try sampleState(width: width, height: height)
  }

  @Test(
    "the first screen: filter bar, matrix with pinned captions, detail pane, status line",
    arguments: [(80, 24), (120, 40)])
  func firstScreen(width: Int, height: Int) throws {
    let state = try makeState(width: width, height: height)
    let frame = Render.frame(state)
    let lines = frame.lines()
    #expect(lines[0].hasPrefix("CRONUS Office Furniture Ltd."))
    #expect(lines[1].hasPrefix("Matrix"))
    #expect(lines[3].hasPrefix("Inventory To WIP"))
    #expect(lines.contains { $0.hasPrefix("Difference ") })
    #expect(lines[height - 1].contains("? help"))
    #expect(frame[0, 0].role == .filterBar)
    #expect(frame[0, 3].role == .pinned)
    // The current cell is highlighted.
    #expect((0..<width).contains { frame[$0, 3].role == .selected })
    if height >= 40 { #expect(lines.contains { $0.contains("Behind Inventory To WIP × Inventory") }) }
  }

  @Test("negatives and non-zero differences are styled")
  func styles() throws {
    var state = try makeState(width: 160, height: 40)
    state.matrixColumn = 1
    let frame = Render.frame(state)
    let lines = frame.lines()
    let differenceRow = try #require(lines.firstIndex { $0.hasPrefix("Difference ") })
    let x = try #require(lines[differenceRow].range(of: "-791,735.08")).lowerBound.utf16Offset(
      in: lines[differenceRow])
    #expect(frame[x, differenceRow].role == .variance)
    let cogsRow = try #require(lines.firstIndex { $0.hasPrefix("Direct Cost Applied") })
    let negative = try #require(lines[cogsRow].range(of: "-1,934,052.48")).lowerBound.utf16Offset(
      in: lines[cogsRow])
    #expect(frame[negative, cogsRow].role == .negative)
  }

  @Test("small terminals: 40×10 still draws, 1×1 says it is too small, both recover")
  func smallSizes() throws {
    var state = try makeState(width: 40, height: 10)
    #expect(Render.frame(state).lines()[0].hasPrefix("CRONUS"))
    _ = Reducer.update(&state, .resize(width: 1, height: 1))
    #expect(Render.frame(state).lines() == ["t"])
    _ = Reducer.update(&state, .resize(width: 20, height: 5))
    #expect(Render.frame(state).lines()[0].hasPrefix("too small"))
    #expect(Render.frame(state).lines()[1].hasPrefix("20x5"))
    _ = Reducer.update(&state, .resize(width: 80, height: 24))
    #expect(Render.frame(state).lines()[0].hasPrefix("CRONUS"))
  }

  @Test("drill three levels and back: each screen keeps its selection and scroll")
  func drillAndBack() throws {
    var state = try makeState()
    _ = press(&state, .character("G"), .up, .up, .up, .right, .left)  // Total × Inventory
    #expect(state.matrixRow == 14 && state.matrixColumn == 1)
    _ = press(&state, .enter)
    guard case .list(let lines) = state.stack.last else { throw TUITestError("no report lines") }
    #expect(lines.title == "Total × Inventory")
    _ = press(&state, .down, .down, .enter)
    guard case .list(let entries) = state.stack.last else { throw TUITestError("no entries") }
    #expect(entries.source.count > 10)
    _ = press(&state, .pageDown, .down)
    guard case .list(let scrolled) = state.stack.last else { throw TUITestError("no entries") }
    #expect(scrolled.selected == Layout.pageRows(state))
    _ = press(&state, .enter)
    guard case .card(let card) = state.stack.last else { throw TUITestError("no card") }
    #expect(card.title.hasPrefix("Value Entry "))
    #expect(card.fields.contains { $0.name == "Cost Amount (Actual)" })
    #expect(!card.fields.contains { $0.name == "costAmountActual" })
    #expect(state.breadcrumbs.count == 4)
    #expect(Render.frame(state).lines()[1].contains("› Value Entry"))
    _ = press(&state, .escape)
    guard case .list(let back) = state.stack.last else { throw TUITestError("not back") }
    #expect(back.selected == scrolled.selected && back.top == scrolled.top && back.top > 0)
    #expect(entries.selected == 0)
    _ = press(&state, .escape, .escape)
    #expect(state.stack.isEmpty && state.matrixRow == 14 && state.matrixColumn == 1)
  }

  @Test("a Difference cell opens both sides; a warning cell its explanation")
  func differenceAndWarning() throws {
    var state = try makeState()
    state.matrixRow = 3  // Direct Cost Applied
    state.matrixColumn = 6  // Difference
    _ = press(&state, .enter)
    guard case .list(let list) = state.stack.last, case .reportLines(let lines) = list.source else {
      throw TUITestError("no lines")
    }
    #expect(lines.contains { if case .glAccount = $0.line.kind { true } else { false } })
    #expect(lines.contains { if case .item = $0.line.kind { true } else { false } })
    _ = press(&state, .escape)
    state.matrixRow = state.layout.rows.firstIndex(of: .warning) ?? 0
    state.matrixColumn = 1
    _ = press(&state, .enter)
    guard case .text(let text) = state.stack.last else { throw TUITestError("no explanation") }
    #expect(text.lines[0] == "Post Cost to G/L")
    #expect(text.lines.joined(separator: " ").contains("Post Inventory Cost to G/L"))
  }

  @Test("search with / n N, row filter with f and F, sort with s and S")
  func searchFilterSort() throws {
    var state = try makeState()
    state.matrixRow = 7  // COGS
    _ = press(&state, .enter, .enter)  // COGS × Inventory → first item's entries
    _ = press(&state, .character("/"))
    type(&state, "SI-")
    _ = press(&state, .enter)
    guard case .list(let found) = state.stack.last else { throw TUITestError("no list") }
    let cells = found.source.cells(found.order[found.selected], state.ledger)
    #expect(cells[5].plain.hasPrefix("SI-"))
    _ = press(&state, .character("n"))
    _ = press(&state, .character("f"))
    type(&state, "SI-000")
    _ = press(&state, .enter)
    guard case .list(let filtered) = state.stack.last else { throw TUITestError("no list") }
    #expect(filtered.order.count < filtered.source.count && !filtered.order.isEmpty)
    _ = press(&state, .right, .right, .right, .right, .right, .right, .right, .right)  // Cost Amount (Actual)
    _ = press(&state, .character("S"))
    guard case .list(let sorted) = state.stack.last else { throw TUITestError("no list") }
    let amounts = sorted.order.map { sorted.source.cells($0, state.ledger)[8] }.map { SortKey($0) }
    #expect(amounts == amounts.sorted(by: >))
    _ = press(&state, .character("F"))
    guard case .list(let all) = state.stack.last else { throw TUITestError("no list") }
    #expect(all.order.count == all.source.count)
  }

  @Test("changing the date filter recomputes the matrix")
  func dateFilter() throws {
    var state = try makeState()
    _ = press(&state, .character("d"))
    type(&state, "2025-10-01..2025-12-27")
    _ = press(&state, .enter)
    #expect(state.filters.dates.description == "2025-10-01..2025-12-27")
    #expect(state.reconciliation.difference[.inventory] == ExactDecimal(1_250))
    #expect(Render.frame(state).lines()[0].contains("Dates: 2025-10-01..2025-12-27"))
    _ = press(&state, .character("d"))
    type(&state, "nonsense")
    _ = press(&state, .enter)
    #expect(state.messageIsError)
    _ = press(&state, .character("i"))
    type(&state, "1000")
    _ = press(&state, .enter)
    #expect(state.layout.columns.count == 4)
    _ = press(&state, .character("a"))
    #expect(state.layout.columns.count == 6)
    #expect(Render.frame(state).lines()[0].contains("G/L: by item"))
  }

  @Test("the date prompt takes closing dates: ..C2025-12-31 includes the closing date, ..2025-12-31 does not")
  func closingDateFilter() throws {
    var state = try makeState()
    _ = press(&state, .character("d"))
    type(&state, "..C2025-12-31")
    _ = press(&state, .enter)
    #expect(!state.messageIsError)
    #expect(state.filters.dates.end == LedgerDate("C2025-12-31"))
    #expect(state.filters.dates.contains(try #require(LedgerDate("C2025-12-31"))))
    #expect(Render.frame(state).lines()[0].contains("Dates: ..C2025-12-31"))
    _ = press(&state, .character("d"))
    for _ in 0..<20 { _ = press(&state, .backspace) }
    type(&state, "..2025-12-31")
    _ = press(&state, .enter)
    #expect(!state.filters.dates.contains(try #require(LedgerDate("C2025-12-31"))))
  }

  @Test("export writes the whole view, the same CSV as the headless command")
  func export() throws {
    var state = try makeState()
    var effects = press(&state, .character("E"))
    #expect(state.prompt?.text == "matrix.csv")
    effects = press(&state, .enter)
    let expected = try Reconciliation(Self.sample, filters: ReconciliationFilters()).matrixTable(decimals: 2)
      .csv
    #expect(effects == [.writeFile(path: "matrix.csv", contents: expected, rows: 18, overwrite: false)])
    state.matrixRow = 7
    _ = press(&state, .enter)
    effects = press(&state, .control("s"), .enter)
    guard case .writeFile(let path, let contents, let rows, _) = effects.first else {
      throw TUITestError("no export")
    }
    #expect(path == "cogs-inventory.csv")
    let result = try Reconciliation(Self.sample, filters: ReconciliationFilters())
    #expect(contents == result.reportLinesTable(result.drill(.cogs, .inventory), ledger: Self.sample).csv)
    #expect(rows == result.drill(.cogs, .inventory).itemLines.count)
  }

  @Test("posting from the workbench: test report, confirm, reconciled, marked unsaved")
  func post() throws {
    var state = try makeState()
    _ = press(&state, .character("P"))
    guard case .list(let report) = state.stack.last else { throw TUITestError("no test report") }
    #expect(report.title.hasPrefix("Post Inventory Cost to G/L - Test (31 to post"))
    _ = press(&state, .character("P"))
    #expect(state.prompt?.kind == .confirmPost)
    _ = press(&state, .character("y"))
    #expect(state.dirty)
    #expect(state.message?.hasPrefix("31 value entries posted") == true)
    #expect(state.reconciliation.difference[.inventoryInterim].isZero)
    #expect(Render.frame(state).lines()[0].contains("[modified]"))
    // Quitting now asks first.
    _ = press(&state, .character("q"))
    #expect(state.prompt?.kind == .confirmQuit)
    #expect(press(&state, .character("n")).isEmpty)
    _ = press(&state, .character("q"))
    #expect(press(&state, .character("y")) == [.quit])
  }

  @Test("x explains the current cell's Difference by cause; Enter opens the entries behind an item")
  func explain() throws {
    var state = try makeState()
    state.matrixRow = state.layout.rows.firstIndex(of: .difference) ?? 0
    state.matrixColumn = 1
    _ = press(&state, .character("x"))
    guard case .list(let list) = state.stack.last, case .table(let table, _) = list.source else {
      throw TUITestError("no explanation")
    }
    #expect(list.title == "Explain Inventory")
    #expect(table.header.first == "Account Type")
    let causes = table.rows.map { $0[2].plain }
    #expect(
      causes.contains("Unposted cost") && causes.contains("Direct posting")
        && causes.contains("Posting setup changed"))
    let direct = try #require(table.rows.firstIndex { $0[2].plain == "Direct posting" })
    state.stack[0] = .list(
      {
        var l = list; l.selected = direct; return l
      }())
    _ = press(&state, .enter)
    guard case .list(let entries) = state.stack.last, case .glEntries(let rows) = entries.source else {
      throw TUITestError("no entries")
    }
    #expect(rows.count == 1)
  }

  @Test("reports open as screens")
  func reports() throws {
    var state = try makeState()
    for (key, title) in [
      ("1", "Inventory Valuation"), ("2", "Inventory Valuation - WIP"), ("3", "Invt. Valuation - Cost Spec."),
      ("4", "Cost Shares Breakdown"),
    ] {
      _ = press(&state, .character(Character(key)))
      guard case .list(let list) = state.stack.last else { throw TUITestError("no report") }
      #expect(list.title.hasPrefix(title))
      #expect(list.source.count > 1)
      _ = press(&state, .escape)
    }
  }

  @Test("each report screen has its options: dates, expected cost, mode, details; the footer names them")
  func reportOptions() throws {
    var state = try makeState()
    func report() throws -> (ListView, ReportRequest) {
      guard case .list(let list) = state.stack.last, let request = list.report else {
        throw TUITestError("no report")
      }
      return (list, request)
    }
    _ = press(&state, .character("1"))
    let plainColumns = try report().0.source.header(state.ledger).count
    _ = press(&state, .character("e"))
    #expect(try report().1.includeExpected)
    #expect(try report().0.source.header(state.ledger).count > plainColumns)
    #expect(Render.frame(state).lines().last?.contains("e expected cost on") == true)
    _ = press(&state, .character("D"))
    #expect(state.prompt?.kind == .reportDates)
    for _ in 0..<30 { _ = press(&state, .backspace) }
    type(&state, "2025-04-01..2025-06-30")
    _ = press(&state, .enter)
    #expect(try report().1.start == LedgerDate("2025-04-01"))
    #expect(try report().1.end == LedgerDate("2025-06-30"))
    #expect(try report().0.title == "Inventory Valuation")
    _ = press(&state, .escape)
    _ = press(&state, .character("4"))
    #expect(try report().1.mode == .sales)
    _ = press(&state, .character("M"))
    #expect(try report().1.mode == .inventory)
    #expect(try report().0.title == "Cost Shares Breakdown (Inventory)")
    _ = press(&state, .character("M"))
    #expect(try report().1.mode == .wip)
    let lines = try report().0.source.count
    _ = press(&state, .character("v"))
    #expect(try report().1.details)
    #expect(try report().0.source.count > lines)
    #expect(Render.frame(state).lines().last?.contains("M mode: wip") == true)
    _ = press(&state, .escape)
    _ = press(&state, .character("3"))
    _ = press(&state, .character("D"))
    #expect(state.prompt?.label == "Valuation date: ")
    for _ in 0..<30 { _ = press(&state, .backspace) }
    type(&state, "2025-06-30")
    _ = press(&state, .enter)
    #expect(try report().0.title == "Invt. Valuation - Cost Spec. (2025-06-30)")
    _ = press(&state, .character("e"))
    #expect(state.message == "e works on the Inventory Valuation report")
    _ = press(&state, .escape)
    _ = press(&state, .character("M"))
    #expect(state.message?.contains("works on a report screen") == true)
  }

  @Test("help is generated from the key registry; the palette runs commands by name")
  func helpAndPalette() throws {
    var state = try makeState(width: 100, height: 50)
    _ = press(&state, .character("?"))
    let text = Render.frame(state).lines().joined(separator: "\n")
    for (keys, title) in KeyRegistry.helpLines.prefix(10) {
      #expect(text.contains(keys) && text.contains(title))
    }
    _ = press(&state, .escape)
    #expect(!state.showHelp)
    _ = press(&state, .character(":"))
    type(&state, "valuation")
    _ = press(&state, .enter)
    guard case .list(let list) = state.stack.last else { throw TUITestError("palette did nothing") }
    #expect(list.title.hasPrefix("Inventory Valuation"))
  }

  @Test("mouse: click selects, double-click drills, wheel scrolls; it can be switched off")
  func mouse() throws {
    var state = try makeState()
    let geometry = Render.matrixGeometry(state)
    let cogsColumn = try #require(geometry.first { $0.index == 4 })
    _ = Reducer.update(&state, .mouse(MouseEvent(kind: .click, x: cogsColumn.x + 1, y: 3 + 7)))
    #expect(state.matrixRow == 7 && state.matrixColumn == 4)
    _ = Reducer.update(&state, .mouse(MouseEvent(kind: .doubleClick, x: cogsColumn.x + 1, y: 3 + 7)))
    #expect(state.stack.count == 1)
    _ = Reducer.update(&state, .mouse(MouseEvent(kind: .wheelDown, x: 5, y: 10)))
    guard case .list(let list) = state.stack.last else { throw TUITestError("no list") }
    #expect(list.selected == 3)
    #expect(press(&state, .character("m")) == [.setMouse(false)])
    _ = Reducer.update(&state, .mouse(MouseEvent(kind: .wheelDown, x: 5, y: 10)))
    guard case .list(let still) = state.stack.last else { throw TUITestError("no list") }
    #expect(still.selected == 3)
  }

  @Test("CJK and emoji names keep the columns aligned")
  func wideCharacters() {
    var buffer = ScreenBuffer(width: 20, height: 2)
    buffer.put("在庫 部品", x: 0, y: 0, role: .normal)
    buffer.put("|", x: 10, y: 0, role: .normal)
    buffer.put("😀ab", x: 0, y: 1, role: .normal)
    buffer.put("|", x: 10, y: 1, role: .normal)
    #expect(ScreenBuffer.width(of: "在庫 部品") == 9)
    #expect(buffer[1, 0].width == 0 && buffer[0, 0].width == 2)
    #expect(buffer.line(0) == "在庫 部品 |         ")
    #expect(buffer.line(1) == "😀ab      |         ")
    // A wide character that does not fit is not split.
    var narrow = ScreenBuffer(width: 3, height: 1)
    narrow.put("a在庫", x: 0, y: 0, role: .normal)
    #expect(narrow.line(0) == "a在")
    #expect(ScreenBuffer.truncate("Conference Table Walnut", to: 10) == "Conferenc…")
  }

  @Test("themes: the bundled four load, files on disk match them, a broken file falls back")
  func themes() throws {
    #expect(Set(ThemeLibrary.builtIn.keys) == ["default", "light", "high-contrast", "mono"])
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    for (name, json) in BuiltinThemes.files {
      let onDisk = try String(contentsOf: root.appendingPathComponent("Themes/\(name).json"), encoding: .utf8)
      #expect(onDisk == json + "\n", "Themes/\(name).json is stale: run reconbench export-themes")
    }
    let resolved = try #require(ThemeLibrary.builtIn["default"]).resolve(colours: 256)
    #expect(resolved[.negative]?.foreground == 1)
    #expect(resolved[.variance]?.foreground == 214)
    #expect(try #require(ThemeLibrary.builtIn["default"]).resolve(colours: 8)[.variance]?.foreground == 3)
    #expect(try #require(ThemeLibrary.builtIn["mono"]).resolve(colours: 0)[.selected]?.reverse == true)
    let folder = NSTemporaryDirectory() + "themes-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try "{\"name\": \"broken\", \"styles\": {\"default\": {\"fg\": \"purple-ish\"}}}".write(
      toFile: folder + "/broken.json", atomically: true, encoding: .utf8)
    let (theme, warning) = ThemeLibrary.load("broken", configFolder: folder)
    #expect(theme.name == "default")
    #expect(warning?.contains("unknown colour \"purple-ish\"") == true)
    let (light, none) = ThemeLibrary.load("light", configFolder: folder)
    #expect(light.name == "light" && none == nil)
    var state = try makeState()
    #expect(press(&state, .character("T")) == [.applyTheme("light")])
  }

  @Test("a key press renders a frame of a million-entry-sized list quickly enough to measure")
  func keysMarkdown() {
    #expect(KeyRegistry.markdown.contains("| `/` | Search forward |"))
    #expect(Set(KeyRegistry.bindings.map(\.0)) == Set(CommandID.allCases))
  }
}

struct TUITestError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}
