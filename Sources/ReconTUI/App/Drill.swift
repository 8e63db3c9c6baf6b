import ReconEngine

/// Enter: open what lies behind the selection.
enum Drill {
  static func open(_ state: inout AppState) {
    if state.stack.isEmpty {
      if state.focus == .detail {
        let lines = Layout.detailLines(state)
        guard lines.indices.contains(state.detailSelected) else { return }
        openCell(&state)
        // Then straight into the chosen report line; the cell's list in between is left out,
        // so one Esc goes back to the matrix, where the Enter was pressed.
        if case .list(var list) = state.stack.last {
          list.selected = state.detailSelected
          state.stack[state.stack.count - 1] = .list(list)
          let depth = state.stack.count
          openRow(&state)
          if state.stack.count > depth { state.stack.remove(at: depth - 1) }
        }
        return
      }
      openCell(&state)
      return
    }
    openRow(&state)
  }

  /// A matrix cell: its report lines (both sides for a Difference cell) or a warning's text.
  static func openCell(_ state: inout AppState) {
    let (row, column) = state.currentCell
    let drill = state.reconciliation.drill(row, column)
    let title = "\(row.caption) × \(column.caption)"
    if drill.formula == nil {
      if let warning = drill.warning {
        state.stack.append(
          .text(TextView(title: warning.text, lines: [warning.text, ""] + wrap(warning.explanation))))
      } else {
        state.say(drill.isWarningCell ? "No warning in this cell" : "Nothing behind this cell")
      }
      return
    }
    let lines = drill.glLines + drill.itemLines
    if lines.isEmpty {
      state.say("No report lines behind \(title): the amount is zero")
      return
    }
    let file = "\(row.caption)-\(column.caption)".lowercased().filter {
      $0.isLetter || $0.isNumber || $0 == "-"
    }
    state.stack.append(.list(ListView(title: title, source: .reportLines(lines), exportName: file + ".csv")))
  }

  /// A list row: report line → entries; entry → its card; card link → that entry's card.
  static func openRow(_ state: inout AppState) {
    guard let list = Lists.current(state), list.order.indices.contains(list.selected) else { return }
    let ref = list.source.ref(list.order[list.selected])
    let ledger = state.ledger
    switch ref {
    case .item(let item, let field):
      let rows = state.reconciliation.valueEntryRows(item: item, field: field, in: ledger)
      state.stack.append(
        .list(
          ListView(
            title: "\(ledger.string(item)) \(field.caption)", source: .valueEntries(rows),
            exportName: "value-entries-\(ledger.string(item)).csv")))
    case .glAccount(let account):
      let rows = state.reconciliation.glEntryRows(account: account, in: ledger)
      state.stack.append(
        .list(
          ListView(
            title: "G/L \(ledger.string(account))", source: .glEntries(rows),
            exportName: "gl-entries-\(ledger.string(account)).csv")))
    case .valueEntry(let row):
      state.stack.append(.card(Cards.valueEntry(row, ledger)))
    case .glEntry(let row):
      state.stack.append(.card(Cards.glEntry(row, ledger)))
    case .entries(let valueRows, let glRows):
      if !valueRows.isEmpty {
        state.stack.append(
          .list(
            ListView(
              title: "Value entries", source: .valueEntries(valueRows), exportName: "value-entries.csv")))
      } else if !glRows.isEmpty {
        state.stack.append(
          .list(ListView(title: "G/L entries", source: .glEntries(glRows), exportName: "gl-entries.csv")))
      } else {
        state.say("No entries behind this item")
      }
    case .period(let range):
      var filters = state.filters
      filters.dates = range
      Filters.apply(&state, filters)
    case .job(let job):
      JobsScreens.openTasks(of: job, &state)
    case .jobTask(let job, let task):
      JobsScreens.openLines(job: job, task: task, &state)
    case .text(let title, let body):
      state.stack.append(.text(TextView(title: title, lines: wrap(body, width: max(20, state.width - 4)))))
    case .none:
      state.say("Nothing to open on this line")
    }
  }

