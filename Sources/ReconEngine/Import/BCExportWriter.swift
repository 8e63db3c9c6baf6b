import CZlib
import Foundation

/// Writes a snapshot the way Business Central and bc2adls export it — a RapidStart package, a
/// bc2adls lake folder, an SQL export folder — for the tests, the benchmark and the bundled
/// samples (not a user command: BC is what writes these for users). Every layout choice the
/// formats vary is an option, so tests can vary them.
public enum BCExportWriter {
  public struct PackageOptions: Sendable {
    public var gzip = true
    /// UTF-16 LE with a BOM, as the classic XmlDocument.Save writes it; else UTF-8.
    public var utf16 = true
    public var crlf = true
    /// Write the `C` of closing dates (BC's Format(…, 9) drops it).
    public var closingMarker = false
    /// Options as AL value names instead of ordinals (Excel-mode packages).
    public var optionNames = false
    public init() {}
  }

  public struct LakeOptions: Sendable {
    /// Options as their ordinals (*Export Enum as Integer*).
    public var enumAsInteger = false
    /// The `$ClosingDate` column on G/L Entry (*Export Closing Date column*).
    public var closingDateColumn = true
    public var crlf = true
    public var company = "CRONUS Sample Ltd."
    public init() {}
  }

  // MARK: Values

  enum Style { case rapidStart, lake, sql }

  /// One BC field's value of a snapshot row as the format writes it; nil for an empty value.
  static func value(
    _ ledger: Ledger, _ table: LedgerTable, _ row: Int, _ field: BCField, style: Style, enumNames: Bool,
    closingMarker: Bool
  ) -> String? {
    guard case .field(let name) = field.target,
      let spec = table.schema.fields.first(where: { $0.name == name })
    else { return style == .lake ? "0" : nil }
    switch (field.kind, spec.kind) {
    case (.integer, .enumeration):
      let raw = table.bytes[spec.slot][row]
      return raw == CompressedTable.valueEntry.rawValue
        ? "5802" : raw == CompressedTable.glEntry.rawValue ? "17" : "0"
    case (.integer(let relation), _):
      let value = table.numbers[spec.slot][row]
      if value == 0 && relation && style == .rapidStart { return nil }
      return String(value)
    case (.decimal, _):
      let value = ExactDecimal(units: table.numbers[spec.slot][row])
      return style == .sql ? value.plain(decimals: ExactDecimal.scale) + "000000000000000" : value.trimmed()
    case (.boolean, _):
      let flag = table.bytes[spec.slot][row] != 0
      switch style {
      case .rapidStart, .sql: return flag ? "1" : "0"
      case .lake: return flag ? "true" : "false"
      }
    case (.date, _):
      let date = LedgerDate(ordinal: table.dates[spec.slot][row])
      if date == LedgerTable.noDate {
        return style == .sql ? "1753-01-01 00:00:00.000" : nil
      }
      let text = date.normalDate.text
      switch style {
      case .sql: return text + (date.isClosing ? " 23:59:59.000" : " 00:00:00.000")
      default: return (date.isClosing && closingMarker ? "C" : "") + text
      }
    case (.code, _), (.text, _):
      let text = ledger.string(StringID(raw: table.strings[spec.slot][row]))
      return text.isEmpty ? nil : text
    case (.option(let bcEnum), .enumeration(let captions, _)):
      let caption = captions[Int(table.bytes[spec.slot][row])]
      let value = bcEnum.values.first { $0.snapshot == caption } ?? bcEnum.values[0]
      return enumNames ? value.name : String(value.ordinal)
    case (.option(let bcEnum), _):
      let caption = ledger.string(StringID(raw: table.strings[spec.slot][row]))
      let value =
        bcEnum.values.first { $0.snapshot == caption } ?? bcEnum.values.first { $0.name == " " }
        ?? bcEnum.values[0]
      return enumNames ? value.name : String(value.ordinal)
    default: return nil
    }
  }

  /// The setup tables' one record, field ID → value.
  static func setupValues(_ ledger: Ledger, _ table: BCTable, style: Style) -> [Int: String] {
    let flag = { (value: Bool) in style == .lake ? (value ? "true" : "false") : (value ? "1" : "0") }
    switch table.id {
    case BCTable.inventorySetup.id:
      return [2: flag(ledger.automaticCostPosting), 5800: flag(ledger.expectedCostPostingToGL)]
    case BCTable.generalLedgerSetup.id:
      var values: [Int: String] = [
        66: "\(ledger.amountDecimals):\(ledger.amountDecimals)",
        73: ExactDecimal(units: ExactDecimal.powersOfTen[ExactDecimal.scale - ledger.amountDecimals])
          .trimmed(),
      ]
      if let from = ledger.allowPostingFrom { values[2] = from.text }
      if let to = ledger.allowPostingTo { values[3] = to.text }
      let currency = ledger.string(ledger.company[Columns.company.currency, 0])
      if !currency.isEmpty { values[71] = currency }
      return values
    case BCTable.companyInformation.id: return [2: ledger.companyName]
    case BCTable.sourceCodeSetup.id: return [4: ledger.inventoryPostCostSourceCode]
    default: return [:]
    }
  }

