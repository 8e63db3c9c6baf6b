/// Every action of the workbench. The key registry below maps keys to these; the `?` help, the
/// `:` palette and KEYS.md are generated from it, so they can never disagree with the keys.
public enum CommandID: String, CaseIterable, Sendable {
  case moveUp, moveDown, moveLeft, moveRight, pageUp, pageDown, top, bottom
  case drill, back, switchPane, explain, timeline
  case search, searchNext, searchPrevious, filterRows, clearRowFilter, sortAscending, sortDescending
  case widenColumn, narrowColumn
  case editDates, editItems, editLocations, toggleWarnings, toggleAttribution
  case export, post, reportValuation, reportWIP, reportCostSpec, reportCostShares, reportJobWIPToGL
  case jobs, calculateWIP, postWIP
  case reportDates, reportExpected, reportMode, reportDetails
  case save, saveAs, reload, importWarnings, cycleTheme, toggleMouse, help, palette, quit

  /// The title in help and the palette.
  public var title: String {
    switch self {
    case .moveUp: return "Move up"
    case .moveDown: return "Move down"
    case .moveLeft: return "Move left"
    case .moveRight: return "Move right"
    case .pageUp: return "Page up"
    case .pageDown: return "Page down"
    case .top: return "First row"
    case .bottom: return "Last row"
    case .drill: return "Open what lies behind the selection"
    case .back: return "Back to the previous screen"
    case .switchPane: return "Switch between grid and detail pane"
    case .explain: return "Explain the current cell's Difference: reconciling items by cause"
    case .timeline: return "Timeline of the current cell's Difference: a bar per period, since when"
    case .search: return "Search forward"
    case .searchNext: return "Next match"
    case .searchPrevious: return "Previous match"
    case .filterRows: return "Show only rows containing a text"
    case .clearRowFilter: return "Show all rows again"
    case .sortAscending: return "Sort by the current column, ascending"
    case .sortDescending: return "Sort by the current column, descending"
    case .widenColumn: return "Widen the current column of a list"
    case .narrowColumn: return "Narrow the current column of a list"
    case .editDates: return "Set the posting date filter"
    case .editItems: return "Set the item filter"
    case .editLocations: return "Set the location filter"
    case .toggleWarnings: return "Show or hide warnings"
    case .toggleAttribution:
      return "With an item/location filter: attribute the G/L to items, or hide it as BC does"
    case .export: return "Export the current view to CSV"
    case .post: return "Post inventory cost to G/L (test report first)"
    case .reportValuation: return "Inventory Valuation report"
    case .reportWIP: return "Inventory Valuation - WIP report"
    case .reportCostSpec: return "Invt. Valuation - Cost Spec. report"
    case .reportCostShares: return "Cost Shares Breakdown report"
    case .reportJobWIPToGL: return "Job WIP To G/L report: posted project WIP against the G/L"
    case .jobs: return "Jobs: project WIP per job (recognized costs and sales, warnings)"
    case .calculateWIP: return "Job Calculate WIP for a posting date: the Job WIP Entries"
    case .postWIP: return "Job Post WIP to G/L at the jobs' posting date (asks first)"
    case .reportDates: return "On a report: its dates (start..end; Cost Spec.: the valuation date)"
    case .reportExpected: return "On Inventory Valuation: include expected cost or not"
    case .reportMode: return "On Cost Shares Breakdown: next mode (sales, inventory, WIP)"
    case .reportDetails: return "On Cost Shares Breakdown: show details (one line per entry) or not"
    case .save: return "Save the snapshot (asks for a name the first time)"
    case .saveAs: return "Save the snapshot under a new name"
    case .reload: return "Reload the snapshot from disk (an export: import it again)"
    case .importWarnings: return "Show the warnings of the import (an export opened directly)"
    case .cycleTheme: return "Next colour theme"
    case .toggleMouse: return "Mouse on or off"
    case .help: return "Show the keys"
    case .palette: return "Run a command by name"
    case .quit: return "Quit"
    }
  }
}

