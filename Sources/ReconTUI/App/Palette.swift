/// `:`: commands by name. While the user types, the matching commands are listed with their
/// keys; the arrows choose one and Enter runs the chosen one, never a hidden first match.
enum Palette {
  /// The commands whose title or name contains every word typed (any order, any case); all of
  /// them for an empty text. Titles that start with the text come first.
  static func matches(_ text: String) -> [CommandID] {
    let words = text.lowercased().split(separator: " ").map(String.init)
    let found = CommandID.allCases.filter { command in
      let haystack = (command.title + " " + command.rawValue).lowercased()
      return words.allSatisfy { haystack.contains($0) }
    }
    let wanted = text.lowercased().trimmingSpaces
    guard !wanted.isEmpty else { return found }
    let leading = found.filter { $0.title.lowercased().hasPrefix(wanted) }
    return leading + found.filter { !$0.title.lowercased().hasPrefix(wanted) }
  }

  /// The keys of a command as the palette shows them.
  static func keys(_ command: CommandID) -> String {
    KeyRegistry.keys(for: command).map(\.label).joined(separator: " ")
  }

  /// Rows the palette list may take on this screen.
  static func visibleRows(_ state: AppState) -> Int { max(1, min(10, state.height - 4)) }

  static func move(_ state: inout AppState, by step: Int) {
    let count = matches(state.prompt?.text ?? "").count
    guard count > 0 else { return }
    state.paletteSelected = min(max(0, state.paletteSelected + step), count - 1)
  }

  static func submit(_ state: inout AppState, _ text: String) -> [Effect] {
    let found = matches(text)
    guard !found.isEmpty else {
      state.say("No command matches “\(text)”", error: true)
      return []
    }
    let command = found[min(max(0, state.paletteSelected), found.count - 1)]
    state.paletteSelected = 0
    return Reducer.run(command, &state)
  }
}
