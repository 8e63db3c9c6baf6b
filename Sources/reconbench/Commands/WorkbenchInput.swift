import Foundation
import ReconEngine

/// What the workbench was asked to open: the bundled sample (no path), a snapshot, or a Business
/// Central export (a configuration package or a folder of CSV files), which is imported in memory
/// and saved as a snapshot only when the user asks.
struct WorkbenchInput: Sendable {
  var path: String?
  var options: BCImport.Options
  /// Where a snapshot (not an export) is looked up before its JSON is read; nil: never.
  var cache: SnapshotCache?

  struct Opened: Sendable {
    var ledger: Ledger
    var warnings: [ImportWarning]
    var isImport: Bool
  }

  /// Why the input could not be opened, one line per problem.
  struct Failure: Error, Sendable {
    var lines: [String]
  }

  var displayName: String { path.map { ($0 as NSString).lastPathComponent } ?? "sample" }

  func open(progress: ByteProgress? = nil) throws(Failure) -> Opened {
    guard let path else { return Opened(ledger: SampleCompany.load(), warnings: [], isImport: false) }
    if let kind = BCImport.kind(of: path) {
      do {
        let result = try BCImport.run(kind, path: path, options: options)
        return Opened(ledger: result.ledger, warnings: result.warnings, isImport: true)
      } catch {
        throw Failure(lines: error.lines)
      }
    }
    do {
      return Opened(
        ledger: try SnapshotStore.load(path: path, progress: progress, cache: cache), warnings: [],
        isImport: false)
    } catch {
      throw Failure(lines: error.lines)
    }
  }

  /// The status line after an import.
  func importMessage(_ opened: Opened) -> String {
    let warnings =
      opened.warnings.isEmpty
      ? "no warnings"
      : "\(opened.warnings.count) warning\(opened.warnings.count == 1 ? "" : "s") (W shows them)"
    return
      "Imported \(displayName): \(opened.ledger.valueEntries.count) value entries, \(warnings); Ctrl+W saves a snapshot"
  }
}
