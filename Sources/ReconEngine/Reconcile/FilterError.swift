/// Why a filter text was refused, and where: the workbench shows `description`, the command
/// line adds `pointer` under the text so the bad character can be seen.
public struct FilterError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The text as typed.
  public var text: String
  /// 1-based character position of the offending character; 0 when the whole text is at fault.
  public var column: Int
  public var reason: String

  public init(text: String, column: Int, reason: String) {
    self.text = text
    self.column = column
    self.reason = reason
  }

  /// `“1000&” column 5: nothing after “&”` — the column before the reason, so a message cut
  /// to a narrow status line still says where.
  public var description: String {
    "“\(text)”" + (column > 0 ? " column \(column)" : "") + ": \(reason)"
  }

  /// The text with a caret under the bad character, for a terminal.
  public var pointer: String {
    guard column > 0 else { return text }
    return text + "\n" + String(repeating: " ", count: column - 1) + "^"
  }
}

extension CodeFilter {
  /// Parses BC filter syntax, refusing what BC would not accept: an empty alternative or term
  /// (`1000|`, `|`, `1000&`), an operator with nothing after it (`<>`, `>=`), an unclosed quote,
  /// a range with two `..`, and parentheses (not grouping here: a code containing one is quoted).
  public static func parse(_ text: String) -> Result<CodeFilter, FilterError> {
    let characters = Array(text)
    func refuse(_ column: Int, _ reason: String) -> Result<CodeFilter, FilterError> {
      .failure(FilterError(text: text, column: column, reason: reason))
    }
    // Walk once, outside quotes, and check the separators and parentheses.
    var inQuote = false
    var quoteStart = 0
    var termHasContent = false
    var lastSeparator: (Character, Int)?
    for (index, character) in characters.enumerated() {
      if character == "'" {
        if !inQuote { quoteStart = index }
        inQuote.toggle()
        termHasContent = true
        continue
      }
      if inQuote { continue }
      switch character {
      case "|", "&":
        if !termHasContent {
          return refuse(
            index + 1,
            lastSeparator == nil
              ? "nothing before “\(character)”"
              : "nothing between “\(lastSeparator?.0 ?? character)” and “\(character)”")
        }
        lastSeparator = (character, index)
        termHasContent = false
      case "(", ")":
        return refuse(
          index + 1,
          "“\(character)”: parentheses are not part of the filter; quote a code that contains one ('A(1)')")
      case " ":
        break
      default:
        termHasContent = true
      }
    }
    if inQuote { return refuse(quoteStart + 1, "the quote opened here is not closed") }
    if let (separator, index) = lastSeparator, !termHasContent {
      return refuse(index + 1, "nothing after “\(separator)”")
    }
    if characters.allSatisfy({ $0 == " " }) { return refuse(0, "an empty filter") }
    // Each term on its own.
    var offset = 0
    for alternative in text.split(separator: "|", omittingEmptySubsequences: false) {
      var termOffset = offset
      for part in alternative.split(separator: "&", omittingEmptySubsequences: false) {
        if let problem = CodeFilter.termProblem(String(part)) {
          return refuse(termOffset + problem.column, problem.reason)
        }
        termOffset += part.count + 1
      }
      offset += alternative.count + 1
    }
    guard let filter = CodeFilter(validated: text) else { return refuse(0, "not a filter") }
    return .success(filter)
  }

  /// What is wrong with one term (between `|` and `&`), with a 1-based column inside it.
  static func termProblem(_ term: String) -> (column: Int, reason: String)? {
    let leading = term.prefix { $0 == " " }.count
    let body = term.trimmingSpaces
    if body.hasPrefix("'") { return nil }
    for op in ["<>", "<=", ">=", "<", ">"] where body.hasPrefix(op) {
      let rest = String(body.dropFirst(op.count)).trimmingSpaces
      if rest.isEmpty { return (leading + 1, "nothing after “\(op)”") }
      if rest.hasPrefix("<") || rest.hasPrefix(">") || rest.hasPrefix("=") {
        return (leading + op.count + 1, "“\(rest.prefix(1))” after “\(op)”")
      }
      return nil
    }
    if let first = body.range(of: "..") {
      let after = body[first.upperBound...]
      if let second = after.range(of: "..") {
        return (
          leading + body.distance(from: body.startIndex, to: second.lowerBound) + 1,
          "a second “..” in one range"
        )
      }
      if body.trimmingSpaces == ".." { return (leading + 1, "a range needs at least one end") }
    }
    return nil
  }
}

extension DateRange {
  /// Parses a posting date filter, saying what is wrong: the form, a day that does not exist, a
  /// range whose end comes before its start.
  public static func parse(_ text: String) -> Result<DateRange, FilterError> {
    let trimmed = text.trimmingSpaces
    if trimmed.isEmpty { return .success(DateRange()) }
    let leading = text.prefix { $0 == " " }.count
    func check(_ part: String, at column: Int) -> Result<LedgerDate, FilterError> {
      if let date = LedgerDate(part) { return .success(date) }
      let body = part.hasPrefix("C") || part.hasPrefix("c") ? String(part.dropFirst()) : part
      let pieces = body.split(separator: "-", omittingEmptySubsequences: false)
      if pieces.count == 3, pieces[0].count == 4, pieces[1].count == 2, pieces[2].count == 2,
        pieces.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) })
      {
        return .failure(FilterError(text: text, column: column, reason: "\(part) is no day of the calendar"))
      }
      return .failure(
        FilterError(
          text: text, column: column,
          reason: "“\(part)” is not a date: write YYYY-MM-DD, or CYYYY-MM-DD for a closing date"))
    }
    guard let range = trimmed.range(of: "..") else {
      switch check(trimmed, at: leading + 1) {
      case .success(let date): return .success(DateRange(start: date, end: date))
      case .failure(let error): return .failure(error)
      }
    }
    let left = String(trimmed[..<range.lowerBound])
    let rightRaw = String(trimmed[range.upperBound...])
    if rightRaw.contains("..") {
      let inRight = rightRaw.range(of: "..").map {
        rightRaw.distance(from: rightRaw.startIndex, to: $0.lowerBound)
      }
      let column = leading + left.count + 2 + (inRight ?? 0) + 1
      return .failure(FilterError(text: text, column: column, reason: "a second “..” in one range"))
    }
    let leftBody = left.trimmingSpaces
    let rightBody = rightRaw.trimmingSpaces
    if leftBody.isEmpty && rightBody.isEmpty {
      return .failure(FilterError(text: text, column: leading + 1, reason: "a range needs at least one end"))
    }
    var start: LedgerDate?
    var end: LedgerDate?
    if !leftBody.isEmpty {
      switch check(leftBody, at: leading + 1) {
      case .success(let date): start = date
      case .failure(let error): return .failure(error)
      }
    }
    let rightColumn = leading + left.count + 3 + rightRaw.prefix { $0 == " " }.count
    if !rightBody.isEmpty {
      switch check(rightBody, at: rightColumn) {
      case .success(let date): end = date
      case .failure(let error): return .failure(error)
      }
    }
    if let start, let end, end < start {
      return .failure(
        FilterError(
          text: text, column: rightColumn,
          reason: "the range is reversed: \(end.text) comes before \(start.text)"))
    }
    return .success(DateRange(start: start, end: end))
  }
}
