import ReconEngine

/// Editing and submitting the one-line prompt.
enum Prompts {
  static func handle(_ state: inout AppState, _ key: Key) -> [Effect] {
    guard var prompt = state.prompt else { return [] }
    switch prompt.kind {
    case .confirmQuit, .confirmPost, .confirmReload:
      state.prompt = nil
      guard key == .character("y") || key == .character("Y") else {
        state.say("Cancelled")
        return []
      }
      switch prompt.kind {
      case .confirmQuit: return [.quit]
      case .confirmReload: return (state.snapshotPath ?? state.importSource).map { [.reload(path: $0)] } ?? []
      default:
        Posting.confirm(&state)
        return []
      }
    default:
      break
    }
    switch key {
    case .escape:
      state.prompt = nil
      state.savingAs = false
    case .backspace, .delete:
      if !prompt.text.isEmpty { prompt.text.removeLast() }
      state.prompt = prompt
    case .control("u"):
      prompt.text = ""
      state.prompt = prompt
    case .character(let character):
      prompt.text.append(character)
      state.prompt = prompt
    case .enter:
      state.prompt = nil
      return submit(&state, prompt)
    default:
      break
    }
    return []
  }

  static func submit(_ state: inout AppState, _ prompt: Prompt) -> [Effect] {
    let text = prompt.text.trimmingSpacesAround
    switch prompt.kind {
    case .search:
      state.lastSearch = text
      Search.next(&state, forward: true)
    case .filterRows:
      let ledger = state.ledger
      Lists.update(&state) { list in
        list.rowFilter = text.isEmpty ? nil : text
        Lists.reorder(&list, ledger)
      }
      if let list = Lists.current(state) {
        state.say("\(list.order.count) of \(list.source.count) rows (F shows all)")
      }
    case .dates:
      guard let range = DateRange(parsing: text) else {
        state.say(
          "“\(text)” is not a date range: 2025-01-01..2025-01-31, ..2025-01-31, 2025-01-01.., C2025-12-31 for a closing date",
          error: true)
        return []
      }
      var filters = state.filters
      filters.dates = range
      Filters.apply(&state, filters)
    case .reportDates:
      Reports.applyDates(text, &state)
    case .items, .locations:
      var filters = state.filters
      let filter = text.isEmpty ? nil : CodeFilter(parsing: text)
      if !text.isEmpty && filter == nil {
        state.say("“\(text)” is not a filter", error: true)
        return []
      }
      if prompt.kind == .items { filters.items = filter } else { filters.locations = filter }
      Filters.apply(&state, filters)
    case .export:
      guard !text.isEmpty else { return [] }
      if state.savingAs {
        state.savingAs = false
        if let source = state.importSource, ImportScreen.samePath(source, text) {
          state.say(
            "\(text) is the export this ledger came from: save the snapshot under another name", error: true)
          return []
        }
        state.snapshotPath = text
        state.snapshotName = text
        return [.save(path: text)]
      }
      guard let (csv, rows) = Export.csv(state) else {
        state.say("Nothing to export on this screen")
        return []
      }
      return [.writeFile(path: text, contents: csv, rows: rows)]
    case .palette:
      let wanted = text.lowercased()
      guard
        let command = CommandID.allCases.first(where: {
          $0.rawValue.lowercased() == wanted || $0.title.lowercased().contains(wanted)
        }), !wanted.isEmpty
      else {
        state.say("No command matches “\(text)”", error: true)
        return []
      }
      return Reducer.run(command, &state)
    case .confirmQuit, .confirmPost, .confirmReload:
      break
    }
    return []
  }
}

extension String {
  var trimmingSpacesAround: String {
    var text = Substring(self)
    while text.first == " " { text = text.dropFirst() }
    while text.last == " " { text = text.dropLast() }
    return String(text)
  }
}

/// Click selects, double-click opens, the wheel scrolls.
enum Mouse {
  static func handle(_ state: inout AppState, _ event: MouseEvent) -> [Effect] {
    switch event.kind {
    case .wheelUp: Navigation.move(&state, rows: -3)
    case .wheelDown: Navigation.move(&state, rows: 3)
    case .click, .doubleClick:
      guard let target = Layout.hit(state, x: event.x, y: event.y) else { return [] }
      if state.stack.isEmpty {
        state.matrixRow = target.row
        if let column = target.column { state.matrixColumn = column }
        state.focus = .main
      } else {
        Lists.update(&state) { list in
          list.selected = Navigation.clamp(target.row, list.order.count)
          if let column = target.column { list.column = column }
        }
      }
      if event.kind == .doubleClick { Drill.open(&state) }
    }
    return []
  }
}
