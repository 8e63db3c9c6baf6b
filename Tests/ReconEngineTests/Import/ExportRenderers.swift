import CZlib
import Foundation

@testable import ReconEngine

/// Writes hand-built BC records the way BC and bc2adls write them, by the rules of bc-import.md
/// (§5, §7, §8) and the names of its §3 tables — independently of the importer and of
/// `BCExportWriter`, so a round trip through them tests the importer against the spec.
enum TextEncodingChoice { case utf8, utf8BOM, utf16LE, utf16LENoBOM, utf16BE, utf16BENoBOM }

func encode(_ text: String, _ encoding: TextEncodingChoice) -> [UInt8] {
  func utf16(_ big: Bool) -> [UInt8] {
    text.utf16.flatMap { unit -> [UInt8] in
      big ? [UInt8(unit >> 8), UInt8(unit & 0xFF)] : [UInt8(unit & 0xFF), UInt8(unit >> 8)]
    }
  }
  switch encoding {
  case .utf8: return Array(text.utf8)
  case .utf8BOM: return [0xEF, 0xBB, 0xBF] + Array(text.utf8)
  case .utf16LE: return [0xFF, 0xFE] + utf16(false)
  case .utf16LENoBOM: return utf16(false)
  case .utf16BE: return [0xFE, 0xFF] + utf16(true)
  case .utf16BENoBOM: return utf16(true)
  }
}

/// GZip through zlib (one member, no file name, as .NET's GZipStream writes it).
func gzip(_ bytes: [UInt8]) -> [UInt8] {
  var stream = z_stream()
  _ = czlib_deflate_init_gzip(&stream, 6)
  var output: [UInt8] = []
  var input = bytes
  var chunk = [UInt8](repeating: 0, count: 1 << 16)
  input.withUnsafeMutableBufferPointer { source in
    stream.next_in = source.baseAddress
    stream.avail_in = UInt32(source.count)
    var status: Int32 = Z_OK
    while status != Z_STREAM_END {
      chunk.withUnsafeMutableBufferPointer { out in
        stream.next_out = out.baseAddress
        stream.avail_out = UInt32(out.count)
        status = deflate(&stream, Z_FINISH)
        output.append(contentsOf: out[0..<(out.count - Int(stream.avail_out))])
      }
    }
  }
  deflateEnd(&stream)
  return output
}

// MARK: RapidStart

struct PackageStyle {
  var newline = "\r\n"
  /// "Prefix mode": `Table_` before record names, `Field_` before field names.
  var prefixes = false
  /// Fields in reverse processing order (a user reordered them).
  var reversedFields = false
  /// Fields left out of every record of a table (table ID → BC field names).
  var excluded: [Int: Set<String>] = [:]
  /// Unknown elements added to every record (an extension's fields, a removed field).
  var extraFields: [(element: String, value: String)] = []
  /// The BC 15/16 system fields in every record.
  var systemFields = false
  var excludeConfigTables = true
}

enum RapidStartRenderer {
  static func value(_ text: String, _ field: SpecField) -> String {
    switch field.kind {
    case .relation: return text == "0" ? "" : text
    case .boolean: return text == "true" ? "1" : text == "false" ? "0" : text
    // Format(D, 0, 9) drops the closing marker.
    case .date: return text.hasPrefix("C") ? String(text.dropFirst()) : text
    case .enumeration(let name): return Spec.ordinal(name, text).map(String.init) ?? text
    case .integer, .decimal, .text: return text
    }
  }

  static func escaped(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;")
  }

