import ReconEngine

/// `/`, `n`, `N`: jump to the next match of the search text (case-insensitive) — in the matrix
/// the next cell, in a list the next row — and say which match of how many it is.
enum Search {
  static func next(_ state: inout AppState, forward: Bool) {
    guard let term = state.lastSearch, !term.isEmpty else {
      state.say("Nothing to search for yet: press /")
      return
    }
    let query = term.lowercased()
    let ledger = state.ledger
    if state.stack.isEmpty {
      // Cells in reading order; a row caption counts as the row's first cell.
      let table = state.reconciliation.matrixTable(decimals: ledger.amountDecimals)
      // A caption match lands on the row's first cell: it and a match there are one match.
      var cells: [(row: Int, column: Int)] = []
      for (row, line) in table.rows.enumerated() {
        for (column, cell) in line.enumerated() where cell.display.lowercased().contains(query) {
          let landing = max(1, column)
          if cells.last.map({ $0.row == row && $0.column == landing }) != true {
            cells.append((row, landing))
          }
        }
      }
      guard !cells.isEmpty else { return state.say("“\(term)” not found", error: true) }
      let here = (state.matrixRow, state.matrixColumn)
      let position: Int
      if forward {
        position = cells.firstIndex { ($0.row, $0.column) > here } ?? 0
      } else {
        position = cells.lastIndex { ($0.row, $0.column) < here } ?? (cells.count - 1)
      }
      state.matrixRow = cells[position].row
      state.matrixColumn = cells[position].column
      state.detailSelected = 0
      state.say("“\(term)”: match \(position + 1) of \(cells.count)")
      return
    }
    var message: String?
    Lists.update(&state) { list in
      var matching: [Int] = []
      for (position, index) in list.order.enumerated() {
        let cells = list.source.cells(index, ledger)
        if cells.contains(where: {
          $0.display.lowercased().contains(query) || $0.plain.lowercased().contains(query)
        }) {
          matching.append(position)
        }
      }
      guard !matching.isEmpty else { return }
      let found: Int
      if forward {
        found = matching.firstIndex { $0 > list.selected } ?? 0
      } else {
        found = matching.lastIndex { $0 < list.selected } ?? (matching.count - 1)
      }
      list.selected = matching[found]
      message = "“\(term)”: match \(found + 1) of \(matching.count)"
    }
    if let message {
      Layout.keepSelectionVisible(&state)
      state.say(message)
    } else {
      state.say("“\(term)” not found", error: true)
    }
  }
}

/// The matrix filters, changed from the workbench.
enum Filters {
  static func apply(_ state: inout AppState, _ filters: ReconciliationFilters) {
    do {
      try state.setFilters(filters)
      // Lists opened under the old filters no longer match the matrix.
      state.stack.removeAll()
      state.focus = .main
      state.detailSelected = 0
      state.say("Recomputed" + state.reconciliation.filterCaption)
    } catch {
      state.say(error.description, error: true)
    }
  }
}

/// `E`: the default file name of the current view.
enum Export {
  static func defaultName(_ state: AppState) -> String {
    switch state.stack.last {
    case nil: return "matrix.csv"
    case .list(let list): return list.exportName
    case .card(let card): return card.links.exportName
    case .text: return "warning.csv"
    }
  }

  /// The whole current view as CSV (all rows in the current filter and sort), and its row count.
  static func csv(_ state: AppState) -> (String, Int)? {
    switch state.stack.last {
    case nil:
      let table = state.reconciliation.matrixTable(decimals: state.ledger.amountDecimals)
      return (table.csv, table.rows.count)
    case .list(let list):
      guard !list.order.isEmpty else { return nil }
      if let table = list.exportTable { return (table.csv, table.rows.count) }
      return (
        list.source.exportTable(state.ledger, order: list.order, title: list.title).csv, list.order.count
      )
    case .card(let card):
      guard !card.links.order.isEmpty else { return nil }
      return (
        card.links.source.exportTable(state.ledger, order: card.links.order, title: card.title).csv,
        card.links.order.count
      )
    case .text:
      return nil
    }
  }
}

/// `P`: the test report of Post Inventory Cost to G/L, then, confirmed, the posting.
enum Posting {
  static let testReportTitle = "Post Inventory Cost to G/L - Test"

