/// One violation found in a snapshot: where (JSON path, line:column) and what.
public struct SnapshotProblem: Sendable, Hashable, CustomStringConvertible {
  /// `valueEntries[4812].postingDate`; empty for problems with the file as a whole.
  public var path: String
  public var line: Int
  public var column: Int
  public var message: String

  public init(path: String, line: Int, column: Int, message: String) {
    self.path = path
    self.line = line
    self.column = column
    self.message = message
  }

  /// `valueEntries[3].postingDate (line 12:40): expected a date…`
  public var description: String {
    let place = line > 0 ? "line \(line):\(column)" : ""
    switch (path.isEmpty, place.isEmpty) {
    case (true, true): return message
    case (true, false): return "\(place): \(message)"
    case (false, true): return "\(path): \(message)"
    case (false, false): return "\(path) (\(place)): \(message)"
    }
  }
}

/// Why a snapshot could not be loaded or saved. Its description is one line per problem, each
/// naming the file, as the command line prints them to standard error.
public struct SnapshotError: Error, Sendable, CustomStringConvertible {
  public var file: String
  public var problems: [SnapshotProblem]
  /// Problems found in all; larger than `problems.count` when the list was capped.
  public var totalProblems: Int

  public init(file: String, problems: [SnapshotProblem], totalProblems: Int? = nil) {
    self.file = file
    self.problems = problems
    self.totalProblems = totalProblems ?? problems.count
  }

  /// A problem with the file itself (missing, unreadable, not writable).
  public static func file(_ file: String, _ message: String) -> SnapshotError {
    SnapshotError(file: file, problems: [SnapshotProblem(path: "", line: 0, column: 0, message: message)])
  }

  public var lines: [String] {
    var lines = problems.map { "\(file): \($0)" }
    if totalProblems > problems.count {
      lines.append("\(file): … and \(totalProblems - problems.count) more problems")
    }
    return lines
  }

  public var description: String { lines.joined(separator: "\n") }
}
