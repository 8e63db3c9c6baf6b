import ReconEngine

/// What the run loop must do after an update: the reducer itself never touches files or the
/// terminal.
public enum Effect: Equatable, Sendable {
  case quit
  /// Write an export; `overwrite` false: report `exportWouldOverwrite` when the file exists.
  case writeFile(path: String, contents: String, rows: Int, overwrite: Bool)
  /// Save the snapshot; `overwrite` false (a new name): report `saveWouldOverwrite` when a
  /// file is there.
  case save(path: String, overwrite: Bool)
  case reload(path: String)
  case applyTheme(String)
  case setMouse(Bool)
  /// Work out the explanation of the current filters (a large ledger: off the input thread),
  /// then report `Outcome.explained`.
  case explain
}

/// The workbench's reducer: `update(&state, event)` changes the state and returns effects.
public enum Reducer {
  public static func update(_ state: inout AppState, _ event: Event) -> [Effect] {
    let effects = handle(&state, event)
    Lists.ensureTotals(&state)
    return effects
  }

  static func handle(_ state: inout AppState, _ event: Event) -> [Effect] {
    switch event {
    case .resize(let width, let height):
      state.width = width
      state.height = height
      Layout.keepSelectionVisible(&state)
      return []
    case .tick:
      return []
    case .paste(let text):
      // Into the open prompt, on one line; anywhere else a paste would run as a storm of key
      // commands, so it is refused.
      guard var prompt = state.prompt, !prompt.kind.isConfirmation else {
        state.say("Pasted text is ignored here: open a prompt first (/ search, d dates, i items, : commands)")
        return []
      }
      prompt.text += text.map { $0 == "\n" || $0 == "\r" || $0 == "\t" ? " " : $0 }.reduce(into: "") {
        $0.append($1)
      }
      state.prompt = prompt
      state.paletteSelected = 0
      return []
    case .mouse(let mouse):
      return state.mouseEnabled ? Mouse.handle(&state, mouse) : []
    case .key(let key):
      if state.prompt != nil { return Prompts.handle(&state, key) }
      state.message = nil
      if state.showHelp {
        Help.handle(&state, key)
        return []
      }
      if key == .control("c") { return requestQuit(&state) }
      guard let command = KeyRegistry.command(for: key) else {
        state.say("\(key.label) does nothing here; press ? for the keys")
        return []
      }
      return run(command, &state)
    }
  }

