import Foundation

/// The tables, fields and enumerations of bc-import.md §3 and §6, read from copies of the spec's
/// own tables (Fixtures/bc-tables.txt, Fixtures/bc-enums.txt) — never from the importer — so the
/// tests render exports with the names and ordinals the spec states.
struct SpecField {
  /// The snapshot field, or "(key only)".
  var snapshot: String
  var id: Int
  var name: String
  /// The BC type as the spec writes it: `Integer`, `Integer (rel.)`, `Decimal`, `Boolean`, `Date`,
  /// `Code[20]`, `Text[100]`, `enum Item Ledger Entry Type`, `Option Income/Balance`.
  var type: String
  var rapidStart: String
  var lake: String
  /// Without the brackets.
  var sql: String

  enum Kind { case integer, relation, decimal, boolean, date, text, enumeration(String) }

  var kind: Kind {
    if type == "Integer" { return .integer }
    if type.hasPrefix("Integer (rel.)") { return .relation }
    if type == "Decimal" { return .decimal }
    if type == "Boolean" { return .boolean }
    if type == "Date" { return .date }
    if type.hasPrefix("enum ") { return .enumeration(String(type.dropFirst(5))) }
    if type.hasPrefix("Option ") { return .enumeration(String(type.dropFirst(7))) }
    return .text
  }
}

struct SpecTable {
  var id: Int
  var name: String
  var rapidStartList: String
  var rapidStartRecord: String
  var entity: String
  var sqlName: String
  var keyNames: [String]
  var fields: [SpecField]

  func field(_ name: String) -> SpecField? { fields.first { $0.name == name } }
}

enum Spec {
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

  static let tables: [Int: SpecTable] = {
    let text =
      (try? String(contentsOf: fixtures.appendingPathComponent("bc-tables.txt"), encoding: .utf8)) ?? ""
    var result: [Int: SpecTable] = [:]
    var current: SpecTable?
    for line in text.split(separator: "\n") where !line.hasPrefix("#") {
      let cells = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
      if cells[0] == "table" {
        if let current { result[current.id] = current }
        let keys = cells[7].split(separator: ",").map {
          $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: ["*"])
        }
        current = SpecTable(
          id: Int(cells[1]) ?? 0, name: cells[2], rapidStartList: cells[3], rapidStartRecord: cells[4],
          entity: cells[5],
          sqlName: cells[6].trimmingCharacters(in: .whitespaces), keyNames: keys, fields: [])
      } else {
        let lake = cells[6].components(separatedBy: " / ")[0].trimmingCharacters(in: .whitespaces)
        let sql = cells[7].trimmingCharacters(in: ["[", "]"])
        current?.fields.append(
          SpecField(
            snapshot: cells[1], id: Int(cells[2]) ?? 0, name: cells[3], type: cells[4], rapidStart: cells[5],
            lake: lake,
            sql: sql))
      }
    }
    if let current { result[current.id] = current }
    return result
  }()

  /// Enumeration name → [(ordinal, AL name)]; the blank value's name is " ".
  static let enums: [String: [(ordinal: Int, name: String)]] = {
    let text =
      (try? String(contentsOf: fixtures.appendingPathComponent("bc-enums.txt"), encoding: .utf8)) ?? ""
    var result: [String: [(Int, String)]] = [:]
    for line in text.split(separator: "\n") where !line.hasPrefix("#") {
      let cells = line.split(separator: "|").map(String.init)
      result[cells[0]] = cells.dropFirst().map { value in
        let parts = value.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        return (Int(parts[0]) ?? -1, String(parts[1]))
      }
    }
    return result
  }()

  static func ordinal(_ enumName: String, _ name: String) -> Int? {
    enums[enumName]?.first { $0.name == name }?.ordinal
  }

  static func table(_ id: Int) -> SpecTable {
    guard let table = tables[id] else { fatalError("table \(id) is not in Fixtures/bc-tables.txt") }
    return table
  }
}

/// One BC record as BC holds it, written by hand: BC field name → value. Enumerations by their AL
/// value name (" " blank), booleans `true`/`false`, dates `YYYY-MM-DD` (`C…` a closing date, ""
/// the blank date), decimals in their shortest form. A field left out holds its BC default.
typealias BCRecord = [String: String]

/// A table of an export: its records in the order the export writes them.
struct BCTableData {
  var id: Int
  var records: [BCRecord]
  var spec: SpecTable { Spec.table(id) }

  /// A field's value in a record, with BC's default for a field left out.
  func value(_ record: BCRecord, _ field: SpecField) -> String {
    if let value = record[field.name] { return value }
    switch field.kind {
    case .integer, .relation, .decimal: return "0"
    case .boolean: return "false"
    case .date, .text: return ""
    case .enumeration(let name): return Spec.enums[name]?.first { $0.ordinal == 0 }?.name ?? ""
    }
  }
}
