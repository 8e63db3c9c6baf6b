import ReconEngine

/// The screen of an import's warnings, for a Business Central export opened directly: one row per
/// warning, exportable to CSV like every list.
enum ImportScreen {
  static let title = "Import warnings"

  static func open(_ state: inout AppState) {
    guard let source = state.importSource else {
      state.say("This ledger was not imported from an export: there are no import warnings")
      return
    }
    guard !state.importWarnings.isEmpty else {
      state.say("The import of \(source) had no warnings")
      return
    }
    if case .list(let list)? = state.stack.last, list.title == title { return }
    state.stack.append(.list(list(state.importWarnings)))
  }

  /// The list: No., File, Warning — the file is the part before ": warning: ". Enter opens a
  /// warning whole (the column is cut to the screen).
  static func list(_ warnings: [String]) -> ListView {
    var rows: [[ExportTable.Cell]] = []
    var refs: [RowRef] = []
    for (index, line) in warnings.enumerated() {
      let parts = line.components(separatedBy: ": warning: ")
      let file = parts.count >= 2 ? parts[0] : ""
      let message = parts.count >= 2 ? parts.dropFirst().joined(separator: ": warning: ") : line
      rows.append([.text(String(index + 1)), .text(file), .text(message)])
      refs.append(.text(title: "Warning \(index + 1)", body: line))
    }
    let table = ExportTable(title: title, header: ["No.", "File", "Warning"], rows: rows)
    return ListView(title: title, source: .table(table, refs: refs), exportName: "import-warnings.csv")
  }

  /// Save's suggestion: the export's name with `.json`, or the sample's.
  static func suggestedSnapshotName(_ state: AppState) -> String {
    guard let source = state.importSource else { return "cronus-sample.json" }
    var name = source
    while name.count > 1 && name.hasSuffix("/") { name.removeLast() }
    if let slash = name.lastIndex(of: "/") { name = String(name[name.index(after: slash)...]) }
    for suffix in [".rapidstart", ".xml", ".gz"] where name.lowercased().hasSuffix(suffix) {
      name.removeLast(suffix.count)
    }
    return (name.isEmpty ? "imported" : name) + ".json"
  }

  /// Whether two paths name the same file, ignoring `./` and trailing slashes (no file system
  /// access: the reducer stays pure).
  static func samePath(_ a: String, _ b: String) -> Bool { normalized(a) == normalized(b) }

  private static func normalized(_ path: String) -> String {
    var parts: [Substring] = []
    for part in path.split(separator: "/") where part != "." && !part.isEmpty { parts.append(part) }
    return (path.hasPrefix("/") ? "/" : "") + parts.joined(separator: "/")
  }
}
