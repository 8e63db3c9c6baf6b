import Foundation

/// How the three export formats name tables and fields (bc-import.md §4), and how a header or an
/// element is matched back to a field: by ID where the format carries one, else by the derived
/// name exactly, else case-insensitively.
enum BCNames {
  /// Config. XML Exchange.GetElementName: the RapidStart element of a table or field name.
  static func rapidStart(_ name: String) -> String {
    var characters = Array(name)
    if let first = characters.first, !(first.isLetter || first == "_" || first == ":") {
      characters.insert("_", at: 0)
    }
    var result = ""
    for character in characters {
      let valid = character.isLetter || character.isNumber || "_:-.·".contains(character)
      var mapped: Character = valid ? character : " "
      if "?'`".contains(mapped) { continue }
      if "<>,./\\+&()%:".contains(mapped) { mapped = " " }
      if mapped == "-" { mapped = "_" }
      if mapped != " " { result.append(mapped) }
    }
    return result
  }

  /// A field's element: the element name cut to 30 characters (Config. Package Field's XML
  /// Field Name is Text[30]), `_` before a leading digit.
  static func rapidStartField(_ name: String) -> String {
    var element = String(rapidStart(name).prefix(30))
    if let first = element.first, first.isNumber { element = "_" + element }
    return element
  }

  /// ADLSE Util.GetDataLakeCompliantName: ASCII letters and digits only.
  static func compliant(_ name: String, keepPercent: Bool = false) -> String {
    String(
      name.unicodeScalars.filter {
        $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || (keepPercent && $0 == "%"))
      }.map(Character.init))
  }

  /// The SQL identifier of a name: `. / \ ' " % [ ]` become `_`.
  static func sql(_ name: String) -> String {
    String(name.map { ".\\/'\"%[]".contains($0) ? "_" : $0 })
  }

  /// Letters and digits only, lower case: the last resort of every comparison.
  static func loose(_ name: String) -> String { compliant(name).lowercased() }

  /// The field a column header or element names, by the rules of the format.
  static func field(in table: BCTable, named header: String, style: Style) -> BCField? {
    let cell = header.trimmingCharacters(in: .whitespaces)
    switch style {
    case .rapidStart:
      var element = cell
      if element.hasPrefix("Field_") { element = String(element.dropFirst(6)) }
      if let exact = table.fields.first(where: { rapidStartField($0.name) == element }) { return exact }
      let lower = element.lowercased()
      return table.fields.first { rapidStartField($0.name).lowercased() == lower }
    case .bc2adls:
      if let dash = cell.lastIndex(of: "-"), let id = Int(cell[cell.index(after: dash)...]),
        let field = table.field(id)
      {
        return field
      }
      let name = cell.split(separator: "-").first.map(String.init) ?? cell
      let candidates: [(BCField, [String])] = table.fields.map { field in
        (
          field,
          [compliant(field.name), compliant(field.name, keepPercent: true)]
            + (field.caption.map { [compliant($0)] } ?? [])
        )
      }
      if let exact = candidates.first(where: { $0.1.contains(name) }) { return exact.0 }
      let lower = name.lowercased()
      return candidates.first { $0.1.contains { $0.lowercased() == lower } }?.0
    case .sql:
      var column = cell
      if column.hasPrefix("[") && column.hasSuffix("]") { column = String(column.dropFirst().dropLast()) }
      column = column.trimmingCharacters(in: .whitespaces)
      if let exact = table.fields.first(where: { sql($0.name) == column || $0.name == column }) {
        return exact
      }
      let lower = column.lowercased()
      if let near = table.fields.first(where: {
        sql($0.name).lowercased() == lower || $0.name.lowercased() == lower
      }) {
        return near
      }
      let bare = loose(column)
      return bare.isEmpty ? nil : table.fields.first { loose($0.name) == bare }
    }
  }

  enum Style { case rapidStart, bc2adls, sql }

  /// The table a name stands for (a file or folder name, or an SQL table name without company
  /// and app ID): its SQL name, BC name or compliant name, exactly or loosely.
  static func table(named name: String) -> BCTable? {
    if let exact = BCTable.all.first(where: {
      sql($0.name) == name || $0.name == name || compliant($0.name) == name
    }) {
      return exact
    }
    let bare = loose(name)
    return bare.isEmpty ? nil : BCTable.all.first { loose($0.name) == bare }
  }
}