  static func arrayTable(_ ledger: Ledger, _ table: BCTable) -> LedgerTable? {
    table.array.flatMap { Ledger.arrayTable(named: $0) }.map { ledger[keyPath: $0] }
  }

  // MARK: RapidStart

  /// A configuration package of every table the import reads.
  public static func writePackage(
    _ ledger: Ledger, to path: String, options: PackageOptions = PackageOptions()
  ) throws {
    let sink = try OutputSink(path: path, gzip: options.gzip, utf16: options.utf16)
    let newline = options.crlf ? "\r\n" : "\n"
    sink.write("<?xml version=\"1.0\" encoding=\"UTF-16\" standalone=\"yes\"?>" + newline)
    sink.write(
      "<DataList MinCountForAsyncImport=\"5\" ExcludeConfigTables=\"1\" LanguageID=\"1033\" ProductVersion=\"W1 24.5\" PackageName=\"ReconBench &amp; G/L data\" Code=\"RECON\">"
        + newline)
    for table in BCTable.all.sorted(by: { $0.id < $1.id }) {
      let listName = BCNames.rapidStart(table.name + "List"), recordName = BCNames.rapidStart(table.name)
      sink.write(
        "  <\(listName)>\(newline)    <TableID>\(table.id)</TableID>\(newline)    <PageID>\(table.id)</PageID>\(newline)"
      )
      let fields =
        table.key.compactMap { table.field($0) } + table.fields.filter { !table.key.contains($0.id) }
      func record(_ value: (BCField) -> String?, first: Bool) {
        var text = "    <\(recordName)>" + newline
        for (order, field) in fields.enumerated() {
          let element = BCNames.rapidStartField(field.name)
          var attributes = ""
          if first {
            attributes =
              (table.key.contains(field.id) ? " PrimaryKey=\"1\"" : " ValidateField=\"1\"")
              + " ProcessingOrder=\"\(order + 1)\""
          }
          if let value = value(field), !value.isEmpty {
            text += "      <\(element)\(attributes)>\(xmlEscaped(value))</\(element)>" + newline
          } else {
            text += "      <\(element)\(attributes)>\(newline)      </\(element)>" + newline
          }
        }
        sink.write(text + "    </\(recordName)>" + newline)
      }
      if let rows = arrayTable(ledger, table) {
        if rows.isEmpty { record({ _ in nil }, first: true) }
        for row in rows.indices {
          record(
            {
              field in
              if case .none = field.target { return String(row + 1) }
              return value(
                ledger, rows, row, field, style: .rapidStart, enumNames: options.optionNames,
                closingMarker: options.closingMarker)
            }, first: row == 0)
        }
      } else {
        let values = setupValues(ledger, table, style: .rapidStart)
        record({ values[$0.id] }, first: true)
      }
      sink.write("  </\(listName)>" + newline)
    }
    sink.write("</DataList>" + newline)
    try sink.close()
  }

  static func xmlEscaped(_ text: String) -> String {
    var result = ""
    for character in text {
      switch character {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      default: result.append(character)
      }
    }
    return result
  }

  // MARK: bc2adls

  /// A bc2adls lake: `data/<Entity>-<ID>/<GUID>.csv` per table, every field enabled.
  public static func writeLake(_ ledger: Ledger, to folder: String, options: LakeOptions = LakeOptions())
    throws
  {
    let newline = options.crlf ? "\r\n" : "\n"
    var timestamp = 1000
    for table in BCTable.all {
      let entity = BCNames.compliant(table.name) + "-\(table.id)"
      let directory = (folder as NSString).appendingPathComponent("data/" + entity)
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
      let sink = try OutputSink(
        path: (directory as NSString).appendingPathComponent(guid(table.id, 0) + ".csv"), gzip: false,
        utf16: false)
      let fields = table.fields.sorted { $0.id < $1.id }
      var header = fields.map { BCNames.compliant($0.name) + "-\($0.id)" }
      header += [
        "timestamp-0", "systemId-2000000000", "SystemCreatedAt-2000000001", "SystemModifiedAt-2000000003",
        "$Company",
      ]
      let closing = options.closingDateColumn && table.id == BCTable.glEntry.id
      if closing { header.append("$ClosingDate") }
      sink.write(header.joined(separator: ",") + newline)
      func line(_ values: [String?], closingDate: Bool, row: Int) {
        timestamp += 1
        var cells: [String] = zip(fields, values).map { field, value in
          switch field.kind {
          case .code, .text, .decimalPlaces: return quoted(value ?? "")
          case .option: return value ?? " "
          default: return value ?? ""
          }
        }
        cells += [
          String(timestamp), quoted("{" + guid(table.id, row + 1) + "}"), "2024-01-01T08:00:00.000Z",
          "2024-01-01T08:00:00.000Z", quoted(options.company),
        ]
        if closing { cells.append(closingDate ? "true" : "false") }
        sink.write(cells.joined(separator: ",") + newline)
      }
      if let rows = arrayTable(ledger, table) {
        let dateSlot = rows.schema.fields.first { $0.name == "postingDate" }?.slot
        for row in rows.indices {
          let values = fields.map { field -> String? in
            if case .none = field.target { return String(row + 1) }
            return value(
              ledger, rows, row, field, style: .lake, enumNames: !options.enumAsInteger, closingMarker: false)
          }
          let isClosing = dateSlot.map { LedgerDate(ordinal: rows.dates[$0][row]).isClosing } ?? false
          line(values, closingDate: isClosing, row: row)
        }
      } else {
        let values = setupValues(ledger, table, style: .lake)
        line(fields.map { values[$0.id] }, closingDate: false, row: 0)
      }
      try sink.close()
    }
  }