  static func start(_ state: inout AppState) -> [Effect] {
    if case .list(let list) = state.stack.last, list.title.hasPrefix(testReportTitle),
      state.pendingPost != nil
    {
      state.prompt = Prompt(kind: .confirmPost, label: "Post these entries to the G/L? (y/n) ", text: "")
      return []
    }
    let (year, month, day) = state.today.components
    let document = "IPC-\(year)\(month < 10 ? "0" : "")\(month)\(day < 10 ? "0" : "")\(day)"
    let options = InventoryCostPosting.Options(
      method: .perPostingGroup, documentNo: document, runDate: state.today)
    do {
      let plan = try InventoryCostPosting.plan(state.ledger, options)
      let table = plan.glLinesTable(state.ledger)
      state.stack.append(
        .list(
          ListView(
            title: "\(testReportTitle) (\(plan.postedRows.count) to post, \(plan.skipped.count) skipped"
              + (plan.stopped.isEmpty ? ")" : ", \(plan.stopped.count) errors)"),
            source: .table(
              table,
              refs: plan.lines.map { .valueEntry($0.valueEntryRow) }
                + plan.skipped.map { .valueEntry($0.valueEntryRow) }
                + plan.stopped.map { .valueEntry($0.valueEntryRow) }),
            exportName: "post-test-report.csv")))
      // BC's batch job stops on the first error and posts nothing: so does the workbench.
      state.pendingPost = plan.postedRows.isEmpty || !plan.stopped.isEmpty ? nil : options
      if let first = plan.stopped.first {
        state.say(
          "Cannot post: \(plan.stopped.count) value entries would stop the run (first: entry \(first.entryNo), \(first.reason.description))",
          error: true)
      } else {
        state.say(
          plan.postedRows.isEmpty
            ? "Nothing to post"
            : "Press P again to post \(plan.postedRows.count) value entries as \(document)")
      }
    } catch {
      state.say(error.description, error: true)
    }
    return []
  }

  static func confirm(_ state: inout AppState) {
    guard let options = state.pendingPost else { return }
    var ledger = state.ledger
    do {
      let summary = try InventoryCostPosting.post(&ledger, options)
      try state.replaceLedger(ledger)
      state.dirty = true
      state.pendingPost = nil
      state.stack.removeAll()
      state.say(summary.description)
    } catch let error as InventoryCostPosting.PostingError {
      state.say(error.description, error: true)
    } catch {
      state.say("\(error)", error: true)
    }
  }
}

/// A report and its options as a report screen shows it.
public struct ReportRequest: Equatable, Sendable {
  public enum Kind: Sendable, Equatable { case valuation, wip, costSpec, costShares, jobWIPToGL }
  public var kind: Kind
  public var start: LedgerDate?
  /// The ending date (the valuation date of Cost Spec.).
  public var end: LedgerDate
  public var includeExpected = false
  public var mode: CostShares.Mode = .sales
  public var details = false
  public var items: CodeFilter?
  public var locations: CodeFilter?

  /// The report as a table, and the CSV export's default name.
  func table(_ ledger: Ledger) -> (ExportTable, String) {
    switch kind {
    case .valuation:
      let report = InventoryValuation(
        ledger,
        .init(start: start, end: end, includeExpected: includeExpected, items: items, locations: locations))
      return (report.table(ledger), "inventory-valuation.csv")
    case .wip:
      return (
        WIPValuation(ledger, .init(start: start, end: end)).table(ledger), "inventory-valuation-wip.csv"
      )
    case .costSpec:
      let report = CostSpecification(ledger, .init(valuationDate: end, items: items, locations: locations))
      return (report.table(ledger), "cost-spec.csv")
    case .costShares:
      let report = CostShares(ledger, .init(start: start, end: end, mode: mode, details: details))
      return (report.table(ledger), "cost-shares-\(mode.rawValue).csv")
    case .jobWIPToGL:
      var table = JobWIPToGL(ledger, .init(postingDate: end)).table(decimals: ledger.amountDecimals)
      table.title = "Job WIP To G/L at \(end.text)"
      return (table, "job-wip-to-gl.csv")
    }
  }

  /// What the footer shows on this report's screen.
  var keyHints: String {
    switch kind {
    case .valuation: return "D dates  e expected cost \(includeExpected ? "on" : "off")"
    case .wip: return "D dates"
    case .costSpec: return "D valuation date"
    case .costShares: return "D dates  M mode: \(mode.rawValue)  v details \(details ? "on" : "off")"
    case .jobWIPToGL: return "D posting date  J jobs"
    }
  }
}

