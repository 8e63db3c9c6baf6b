import ReconEngine

/// What a cell means, not how it looks: the theme maps roles to colours and attributes, so the
/// renderer and its tests never deal with colours.
public enum StyleRole: String, CaseIterable, Sendable {
  case normal = "default"
  case title
  case filterBar = "filterbar"
  case header = "grid.header"
  case pinned = "grid.pinned"
  case selected = "grid.selected"
  case negative = "grid.cell.negative"
  case variance = "grid.cell.variance"
  case warning = "grid.cell.warning"
  case total = "grid.total"
  case emphasis = "grid.emphasis"
  case dim = "grid.cell.matched"
  case status
  case statusError = "status.error"
  case helpKey = "help.key"
  case border
  case prompt
}

/// One terminal cell: a grapheme, its width (2 for wide characters, 0 for the cell a wide
/// character covers) and its role.
public struct Cell: Equatable, Sendable {
  public var text: String
  public var width: UInt8
  public var role: StyleRole

  public static let blank = Cell(text: " ", width: 1, role: .normal)
}

/// A frame: a grid of cells the backend copies to the terminal.
public struct ScreenBuffer: Equatable, Sendable {
  public let width: Int
  public let height: Int
  public private(set) var cells: [Cell]

  public init(width: Int, height: Int) {
    self.width = max(width, 0)
    self.height = max(height, 0)
    cells = Array(repeating: .blank, count: self.width * self.height)
  }

  public subscript(x: Int, y: Int) -> Cell {
    cells[y * width + x]
  }

  /// Writes `text` from column `x` on row `y`, at most `limit` columns (to the right edge by
  /// default), and returns the columns used. A wide character that does not fit is replaced by
  /// a space, never split.
  @discardableResult
  public mutating func put(_ text: String, x: Int, y: Int, role: StyleRole, limit: Int? = nil) -> Int {
    guard y >= 0, y < height, x < width else { return 0 }
    let end = min(width, x + (limit ?? width))
    var column = x
    for character in text {
      let cellWidth = ScreenBuffer.width(of: character)
      if cellWidth == 0 { continue }
      if column + cellWidth > end {
        if column < end { fill(x: column, y: y, count: end - column, role: role) }
        column = end
        break
      }
      if column >= 0 {
        cells[y * width + column] = Cell(text: String(character), width: UInt8(cellWidth), role: role)
        if cellWidth == 2 { cells[y * width + column + 1] = Cell(text: "", width: 0, role: role) }
      }
      column += cellWidth
    }
    return max(0, column - x)
  }

  /// Fills `count` cells with spaces of `role`.
  public mutating func fill(x: Int, y: Int, count: Int, role: StyleRole) {
    guard y >= 0, y < height else { return }
    for column in max(0, x)..<min(width, x + count) {
      cells[y * width + column] = Cell(text: " ", width: 1, role: role)
    }
  }

  /// Sets the role of a run of cells, keeping their text (to highlight a selection).
  public mutating func restyle(x: Int, y: Int, count: Int, role: StyleRole) {
    guard y >= 0, y < height else { return }
    for column in max(0, x)..<min(width, x + count) { cells[y * width + column].role = role }
  }

  /// The text of a row (wide characters once), for tests and screen dumps.
  public func line(_ y: Int) -> String {
    (0..<width).map { self[$0, y].text }.joined()
  }

  public func lines() -> [String] { (0..<height).map(line) }

  /// Terminal columns of a grapheme: 2 for East Asian wide and emoji, 0 for a lone combining mark.
  public static func width(of character: Character) -> Int {
    var total = 0
    for scalar in character.unicodeScalars { total = max(total, DisplayWidth.of(scalar)) }
    return total
  }

  /// Terminal columns of a string.
  public static func width(of text: String) -> Int {
    text.reduce(0) { $0 + width(of: $1) }
  }

  /// `text` cut to `columns`, with an ellipsis when it was longer.
  public static func truncate(_ text: String, to columns: Int, ellipsis: String = "…") -> String {
    guard columns > 0 else { return "" }
    if width(of: text) <= columns { return text }
    var result = ""
    var used = 0
    let room = columns - width(of: ellipsis)
    for character in text {
      let w = width(of: character)
      if used + w > room { break }
      result.append(character)
      used += w
    }
    return result + (room >= 0 ? ellipsis : "")
  }
}
