import Foundation
import ReconEngine
import Testing

@testable import ReconTUI

/// A Business Central export opened directly: its warnings screen, Save asking for a snapshot
/// name (and never writing over the export), Reload importing again.
@MainActor
@Suite("Workbench on an imported export")
struct ImportScreenTests {
  static let warnings = [
    "cronus.rapidstart: warning: table 5802 (Value Entry Relation) is not used; ignored",
    "cronus.rapidstart: warning: Value Entry: field Job Ledger Entry No. is unknown; ignored",
    "a line without the file part",
  ]

  func importedState() throws -> AppState {
    var state = try AppState(
      ledger: SampleCompany.load(), snapshotName: "cronus.rapidstart", snapshotPath: nil,
      width: 120, height: 30, today: LedgerDate("2026-01-05") ?? LedgerTable.noDate)
    state.importSource = "exports/cronus.rapidstart"
    state.importWarnings = Self.warnings
    return state
  }

  @Test("W lists the warnings with their file, and the list exports to CSV")
  func warningsScreen() throws {
    var state = try importedState()
    _ = press(&state, .character("W"))
    guard case .list(let list)? = state.stack.last else {
      Issue.record("no list screen")
      return
    }
    #expect(list.title == "Import warnings")
    #expect(list.source.count == 3)
    #expect(
      list.source.cells(0, state.ledger) == [
        .text("1"), .text("cronus.rapidstart"),
        .text("table 5802 (Value Entry Relation) is not used; ignored"),
      ])
    #expect(
      list.source.cells(2, state.ledger) == [.text("3"), .text(""), .text("a line without the file part")])
    let lines = Render.frame(state).lines()
    #expect(lines.contains { $0.contains("table 5802 (Value Entry Relation)") })
    // The second warning is wider than its column: Enter shows it whole, Escape comes back.
    _ = press(&state, .down, .enter)
    let card = Render.frame(state).lines().joined(separator: " ")
    #expect(card.contains("field Job Ledger Entry No. is unknown; ignored"))
    _ = press(&state, .escape)
    // A second W does not stack a second copy.
    _ = press(&state, .character("W"))
    #expect(state.stack.count == 1)

    _ = press(&state, .character("E"))
    #expect(state.prompt?.text == "import-warnings.csv")
    let effects = press(&state, .enter)
    guard case .writeFile(let path, let csv, let rows, _)? = effects.first else {
      Issue.record("no export: \(effects)")
      return
    }
    #expect(path == "import-warnings.csv")
    #expect(rows == 3)
    #expect(csv.hasPrefix("No.,File,Warning"))
    #expect(csv.contains("2,cronus.rapidstart,Value Entry: field Job Ledger Entry No. is unknown; ignored"))
  }

  @Test("Ctrl+W asks for a snapshot name, suggests one from the export, refuses the export itself")
  func saveAsks() throws {
    var state = try importedState()
    #expect(press(&state, .control("w")).isEmpty)
    #expect(state.prompt?.label == "Save snapshot as: ")
    #expect(state.prompt?.text == "cronus.json")
    _ = press(&state, .control("u"))
    type(&state, "./exports/cronus.rapidstart")
    #expect(press(&state, .enter).isEmpty)
    #expect(state.messageIsError)
    #expect(state.snapshotPath == nil)

    _ = press(&state, .control("w"), .control("u"))
    type(&state, "closing.json")
    #expect(press(&state, .enter) == [.save(path: "closing.json", overwrite: false)])
    // The path is the snapshot's only once the save succeeded.
    #expect(state.snapshotPath == nil)
    Reducer.finished(.saved(path: "closing.json", shown: "/work/closing.json"), &state)
    #expect(state.snapshotPath == "closing.json")
    #expect(state.message == "Saved /work/closing.json")
    // From now on Save writes the snapshot, and Reload reads it.
    #expect(press(&state, .control("w")) == [.save(path: "closing.json", overwrite: true)])
    #expect(press(&state, .character("r")) == [.reload(path: "closing.json")])
  }

  @Test("Reload imports the export again; a folder export suggests its own name")
  func reloadAndFolderName() throws {
    var state = try importedState()
    #expect(press(&state, .character("r")) == [.reload(path: "exports/cronus.rapidstart")])
    state.importSource = "/data/lake-export/"
    _ = press(&state, .control("w"))
    #expect(state.prompt?.text == "lake-export.json")
  }

  @Test("without an import, W says there is nothing to show")
  func noImport() throws {
    var state = try AppState(
      ledger: SampleCompany.load(), snapshotName: "sample", snapshotPath: nil,
      today: LedgerDate("2026-01-05") ?? LedgerTable.noDate)
    _ = press(&state, .character("W"))
    #expect(state.stack.isEmpty)
    #expect(state.message?.contains("not imported") == true)
    state.importSource = "x.rapidstart"
    _ = press(&state, .character("W"))
    #expect(state.stack.isEmpty)
    #expect(state.message?.contains("had no warnings") == true)
  }
}
