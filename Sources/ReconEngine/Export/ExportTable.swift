/// A table of results in one neutral form, rendered as CSV (for programs), JSON, or aligned text
/// (for people). The matrix, the drill-down lists and the reports all become one of these, so the
/// screen's export and the headless commands write the same thing.
public struct ExportTable: Equatable, Sendable {
  public enum Cell: Equatable, Sendable {
    case text(String)
    /// Money, written with exactly `decimals` decimals; zero is written as an empty field.
    case amount(ExactDecimal, decimals: Int)
    /// A quantity or unit cost, written with the decimals it needs (up to five); zero as "0".
    case quantity(ExactDecimal)
    case integer(Int64)
    case empty

    /// The CSV/JSON form: plain numbers, no grouping, zero amounts empty.
    public var plain: String {
      switch self {
      case .text(let text): return text
      case .amount(let value, let decimals): return value.isZero ? "" : value.plain(decimals: decimals)
      case .quantity(let value): return value.trimmed()
      case .integer(let value): return String(value)
      case .empty: return ""
      }
    }

    /// The form for people: thousands grouped, zero amounts blank.
    public var display: String {
      switch self {
      case .amount(let value, let decimals): return value.isZero ? "" : value.grouped(decimals: decimals)
      case .quantity(let value): return value.groupedTrimmed()
      default: return plain
      }
    }

    public var isNumeric: Bool {
      switch self {
      case .amount, .quantity, .integer: return true
      default: return false
      }
    }
  }

  public var title: String
  public var header: [String]
  public var rows: [[Cell]]

  public init(title: String = "", header: [String], rows: [[Cell]]) {
    self.title = title
    self.header = header
    self.rows = rows
  }
}

extension ExportTable {
  /// RFC 4180: comma separated, `"` quoting where needed, `\n` line ends, a header line first.
  public var csv: String {
    var lines = [ExportTable.csvLine(header)]
    for row in rows { lines.append(ExportTable.csvLine(row.map(\.plain))) }
    return lines.joined(separator: "\n") + "\n"
  }

  static func csvLine(_ fields: [String]) -> String {
    fields.map { field in
      if field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
        return "\"" + field.replacingAll("\"", with: "\"\"") + "\""
      }
      return field
    }.joined(separator: ",")
  }

  /// An object with the columns and one object per row keyed by column caption; values are
  /// strings in their CSV form.
  public var jsonObject: String {
    let columns = "[" + header.map(JSONText.quoted).joined(separator: ",") + "]"
    let objects = objectTexts
    return "{\"columns\":\(columns),\"rows\":[" + (objects.isEmpty ? "" : "\n")
      + objects.joined(separator: ",\n")
      + "]}"
  }

  /// One JSON object per row, keyed by column caption, values in their CSV form.
  var objectTexts: [String] {
    rows.map { row in
      "{"
        + zip(header, row).map { "\(JSONText.quoted($0)):\(JSONText.quoted($1.plain))" }.joined(
          separator: ",")
        + "}"
    }
  }

  /// Aligned columns for a terminal: numbers right-aligned, text left-aligned.
  public var text: String {
    let cells = rows.map { $0.map(\.display) }
    var widths = header.map(DisplayWidth.of)
    for row in cells {
      for (index, cell) in row.enumerated() where index < widths.count {
        widths[index] = max(widths[index], DisplayWidth.of(cell))
      }
    }
    let numericColumns = header.indices.map { index in
      rows.contains { index < $0.count && $0[index].isNumeric }
    }
    func line(_ values: [String]) -> String {
      values.enumerated().map { index, value in
        let pad = String(repeating: " ", count: max(0, widths[index] - DisplayWidth.of(value)))
        return numericColumns[index] ? pad + value : value + pad
      }.joined(separator: "  ").trimmingTrailingSpaces
    }
    var output: [String] = []
    if !title.isEmpty { output.append(title) }
    output.append(line(header))
    output.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
    output += cells.map(line)
    return output.joined(separator: "\n") + "\n"
  }
}

/// JSON string literals.
public enum JSONText {
  public static func quoted(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      case "\t": result += "\\t"
      case let c where c.value < 0x20:
        let hex = String(c.value, radix: 16)
        result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result + "\""
  }
}

/// Terminal column width of text: East Asian wide characters and emoji take two columns,
/// combining marks none.
public enum DisplayWidth {
  public static func of(_ text: String) -> Int {
    text.unicodeScalars.reduce(0) { $0 + of($1) }
  }

  public static func of(_ scalar: Unicode.Scalar) -> Int {
    let value = scalar.value
    if value == 0 { return 0 }
    if scalar.properties.generalCategory == .nonspacingMark
      || scalar.properties.generalCategory == .enclosingMark
      || value == 0x200D || (0xFE00...0xFE0F).contains(value)
    {
      return 0
    }
    if (0x1100...0x115F).contains(value) || (0x2E80...0xA4CF).contains(value)
      || (0xAC00...0xD7A3).contains(value)
      || (0xF900...0xFAFF).contains(value) || (0xFE30...0xFE4F).contains(value)
      || (0xFF00...0xFF60).contains(value)
      || (0xFFE0...0xFFE6).contains(value) || (0x1F300...0x1F64F).contains(value)
      || (0x1F900...0x1F9FF).contains(value) || (0x20000...0x3FFFD).contains(value)
    {
      return 2
    }
    return 1
  }
}

extension String {
  func replacingAll(_ target: Character, with replacement: String) -> String {
    var result = ""
    for character in self {
      if character == target { result += replacement } else { result.append(character) }
    }
    return result
  }

  var trimmingTrailingSpaces: String {
    var text = Substring(self)
    while text.last == " " { text = text.dropLast() }
    return String(text)
  }
}
