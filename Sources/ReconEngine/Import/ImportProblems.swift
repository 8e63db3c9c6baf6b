/// One problem of an import, on one line: the input file (for a folder, the CSV file), the place
/// in it (a line and column, or a record and element) and what is wrong.
public struct ImportProblem: Sendable, Hashable, CustomStringConvertible {
  public var file: String
  public var place: String
  public var message: String

  public init(file: String, place: String = "", message: String) {
    self.file = file
    self.place = place
    self.message = message
  }

  public var description: String { place.isEmpty ? "\(file): \(message)" : "\(file): \(place): \(message)" }
}

/// An accepted but lossy input: printed as `FILE: warning: …`; `--strict` refuses it.
public struct ImportWarning: Sendable, Hashable, CustomStringConvertible {
  public var file: String
  public var message: String

  public init(file: String, message: String) {
    self.file = file
    self.message = message
  }

  public var description: String { "\(file): warning: \(message)" }
}

/// Why an import was refused: every problem found (capped), one line each.
public struct ImportError: Error, Sendable, CustomStringConvertible {
  public var problems: [ImportProblem]
  public var totalProblems: Int

  public init(_ problems: [ImportProblem], total: Int? = nil) {
    self.problems = problems
    totalProblems = total ?? problems.count
  }

  public var lines: [String] {
    var lines = problems.map(\.description)
    if totalProblems > problems.count, let file = problems.last?.file {
      lines.append("\(file): … and \(totalProblems - problems.count) more problems")
    }
    return lines
  }

  public var description: String { lines.joined(separator: "\n") }
}

/// Problems collected while reading, capped so a file with a wrong column in every row stays
/// readable.
struct ProblemList {
  static let limit = 50
  private(set) var problems: [ImportProblem] = []
  private(set) var total = 0

  mutating func add(_ problem: ImportProblem) {
    total += 1
    if problems.count < Self.limit { problems.append(problem) }
  }

  /// Problems found but not kept (past a reading thread's own cap).
  mutating func addUncounted(_ count: Int) { total += count }

  var isEmpty: Bool { total == 0 }
  var error: ImportError { ImportError(problems, total: total) }
}
