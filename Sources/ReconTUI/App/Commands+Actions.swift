import ReconEngine

/// `/`, `n`, `N`: jump to the next row containing the search text (case-insensitive).
enum Search {
  static func next(_ state: inout AppState, forward: Bool) {
    guard let query = state.lastSearch?.lowercased(), !query.isEmpty else {
      state.say("Nothing to search for yet: press /")
      return
    }
    let ledger = state.ledger
    if state.stack.isEmpty {
      let rows = state.layout.rows
      let table = state.reconciliation.matrixTable(decimals: ledger.amountDecimals)
      for step in 1...rows.count {
        let index = (state.matrixRow + (forward ? step : -step) + rows.count * 2) % rows.count
        if table.rows[index].contains(where: { $0.display.lowercased().contains(query) }) {
          state.matrixRow = index
          return
        }
      }
      state.say("“\(query)” not found", error: true)
      return
    }
    var found = false
    Lists.update(&state) { list in
      let count = list.order.count
      guard count > 0 else { return }
      for step in 1...count {
        let position = (list.selected + (forward ? step : -step) + count * 2) % count
        let cells = list.source.cells(list.order[position], ledger)
        if cells.contains(where: {
          $0.display.lowercased().contains(query) || $0.plain.lowercased().contains(query)
        }) {
          list.selected = position
          found = true
          return
        }
      }
    }
    if found { Layout.keepSelectionVisible(&state) } else { state.say("“\(query)” not found", error: true) }
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
      return (
        list.source.exportTable(state.ledger, order: list.order, title: list.title).csv, list.order.count
      )
    case .card(let card):
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

/// Keys 1–4: the valuation reports as list screens, over the matrix's date range.
enum Reports {
  static func open(_ command: CommandID, _ state: inout AppState) {
    let ledger = state.ledger
    let dates = state.ledger.valueEntries.ordinals(Columns.valueEntry.postingDate)
    let lastDate = dates.max().map { LedgerDate(ordinal: $0).normalDate } ?? state.today
    let end = state.filters.dates.end ?? lastDate
    let start = state.filters.dates.start
    let table: ExportTable
    let name: String
    switch command {
    case .reportValuation:
      table = InventoryValuation(
        ledger, .init(start: start, end: end, items: state.filters.items, locations: state.filters.locations)
      ).table(ledger)
      name = "inventory-valuation.csv"
    case .reportWIP:
      table = WIPValuation(ledger, .init(start: start, end: end)).table(ledger)
      name = "inventory-valuation-wip.csv"
    case .reportCostSpec:
      table = CostSpecification(
        ledger, .init(valuationDate: end, items: state.filters.items, locations: state.filters.locations)
      ).table(ledger)
      name = "cost-spec.csv"
    default:
      table = CostShares(ledger, .init(start: start, end: end, mode: .sales)).table(ledger)
      name = "cost-shares.csv"
    }
    state.stack.append(.list(ListView(title: table.title, source: .table(table, refs: []), exportName: name)))
  }
}
