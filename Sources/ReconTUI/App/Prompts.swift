import ReconEngine

/// Editing and submitting the one-line prompt.
enum Prompts {
  static func handle(_ state: inout AppState, _ key: Key) -> [Effect] {
    guard var prompt = state.prompt else { return [] }
    if prompt.kind.isConfirmation {
      state.prompt = nil
      guard key == .character("y") || key == .character("Y") else {
        state.pendingExport = nil
        state.pendingSave = nil
        state.say("Cancelled")
        return []
      }
      switch prompt.kind {
      case .confirmQuit: return [.quit]
      case .confirmSaveOverwrite:
        guard let path = state.pendingSave else { return [] }
        state.pendingSave = nil
        return [.save(path: path, overwrite: true)]
      case .confirmOverwrite:
        guard let path = state.pendingExport else { return [] }
        state.pendingExport = nil
        guard let (csv, rows) = Export.csv(state) else {
          state.say("Nothing to export on this screen")
          return []
        }
        return [.writeFile(path: path, contents: csv, rows: rows, overwrite: true)]
      case .confirmReload: return (state.snapshotPath ?? state.importSource).map { [.reload(path: $0)] } ?? []
      case .confirmPostWIP:
        JobsScreens.post(&state)
        return []
      default:
        Posting.confirm(&state)
        return []
      }
    }
    switch key {
    case .escape:
      state.prompt = nil
    case .backspace, .delete:
      if !prompt.text.isEmpty { prompt.text.removeLast() }
      state.prompt = prompt
      state.paletteSelected = 0
    case .control("u"):
      prompt.text = ""
      state.prompt = prompt
      state.paletteSelected = 0
    case .character(let character):
      prompt.text.append(character)
      state.prompt = prompt
      state.paletteSelected = 0
    case .up, .down:
      let step = key == .up ? -1 : 1
      if prompt.kind == .palette {
        Palette.move(&state, by: step)
      } else if prompt.kind == .search, !state.searchHistory.isEmpty {
        let count = state.searchHistory.count
        let position = min(max(0, (state.historyPosition ?? count) + step), count)
        state.historyPosition = position
        prompt.text = position < count ? state.searchHistory[position] : ""
        state.prompt = prompt
      }
    case .enter:
      state.prompt = nil
      return submit(&state, prompt)
    default:
      break
    }
    return []
  }

  static func submit(_ state: inout AppState, _ prompt: Prompt) -> [Effect] {
    let text = prompt.text.trimmingSpaces
    switch prompt.kind {
    case .search:
      guard !text.isEmpty else { return [] }
      state.lastSearch = text
      state.searchHistory.removeAll { $0 == text }
      state.searchHistory.append(text)
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
      let range: DateRange
      switch DateRange.parse(text) {
      case .success(let parsed): range = parsed
      case .failure(let error):
        state.say(error.description, error: true)
        return []
      }
      var filters = state.filters
      filters.dates = range
      Filters.apply(&state, filters)
    case .reportDates:
      Reports.applyDates(text, &state)
    case .wipPostingDate:
      JobsScreens.calculate(text, &state)
    case .items, .locations:
      var filters = state.filters
      var filter: CodeFilter?
      if !text.isEmpty {
        switch CodeFilter.parse(text) {
        case .success(let parsed): filter = parsed
        case .failure(let error):
          state.say(error.description, error: true)
          return []
        }
      }
      if prompt.kind == .items { filters.items = filter } else { filters.locations = filter }
      Filters.apply(&state, filters)
    case .saveAs:
      guard !text.isEmpty else { return [] }
      if let source = state.importSource, ImportScreen.samePath(source, text) {
        state.say(
          "\(text) is the export this ledger came from: save the snapshot under another name", error: true)
        return []
      }
      // The path changes only once the save succeeded (`Reducer.finished(.saved)`).
      // Writing over the file that is open is a plain save; over another file, ask first.
      let current = state.snapshotPath.map { ImportScreen.samePath($0, text) } ?? false
      return [.save(path: text, overwrite: current)]
    case .export:
      guard !text.isEmpty else { return [] }
      guard let (csv, rows) = Export.csv(state) else {
        state.say("Nothing to export on this screen")
        return []
      }
      return [.writeFile(path: text, contents: csv, rows: rows, overwrite: false)]
    case .palette:
      return Palette.submit(&state, text)
    case .confirmQuit, .confirmPost, .confirmReload, .confirmOverwrite, .confirmSaveOverwrite,
      .confirmPostWIP:
      break
    }
    return []
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