/// Keys 1–5: the valuation reports and Job WIP To G/L as list screens, over the matrix's date range; on a report
/// screen D, e, M and v change its options in place.
enum Reports {
  static func open(_ command: CommandID, _ state: inout AppState) {
    let dates = state.ledger.valueEntries.ordinals(Columns.valueEntry.postingDate)
    let lastDate = dates.max().map { LedgerDate(ordinal: $0).normalDate } ?? state.today
    let end = state.filters.dates.end ?? lastDate
    let start = state.filters.dates.start
    let kind: ReportRequest.Kind
    switch command {
    case .reportValuation: kind = .valuation
    case .reportWIP: kind = .wip
    case .reportCostSpec: kind = .costSpec
    case .reportJobWIPToGL: kind = .jobWIPToGL
    default: kind = .costShares
    }
    let single = kind == .costSpec || kind == .jobWIPToGL
    var request = ReportRequest(
      kind: kind, start: single ? nil : start, end: kind == .jobWIPToGL ? JobsScreens.defaultDate(state) : end
    )
    if kind == .valuation || kind == .costSpec {
      request.items = state.filters.items
      request.locations = state.filters.locations
    }
    let (table, name) = request.table(state.ledger)
    var list = ListView(title: table.title, source: .table(table, refs: []), exportName: name)
    list.report = request
    // From one report to another: the new one takes its place, so Esc goes back to where the
    // reports were opened from.
    if case .list(let top)? = state.stack.last, top.report != nil {
      state.stack[state.stack.count - 1] = .list(list)
    } else {
      state.stack.append(.list(list))
    }
  }

  /// The report on the current screen, or a message saying which screen the key is for.
  static func current(_ state: inout AppState, for command: CommandID) -> ReportRequest? {
    if case .list(let list) = state.stack.last, let request = list.report { return request }
    state.say(
      "\(command.title.components(separatedBy: ":").first ?? "This key") works on a report screen (1–5)")
    return nil
  }

  /// Recomputes the current report screen with changed options, keeping the cursor.
  static func replace(_ state: inout AppState, with request: ReportRequest) {
    guard case .list(var list) = state.stack.last else { return }
    let (table, name) = request.table(state.ledger)
    let selected = list.selected
    list = ListView(title: table.title, source: .table(table, refs: []), exportName: name)
    list.report = request
    list.selected = min(selected, max(0, list.order.count - 1))
    state.stack[state.stack.count - 1] = .list(list)
    // The footer's key hints show the new options (and the title, in the breadcrumbs, the
    // dates): no message over them.
    state.message = nil
  }

  static func handle(_ command: CommandID, _ state: inout AppState) {
    guard var request = current(&state, for: command) else { return }
    switch command {
    case .reportDates:
      let text: String
      if request.kind == .costSpec || request.kind == .jobWIPToGL {
        text = request.end.text
      } else {
        text = DateRange(start: request.start, end: request.end).description
      }
      state.prompt = Prompt(
        kind: .reportDates,
        label: request.kind == .costSpec
          ? "Valuation date: "
          : request.kind == .jobWIPToGL ? "Posting date: " : "Report dates (start..end, ..end): ",
        text: text)
    case .reportExpected:
      guard request.kind == .valuation else { return state.say("e works on the Inventory Valuation report") }
      request.includeExpected.toggle()
      replace(&state, with: request)
    case .reportMode:
      guard request.kind == .costShares else {
        return state.say("M works on the Cost Shares Breakdown report")
      }
      let modes = CostShares.Mode.allCases
      request.mode = modes[((modes.firstIndex(of: request.mode) ?? 0) + 1) % modes.count]
      replace(&state, with: request)
    case .reportDetails:
      guard request.kind == .costShares else {
        return state.say("v works on the Cost Shares Breakdown report")
      }
      request.details.toggle()
      replace(&state, with: request)
    default: break
    }
  }

  /// The report dates prompt's answer: `start..end` or `..end`, or one valuation date.
  static func applyDates(_ text: String, _ state: inout AppState) {
    guard case .list(let list) = state.stack.last, var request = list.report else { return }
    let range: DateRange
    switch DateRange.parse(text) {
    case .success(let parsed): range = parsed
    case .failure(let error): return state.say(error.description, error: true)
    }
    if request.kind == .costSpec || request.kind == .jobWIPToGL {
      guard let date = range.end, range.start == date else {
        let what = request.kind == .costSpec ? "valuation date" : "posting date"
        return state.say("“\(text)”: the \(what) is one date (YYYY-MM-DD)", error: true)
      }
      request.end = date
    } else {
      guard let end = range.end else {
        return state.say(
          "“\(text)”: a report needs an end date: 2025-01-01..2025-12-31 or ..2025-12-31", error: true)
      }
      request.start = range.start
      request.end = end
    }
    replace(&state, with: request)
  }
}