extension CommandID {
  /// The heading the command stands under in the help.
  public var group: String {
    switch self {
    case .moveUp, .moveDown, .moveLeft, .moveRight, .pageUp, .pageDown, .top, .bottom: return "Move"
    case .drill, .back, .switchPane, .explain, .timeline: return "Open and explain"
    case .search, .searchNext, .searchPrevious, .filterRows, .clearRowFilter, .sortAscending, .sortDescending,
      .widenColumn, .narrowColumn:
      return "Find, filter and sort"
    case .editDates, .editItems, .editLocations, .toggleWarnings, .toggleAttribution: return "Matrix filters"
    case .reportValuation, .reportWIP, .reportCostSpec, .reportCostShares, .reportJobWIPToGL, .reportDates,
      .reportExpected, .reportMode, .reportDetails:
      return "Reports"
    case .jobs, .calculateWIP, .postWIP: return "Projects (jobs)"
    case .export, .post, .save, .saveAs, .reload, .importWarnings: return "Post, save and export"
    case .cycleTheme, .toggleMouse, .help, .palette, .quit: return "Display and general"
    }
  }
}

/// The key registry: which keys run which command.
public enum KeyRegistry {
  public static let bindings: [(CommandID, [Key])] = [
    (.moveUp, [.up, .character("k")]), (.moveDown, [.down, .character("j")]),
    (.moveLeft, [.left, .character("h")]), (.moveRight, [.right, .character("l")]),
    (.pageUp, [.pageUp, .control("b")]), (.pageDown, [.pageDown, .control("f")]),
    (.top, [.character("g"), .home]), (.bottom, [.character("G"), .end]),
    (.drill, [.enter]), (.back, [.escape, .backspace]),
    (.switchPane, [.tab]), (.explain, [.character("x")]), (.timeline, [.character("t")]),
    (.search, [.character("/")]), (.searchNext, [.character("n")]), (.searchPrevious, [.character("N")]),
    (.filterRows, [.character("f"), .character("\\")]), (.clearRowFilter, [.character("F")]),
    (.sortAscending, [.character("s")]), (.sortDescending, [.character("S")]),
    (.widenColumn, [.character(">")]), (.narrowColumn, [.character("<")]),
    (.editDates, [.character("d")]), (.editItems, [.character("i")]), (.editLocations, [.character("o")]),
    (.toggleWarnings, [.character("w")]), (.toggleAttribution, [.character("a")]),
    (.export, [.character("E"), .control("s")]), (.post, [.character("P")]),
    (.reportValuation, [.character("1")]), (.reportWIP, [.character("2")]),
    (.reportCostSpec, [.character("3")]),
    (.reportCostShares, [.character("4")]), (.reportJobWIPToGL, [.character("5")]),
    (.jobs, [.character("J")]), (.calculateWIP, [.character("c")]), (.postWIP, [.character("p")]),
    (.reportDates, [.character("D")]), (.reportExpected, [.character("e")]), (.reportMode, [.character("M")]),
    (.reportDetails, [.character("v")]),
    (.save, [.control("w")]), (.saveAs, [.character("A")]), (.reload, [.character("r")]),
    (.importWarnings, [.character("W")]), (.cycleTheme, [.character("T")]),
    (.toggleMouse, [.character("m")]), (.help, [.character("?")]), (.palette, [.character(":")]),
    (.quit, [.character("q"), .control("c")]),
  ]

  private static let byKey: [Key: CommandID] = {
    var map: [Key: CommandID] = [:]
    for (command, keys) in bindings { for key in keys { map[key] = command } }
    return map
  }()

  public static func command(for key: Key) -> CommandID? { byKey[key] }

  public static func keys(for command: CommandID) -> [Key] {
    bindings.first { $0.0 == command }?.1 ?? []
  }

  /// One line per command: keys, then title (the `?` overlay and KEYS.md).
  public static var helpLines: [(keys: String, title: String)] {
    bindings.map { command, keys in (keys.map(\.label).joined(separator: " "), command.title) }
  }

  /// KEYS.md, generated from the registry.
  public static var markdown: String {
    var lines = [
      "# Workbench keys", "", "Generated from the key registry (`reconbench --keys`).", "",
      "| Keys | Command |", "|---|---|",
    ]
    for (keys, title) in helpLines { lines.append("| `\(keys)` | \(title) |") }
    return lines.joined(separator: "\n") + "\n"
  }
}