  static func wrap(_ text: String, width: Int = 70) -> [String] {
    var lines: [String] = []
    var line = ""
    for word in text.split(separator: " ") {
      if !line.isEmpty && line.count + word.count + 1 > width {
        lines.append(line)
        line = ""
      }
      line += (line.isEmpty ? "" : " ") + word
    }
    if !line.isEmpty { lines.append(line) }
    return lines
  }
}

/// `x`: the reconciling items behind the current cell's Difference, grouped by cause. On a
/// large ledger the explanation is worked out by the run loop on another thread (a second or
/// more at a million entries), with a progress line; `finished(.explained)` then opens it.
enum Explain {
  static func start(_ state: inout AppState) -> [Effect] {
    guard state.stack.isEmpty else {
      state.say("x explains a matrix cell; go back to the matrix first")
      return []
    }
    guard !state.filters.hidesGLSide else {
      state.say("Explanations need the G/L side: clear the item and location filters", error: true)
      return []
    }
    guard field(state) != nil else {
      state.say("This row has no G/L account to explain")
      return []
    }
    if state.ledger.valueEntries.count >= state.backgroundThreshold {
      state.message = nil
      return [.explain]
    }
    do {
      show(try Explanation(state.ledger, filters: state.filters), &state)
    } catch {
      state.say(error.description, error: true)
    }
    return []
  }

  /// The field the current cell explains, if it has a G/L side.
  static func field(_ state: AppState) -> ReconciliationField? {
    let (row, column) = state.currentCell
    guard let field = row.field ?? column.field, Explanation.fields.contains(field) else { return nil }
    return field
  }

  /// Opens the reconciling items of the current cell's field.
  static func show(_ explanation: Explanation, _ state: inout AppState) {
    guard let field = field(state) else { return }
    let ledger = state.ledger
    let items = explanation.items.filter { $0.field == field }
    guard !items.isEmpty else {
      state.say("\(field.caption): nothing to explain, the Difference is zero")
      return
    }
    var table = explanation.table(ledger)
    table.rows = table.rows.filter { $0.first?.plain == field.caption }
    let refs: [RowRef] = items.map { item in
      .entries(
        valueRows: item.valueEntryNos.compactMap { ledger.indexes.valueEntryByNumber.row(of: $0) },
        glRows: item.glEntryNos.compactMap { ledger.indexes.glEntryByNumber.row(of: $0) })
    }
    let file = "explain-" + field.caption.lowercased().filter { $0.isLetter || $0.isNumber } + ".csv"
    state.stack.append(
      .list(ListView(title: "Explain \(field.caption)", source: .table(table, refs: refs), exportName: file)))
  }
}

/// Entry cards: every field of the entry, and its linked entries through the relations.
enum Cards {
  static func valueEntry(_ row: Int, _ ledger: Ledger) -> CardView {
    let fields = fieldList(ledger.valueEntries, row, ledger)
    let links = ledger.glEntryRows(ofValueEntryRow: row)
    let number = ledger.valueEntries[Columns.valueEntry.entryNo, row]
    return CardView(
      title: "Value Entry \(number)", fields: fields,
      links: ListView(
        title: "G/L entries", source: .glEntries(links), exportName: "gl-entries-of-value-entry-\(number).csv"
      ))
  }

  static func glEntry(_ row: Int, _ ledger: Ledger) -> CardView {
    let fields = fieldList(ledger.glEntries, row, ledger)
    let links = ledger.valueEntryRows(ofGLEntryRow: row)
    let number = ledger.glEntries[Columns.glEntry.entryNo, row]
    return CardView(
      title: "G/L Entry \(number)", fields: fields,
      links: ListView(
        title: "Value entries", source: .valueEntries(links),
        exportName: "value-entries-of-gl-entry-\(number).csv"))
  }

  static func fieldList(_ table: LedgerTable, _ row: Int, _ ledger: Ledger) -> [(name: String, value: String)]
  {
    table.captionedFieldTexts(row: row, ledger: ledger)
  }
}