  /// Runs one command (from a key, the palette or the mouse).
  public static func run(_ command: CommandID, _ state: inout AppState) -> [Effect] {
    switch command {
    case .moveUp: Navigation.move(&state, rows: -1)
    case .moveDown: Navigation.move(&state, rows: 1)
    case .moveLeft:
      if !Navigation.moveColumn(&state, by: -1) && !state.stack.isEmpty { Navigation.back(&state) }
    case .moveRight: _ = Navigation.moveColumn(&state, by: 1)
    case .pageUp: Navigation.move(&state, rows: -max(1, Layout.pageRows(state) - 1))
    case .pageDown: Navigation.move(&state, rows: max(1, Layout.pageRows(state) - 1))
    case .top: Navigation.move(&state, rows: -Int.max / 2)
    case .bottom: Navigation.move(&state, rows: Int.max / 2)
    case .drill: Drill.open(&state)
    case .explain: return Explain.start(&state)
    case .timeline: TimelineScreen.open(&state)
    case .back:
      if state.stack.isEmpty && state.focus == .detail {
        state.focus = .main
        state.detailSelected = 0
      } else if state.stack.isEmpty {
        state.say("This is the matrix; q quits")
      } else {
        Navigation.back(&state)
      }
    case .switchPane:
      state.focus = state.stack.isEmpty && state.focus == .main ? .detail : .main
      state.detailSelected = 0
    case .search:
      // Opens empty: ↑ brings back earlier terms.
      state.historyPosition = nil
      state.prompt = Prompt(kind: .search, label: "Search: ", text: "")
    case .searchNext: Search.next(&state, forward: true)
    case .searchPrevious: Search.next(&state, forward: false)
    case .filterRows:
      if state.stack.isEmpty {
        state.say("Row filters work on lists; the matrix has d, i, o and w for its filters")
      } else {
        state.prompt = Prompt(kind: .filterRows, label: "Show rows containing: ", text: "")
      }
    case .clearRowFilter:
      let ledger = state.ledger
      Lists.update(&state) { list in
        list.rowFilter = nil
        Lists.reorder(&list, ledger)
      }
    case .widenColumn, .narrowColumn:
      guard !state.stack.isEmpty, Lists.current(state) != nil else {
        state.say("< and > size the columns of a list; the matrix fits itself to the screen")
        return []
      }
      let step = command == .widenColumn ? 4 : -4
      Lists.update(&state) { list in list.widthChanges[list.column, default: 0] += step }
    case .sortAscending: Lists.sort(&state, ascending: true)
    case .sortDescending: Lists.sort(&state, ascending: false)
    case .editDates:
      state.prompt = Prompt(
        kind: .dates, label: "Posting dates (a..b, ..b, a.., empty = all): ",
        text: state.filters.dates.description)
    case .editItems:
      state.prompt = Prompt(
        kind: .items, label: "Item filter (empty = all): ", text: state.filters.items?.text ?? "")
    case .editLocations:
      state.prompt = Prompt(
        kind: .locations, label: "Location filter (empty = all): ", text: state.filters.locations?.text ?? "")
    case .toggleWarnings:
      var filters = state.filters
      filters.warnings.toggle()
      Filters.apply(&state, filters)
      if !state.messageIsError {
        state.say(
          "Warnings " + (filters.warnings ? "on" : "off")
            + (filters.hasItemOrLocationFilter ? " (they show without item and location filters)" : ""))
      }
    case .toggleAttribution:
      var filters = state.filters
      filters.attributeGL.toggle()
      Filters.apply(&state, filters)
      state.say(
        filters.attributeGL
          ? "G/L attributed to items through the relations"
          : "G/L hidden under item and location filters, as in BC")
    case .export:
      guard Export.csv(state) != nil else {
        state.say("Nothing to export on this screen")
        return []
      }
      state.prompt = Prompt(kind: .export, label: "Export to: ", text: Export.defaultName(state))
    case .post: return Posting.start(&state)
    case .reportValuation, .reportWIP, .reportCostSpec, .reportCostShares, .reportJobWIPToGL:
      Reports.open(command, &state)
    case .jobs: JobsScreens.open(&state)
    case .calculateWIP: JobsScreens.askPostingDate(&state)
    case .postWIP: JobsScreens.askToPost(&state)
    case .reportDates, .reportExpected, .reportMode, .reportDetails: Reports.handle(command, &state)
    case .save:
      if let path = state.snapshotPath { return [.save(path: path, overwrite: true)] }
      state.prompt = Prompt(
        kind: .saveAs, label: "Save snapshot as: ", text: ImportScreen.suggestedSnapshotName(state))
    case .saveAs:
      state.prompt = Prompt(
        kind: .saveAs, label: "Save snapshot as: ",
        text: state.snapshotPath ?? ImportScreen.suggestedSnapshotName(state))
    case .importWarnings:
      ImportScreen.open(&state)
    case .reload:
      guard let path = state.snapshotPath ?? state.importSource else {
        state.say("The bundled sample has no file to reload")
        return []
      }
      if state.dirty {
        state.prompt = Prompt(
          kind: .confirmReload, label: "Reloading discards the unsaved changes. Reload? (y/n) ", text: "")
        return []
      }
      return [.reload(path: path)]
    case .cycleTheme:
      let names = state.themeNames
      let next =
        names.isEmpty ? "default" : names[((names.firstIndex(of: state.themeName) ?? -1) + 1) % names.count]
      state.themeName = next
      state.say("Theme: \(next)")
      return [.applyTheme(next)]
    case .toggleMouse:
      state.mouseEnabled.toggle()
      state.say(state.mouseEnabled ? "Mouse on" : "Mouse off")
      return [.setMouse(state.mouseEnabled)]
    case .help:
      state.showHelp = true
      state.helpScroll = 0
    case .palette:
      state.paletteSelected = 0
      state.prompt = Prompt(kind: .palette, label: ": ", text: "")
    case .quit:
      if !state.stack.isEmpty && state.prompt == nil {
        Navigation.back(&state)
      } else if state.dirty {
        state.prompt = Prompt(
          kind: .confirmQuit, label: "Unsaved changes will be lost. Quit? (y/n) ", text: "")
      } else {
        return [.quit]
      }
    }
    return []
  }

  /// Ctrl+C and signals quit from anywhere, asking first when there are unsaved changes.
  public static func requestQuit(_ state: inout AppState) -> [Effect] {
    if state.dirty {
      state.prompt = Prompt(kind: .confirmQuit, label: "Unsaved changes will be lost. Quit? (y/n) ", text: "")
      return []
    }
    return [.quit]
  }
}
