import ReconEngine

/// What came of an effect the run loop carried out. The reducer decides what the state becomes,
/// so that a failed save never changes where the next save goes, and tests can drive both sides.
public enum Outcome: Sendable {
  /// The snapshot was written to `path` (as the user gave it); `shown` is the full path.
  case saved(path: String, shown: String)
  case saveFailed(path: String, message: String)
  case exported(shown: String, rows: Int)
  case exportFailed(message: String)
  /// The export's file exists: ask before overwriting it.
  case exportWouldOverwrite(path: String)
  /// Save-as names an existing file: ask before overwriting it.
  case saveWouldOverwrite(path: String)
  case explained(Explanation)
  case explainFailed(message: String)
  /// The user stopped a long step with Ctrl+C.
  case stopped(what: String)
}

extension Reducer {
  public static func finished(_ outcome: Outcome, _ state: inout AppState) {
    switch outcome {
    case .saved(let path, let shown):
      // Only a save that succeeded moves the snapshot's path (Save and Reload follow it).
      state.snapshotPath = path
      state.snapshotName = path
      state.dirty = false
      state.say("Saved \(shown)")
    case .saveFailed(_, let message):
      state.say(message, error: true)
    case .exported(let shown, let rows):
      state.say("Exported \(rows) row\(rows == 1 ? "" : "s") to \(shown)")
    case .exportFailed(let message):
      state.say(message, error: true)
    case .explained(let explanation):
      Explain.show(explanation, &state)
    case .explainFailed(let message):
      state.say(message, error: true)
    case .stopped(let what):
      state.say("\(what) stopped")
    case .saveWouldOverwrite(let path):
      state.pendingSave = path
      state.prompt = Prompt(
        kind: .confirmSaveOverwrite, label: "\(path) exists. Replace it with this snapshot? (y/n) ", text: "")
    case .exportWouldOverwrite(let path):
      state.pendingExport = path
      state.prompt = Prompt(kind: .confirmOverwrite, label: "\(path) exists. Overwrite it? (y/n) ", text: "")
    }
  }
}