  static func xml(_ tables: [BCTableData], style: PackageStyle = PackageStyle()) -> String {
    let nl = style.newline
    var out = "<?xml version=\"1.0\" encoding=\"UTF-16\" standalone=\"yes\"?>" + nl
    out +=
      "<DataList MinCountForAsyncImport=\"5\"\(style.excludeConfigTables ? " ExcludeConfigTables=\"1\"" : "") LanguageID=\"1033\" ProductVersion=\"W1 24.5\" PackageName=\"Inventory &amp; G/L data\" Code=\"RECON\">"
      + nl
    if !style.excludeConfigTables {
      out += "  <ConfigQuestionnaireList>\(nl)    <TableID>8610</TableID>\(nl)    <ConfigQuestionnaire>\(nl)"
      out +=
        "      <Code PrimaryKey=\"1\" ProcessingOrder=\"1\">Q1</Code>\(nl)    </ConfigQuestionnaire>\(nl)"
      out += "  </ConfigQuestionnaireList>\(nl)"
    }
    for table in tables.sorted(by: { $0.id < $1.id }) {
      let spec = table.spec
      let excluded = style.excluded[table.id] ?? []
      let keyFields = spec.keyNames.compactMap { spec.field($0) }
      var fields =
        keyFields + spec.fields.filter { !spec.keyNames.contains($0.name) }.sorted { $0.id < $1.id }
      fields.removeAll { excluded.contains($0.name) }
      if style.reversedFields { fields.reverse() }
      out +=
        "  <\(spec.rapidStartList)>\(nl)    <TableID>\(table.id)</TableID>\(nl)    <PageID>\(table.id)</PageID>\(nl)"
      out += "    <SkipTableTriggers>0</SkipTableTriggers>\(nl)"
      let records = table.records.isEmpty ? [nil] : table.records.map { Optional($0) }
      for (index, record) in records.enumerated() {
        let recordName = (style.prefixes ? "Table_" : "") + spec.rapidStartRecord
        out += "    <\(recordName)>\(nl)"
        for (order, field) in fields.enumerated() {
          let element = (style.prefixes ? "Field_" : "") + field.rapidStart
          var attributes = ""
          if index == 0 {
            attributes =
              (spec.keyNames.contains(field.name) ? " PrimaryKey=\"1\"" : " ValidateField=\"1\"")
              + " ProcessingOrder=\"\(order + 1)\""
          }
          let text = record.map { value(table.value($0, field), field) } ?? ""
          if text.isEmpty {
            out += "      <\(element)\(attributes)>\(nl)      </\(element)>\(nl)"
          } else {
            out += "      <\(element)\(attributes)>\(escaped(text))</\(element)>\(nl)"
          }
        }
        if record != nil {
          for extra in style.extraFields {
            out += "      <\(extra.element)>\(escaped(extra.value))</\(extra.element)>\(nl)"
          }
          if style.systemFields {
            out += "      <SystemId>{6F9619FF-8B86-D011-B42D-00C04FC964FF}</SystemId>\(nl)"
            out += "      <SystemCreatedAt>2025-01-31T08:00:13.558Z</SystemCreatedAt>\(nl)"
          }
        }
        out += "    </\(recordName)>\(nl)"
      }
      out += "  </\(spec.rapidStartList)>\(nl)"
    }
    return out + "</DataList>" + nl
  }
}

// MARK: bc2adls

struct LakeStyle {
  var newline = "\r\n"
  var company = "Mini Ltd."
  /// Export Enum as Integer.
  var enumAsInteger = false
  /// Use IDs for Duplicates Only: no `-<ID>` suffixes.
  var noIDs = false
  /// Export Closing Date column ($ClosingDate on G/L Entry files).
  var closingDateColumn = false
  /// Enabled fields (table ID → BC field names); nil = all.
  var enabled: [Int: Set<String>] = [:]
  /// `""` instead of `\"` for a quote (a file re-saved by another tool).
  var doubledQuotes = false
}

/// A bc2adls row: a record plus the lake's metadata.
struct LakeRow {
  var record: BCRecord
  var timestamp: Int
  var systemId: String
  var deleted = false
  var company: String?
  var modifiedAt = "2025-02-01T08:00:00.000Z"
}

enum LakeRenderer {
  static func value(_ text: String, _ field: SpecField, style: LakeStyle) -> String {
    switch field.kind {
    case .integer, .relation, .decimal: return text
    case .boolean: return text
    case .date: return text.hasPrefix("C") ? String(text.dropFirst()) : text
    case .enumeration(let name):
      return style.enumAsInteger ? (Spec.ordinal(name, text).map(String.init) ?? text) : text
    case .text: return quoted(text, style)
    }
  }

  static func quoted(_ text: String, _ style: LakeStyle) -> String {
    // bc2adls escapes `\` and `"` with a backslash; a tool that re-saved the file doubled the
    // quotes instead but kept the backslashes it read.
    let backslashes = text.replacingOccurrences(of: "\\", with: "\\\\")
    let escaped =
      style.doubledQuotes
      ? backslashes.replacingOccurrences(of: "\"", with: "\"\"")
      : backslashes.replacingOccurrences(of: "\"", with: "\\\"")
    return "\"" + escaped.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
      + "\""
  }

  static func csv(_ tableID: Int, _ rows: [LakeRow], style: LakeStyle = LakeStyle()) -> String {
    let spec = Spec.table(tableID)
    var fields = spec.fields.sorted { $0.id < $1.id }
    if let enabled = style.enabled[tableID] { fields = fields.filter { enabled.contains($0.name) } }
    let suffix = { (id: Int) in style.noIDs ? "" : "-\(id)" }
    var header = fields.map { style.noIDs ? String($0.lake.prefix { $0 != "-" }) : $0.lake }
    header += [
      "timestamp" + suffix(0), "systemId" + suffix(2_000_000_000), "SystemCreatedAt" + suffix(2_000_000_001),
      "SystemModifiedAt" + suffix(2_000_000_003), "$Company",
    ]
    let closing = style.closingDateColumn && tableID == 17
    if closing { header.append("$ClosingDate") }
    var lines = [header.joined(separator: ",")]
    let data = BCTableData(id: tableID, records: [])
    for row in rows {
      var cells: [String] = fields.map { field in
        if row.deleted && !spec.keyNames.contains(field.name) {
          return value(data.value([:], field), field, style: style)
        }
        return value(data.value(row.record, field), field, style: style)
      }
      cells += [
        String(row.timestamp), quoted("{" + row.systemId + "}", style),
        row.deleted ? "" : "2025-01-01T08:00:00.000Z",
        row.modifiedAt, quoted(row.company ?? style.company, style),
      ]
      if closing {
        let date = row.record["Posting Date"] ?? ""
        cells.append(date.hasPrefix("C") ? "true" : "false")
      }
      lines.append(cells.joined(separator: ","))
    }
    return lines.joined(separator: style.newline) + style.newline
  }