  /// bc2adls's text form: in double quotes, `\` and `"` escaped with a backslash.
  static func quoted(_ text: String) -> String {
    "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
      + "\""
  }

  /// A stable GUID for a table and row (the lake's systemId and file names).
  static func guid(_ table: Int, _ row: Int) -> String {
    let high = String(format: "%08X", table), low = String(format: "%012X", row)
    return "\(high)-0000-4000-8000-\(low)"
  }

  // MARK: SQL

  /// An SQL Server export: one `dbo.<Company>$<Table>$<app ID>.csv` per table, SQL column names,
  /// options as integers, decimals as decimal(38,20), dates as datetime.
  public static func writeSQL(_ ledger: Ledger, to folder: String, company: String = "CRONUS Sample Ltd.")
    throws
  {
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    for table in BCTable.all {
      let name = "dbo.\(BCNames.sql(company))$\(BCNames.sql(table.name))$\(BCTable.baseAppID).csv"
      let sink = try OutputSink(
        path: (folder as NSString).appendingPathComponent(name), gzip: false, utf16: false)
      let fields = table.fields.sorted { $0.id < $1.id }
      sink.write(
        (["timestamp"] + fields.map { BCNames.sql($0.name) } + ["$systemId"]).joined(separator: ",") + "\r\n")
      func line(_ values: [String?], row: Int) {
        let cells = values.map { value -> String in
          guard let value else { return "" }
          return value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" })
            ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
        }
        sink.write(
          (["0x\(String(format: "%016X", row + 1))"] + cells + [guid(table.id, row + 1)]).joined(
            separator: ",") + "\r\n")
      }
      if let rows = arrayTable(ledger, table) {
        for row in rows.indices {
          line(
            fields.map { field -> String? in
              if case .none = field.target { return String(row + 1) }
              return value(ledger, rows, row, field, style: .sql, enumNames: false, closingMarker: false)
            }, row: row)
        }
      } else {
        let values = setupValues(ledger, table, style: .sql)
        line(fields.map { values[$0.id] }, row: 0)
      }
      try sink.close()
    }
  }
}

/// Text written in blocks, as UTF-8 or UTF-16 LE with a BOM, optionally through GZip.
final class OutputSink {
  private let handle: FileHandle
  private let utf16: Bool
  /// On the heap: zlib keeps a pointer back to its z_stream.
  private var stream: UnsafeMutablePointer<z_stream>?
  private var pending: [UInt8] = []
  private var output = [UInt8](repeating: 0, count: 1 << 18)

  init(path: String, gzip: Bool, utf16: Bool) throws {
    guard FileManager.default.createFile(atPath: path, contents: nil) else {
      throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
    }
    guard let handle = FileHandle(forWritingAtPath: path) else {
      throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
    }
    self.handle = handle
    self.utf16 = utf16
    if gzip {
      let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
      stream.initialize(to: z_stream())
      _ = czlib_deflate_init_gzip(stream, 1)
      self.stream = stream
    }
    if utf16 { pending += [0xFF, 0xFE] }
  }

  func write(_ text: String) {
    if utf16 {
      for unit in text.utf16 {
        pending.append(UInt8(unit & 0xFF))
        pending.append(UInt8(unit >> 8))
      }
    } else {
      pending.append(contentsOf: text.utf8)
    }
    if pending.count > 1 << 20 { flush(final: false) }
  }

  private func flush(final: Bool) {
    guard let stream else {
      handle.write(Data(pending))
      pending.removeAll(keepingCapacity: true)
      return
    }
    pending.withUnsafeMutableBufferPointer { input in
      stream.pointee.next_in = input.baseAddress
      stream.pointee.avail_in = UInt32(input.count)
      var status: Int32 = Z_OK
      repeat {
        let produced = output.withUnsafeMutableBufferPointer { out -> Int in
          stream.pointee.next_out = out.baseAddress
          stream.pointee.avail_out = UInt32(out.count)
          status = deflate(stream, final ? Z_FINISH : Z_NO_FLUSH)
          return out.count - Int(stream.pointee.avail_out)
        }
        if produced > 0 { handle.write(Data(output[0..<produced])) }
      } while stream.pointee.avail_out == 0 || (final && status != Z_STREAM_END)
    }
    pending.removeAll(keepingCapacity: true)
  }

  func close() throws {
    flush(final: true)
    if let stream {
      deflateEnd(stream)
      stream.deallocate()
      self.stream = nil
    }
    try handle.close()
  }
}