  /// A lake folder: `data/<Entity>/<GUID>.csv` per table.
  static func write(_ tables: [BCTableData], to folder: String, style: LakeStyle = LakeStyle()) throws {
    var timestamp = 1000
    for table in tables {
      let rows = table.records.enumerated().map { index, record -> LakeRow in
        timestamp += 1
        return LakeRow(record: record, timestamp: timestamp, systemId: guid(table.id, index))
      }
      try writeFile(
        folder + "/data/\(table.spec.entity)/\(guid(table.id, 999_999)).csv",
        csv(table.id, rows, style: style))
    }
  }

  static func guid(_ table: Int, _ row: Int) -> String {
    String(format: "%08X-1111-4222-8333-%012X", table, row)
  }
}

// MARK: SQL

struct SQLStyle {
  var separator = ","
  var newline = "\r\n"
  var company = "Mini Ltd."
  /// Header cells in brackets.
  var brackets = false
  /// With a separator other than `,`: decimals with a comma.
  var decimalComma = false
  /// BC 26: no G/L Register Creation Date column.
  var withoutCreationDate = false
}

enum SQLRenderer {
  static func decimal(_ text: String) -> String {
    let negative = text.hasPrefix("-")
    let digits = negative ? String(text.dropFirst()) : text
    let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
    let fraction = parts.count > 1 ? String(parts[1]) : ""
    return (negative ? "-" : "") + String(parts[0]) + "." + fraction
      + String(repeating: "0", count: 20 - fraction.count)
  }

  static func value(_ text: String, _ field: SpecField, style: SQLStyle) -> String {
    switch field.kind {
    case .integer, .relation: return text
    case .decimal:
      let value = decimal(text)
      return style.decimalComma ? value.replacingOccurrences(of: ".", with: ",") : value
    case .boolean: return text == "true" ? "1" : text == "false" ? "0" : text
    case .date:
      if text.isEmpty { return "1753-01-01 00:00:00.000" }
      if text.hasPrefix("C") { return String(text.dropFirst()) + " 23:59:59.000" }
      return text + " 00:00:00.000"
    case .enumeration(let name): return Spec.ordinal(name, text).map(String.init) ?? text
    case .text:
      let needsQuotes = text.contains(style.separator) || text.contains("\"") || text.contains("\n")
      return needsQuotes ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }
  }

  static func csv(_ table: BCTableData, style: SQLStyle = SQLStyle()) -> String {
    var fields = table.spec.fields.sorted { $0.id < $1.id }
    if style.withoutCreationDate && table.id == 45 { fields.removeAll { $0.id == 4 } }
    let header =
      ["timestamp"] + fields.map { style.brackets ? "[\($0.sql)]" : $0.sql } + [
        "$systemId", "$systemCreatedAt",
      ]
    var lines = [header.joined(separator: style.separator)]
    for (index, record) in table.records.enumerated().reversed() {  // rows in no particular order
      var cells = [String(format: "0x%016X", 4000 + index)]
      cells += fields.map { value(table.value(record, $0), $0, style: style) }
      cells += [LakeRenderer.guid(table.id, index), "2025-01-31 08:00:13.557"]
      lines.append(cells.joined(separator: style.separator))
    }
    return lines.joined(separator: style.newline) + style.newline
  }

  static func fileName(_ table: BCTableData, company: String) -> String {
    func sql(_ name: String) -> String {
      String(name.map { ".\\/'\"%[]".contains($0) ? "_" : $0 })
    }
    return "dbo.\(sql(company))$\(sql(table.spec.name))$437dbf0e-84ff-417a-965d-ed2bb9650972.csv"
  }

  static func write(_ tables: [BCTableData], to folder: String, style: SQLStyle = SQLStyle()) throws {
    for table in tables {
      try writeFile(folder + "/" + fileName(table, company: style.company), csv(table, style: style))
    }
  }
}

func writeFile(_ path: String, _ text: String) throws {
  try writeFile(path, Array(text.utf8))
}

func writeFile(_ path: String, _ bytes: [UInt8]) throws {
  try FileManager.default.createDirectory(
    atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
  try Data(bytes).write(to: URL(fileURLWithPath: path))
}
