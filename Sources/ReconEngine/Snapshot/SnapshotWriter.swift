/// Writes a ledger as snapshot JSON: top-level keys in the order of `snapshot-format.md`, one
/// object per line inside each array, fields in schema order, fields holding their default left
/// out (a reader restores them), `x-` keys written back verbatim after the known fields.
///
/// The same ledger always gives the same bytes. Output goes through `flush` in large chunks, so a
/// million-entry ledger is written without first building the whole file in memory.
struct SnapshotWriter {
  private var buffer: [UInt8] = []
  private let flush: ([UInt8]) throws(SnapshotError) -> Void
  private let chunkSize: Int

  init(chunkSize: Int = 1 << 22, flush: @escaping ([UInt8]) throws(SnapshotError) -> Void) {
    self.chunkSize = chunkSize
    self.flush = flush
    buffer.reserveCapacity(chunkSize + 4096)
  }

  mutating func write(_ ledger: Ledger) throws(SnapshotError) {
    let decimals = min(max(ledger.amountDecimals, 0), ExactDecimal.scale)
    append("{\n\"format\":\"reconbench.snapshot\",\n\"version\":1,\n\"company\":")
    writeRow(ledger.company, 0, ledger.strings, decimals)
    append(",\n\"setup\":")
    writeRow(ledger.setup, 0, ledger.strings, decimals)
    for table in Ledger.arrayTables {
      let rows = ledger[keyPath: table]
      append(",\n\"")
      append(rows.schema.name)
      append("\":[")
      for row in rows.indices {
        append(row == 0 ? "\n" : ",\n")
        writeRow(rows, row, ledger.strings, decimals)
        if buffer.count >= chunkSize { try drain() }
      }
      append(rows.isEmpty ? "]" : "\n]")
    }
    for extra in ledger.extras {
      append(",\n")
      writeString(extra.key)
      append(":")
      append(extra.rawJSON)
    }
    append("\n}\n")
    try drain()
  }

  private mutating func drain() throws(SnapshotError) {
    if buffer.isEmpty { return }
    try flush(buffer)
    buffer.removeAll(keepingCapacity: true)
  }

  // MARK: Rows

  private mutating func writeRow(_ table: LedgerTable, _ row: Int, _ strings: StringPool, _ decimals: Int) {
    buffer.append(UInt8(ascii: "{"))
    var first = true
    for field in table.schema.fields {
      let slot = field.slot
      switch field.kind {
      case .entryNumber, .integer:
        let value = table.numbers[slot][row]
        if value == field.defaultNumber && !field.required { continue }
        key(field.name, &first)
        writeInteger(value)
      case .amount:
        let units = table.numbers[slot][row]
        if units == 0 { continue }
        key(field.name, &first)
        // Never fewer digits than the value has: a save must not round data away.
        let value = ExactDecimal(units: units)
        writeDecimal(units, decimals: value.fits(decimals: decimals) ? decimals : value.significantDecimals)
      case .quantity:
        let units = table.numbers[slot][row]
        if units == 0 { continue }
        key(field.name, &first)
        writeDecimal(units, decimals: ExactDecimal(units: units).significantDecimals)
      case .date, .nullableDate:
        let ordinal = table.dates[slot][row]
        if ordinal == LedgerTable.noDate.ordinal { continue }
        key(field.name, &first)
        writeDate(LedgerDate(ordinal: ordinal))
      case .code, .text:
        let id = StringID(raw: table.strings[slot][row])
        if !field.required {
          if field.defaultText.isEmpty {
            if id.isBlank { continue }
          } else if strings.string(id) == field.defaultText {
            continue
          }
        }
        key(field.name, &first)
        strings.withBytes(id) { writeString($0) }
      case .boolean:
        let value = table.bytes[slot][row]
        if value == field.defaultByte { continue }
        key(field.name, &first)
        append(value != 0 ? "true" : "false")
      case .enumeration(let captions, _):
        let value = table.bytes[slot][row]
        if value == field.defaultByte && !field.required { continue }
        key(field.name, &first)
        writeString(captions[Int(value)])
      }
    }
    if let extras = table.extras[row] {
      for extra in extras {
        key(extra.key, &first)
        append(extra.rawJSON)
      }
    }
    buffer.append(UInt8(ascii: "}"))
  }

  private mutating func key(_ name: String, _ first: inout Bool) {
    if !first { buffer.append(UInt8(ascii: ",")) }
    first = false
    writeString(name)
    buffer.append(UInt8(ascii: ":"))
  }

  // MARK: Scalars

  private mutating func append(_ text: String) {
    buffer.append(contentsOf: text.utf8)
  }

  private mutating func writeString(_ text: String) {
    var copy = text
    copy.withUTF8 { writeString($0) }
  }

  /// A JSON string: quotes, backslashes and control characters escaped, all else verbatim UTF-8.
  private mutating func writeString(_ bytes: UnsafeBufferPointer<UInt8>) {
    buffer.append(UInt8(ascii: "\""))
    for byte in bytes {
      switch byte {
      case UInt8(ascii: "\""), UInt8(ascii: "\\"):
        buffer.append(UInt8(ascii: "\\"))
        buffer.append(byte)
      case 0x0A: append("\\n")
      case 0x0D: append("\\r")
      case 0x09: append("\\t")
      case 0..<0x20:
        append("\\u00")
        buffer.append(SnapshotWriter.hexDigits[Int(byte >> 4)])
        buffer.append(SnapshotWriter.hexDigits[Int(byte & 15)])
      default: buffer.append(byte)
      }
    }
    buffer.append(UInt8(ascii: "\""))
  }

  private static let hexDigits = Array("0123456789abcdef".utf8)

  private mutating func writeInteger(_ value: Int64) {
    if value < 0 { buffer.append(UInt8(ascii: "-")) }
    writeDigits(value.magnitude, minimumDigits: 1)
  }

  /// Writes `magnitude` in decimal, zero-padded to `minimumDigits`.
  private mutating func writeDigits(_ magnitude: UInt64, minimumDigits: Int) {
    var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
      UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
      (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    var count = 0
    var rest = magnitude
    withUnsafeMutableBytes(of: &digits) { raw in
      repeat {
        raw[count] = UInt8(rest % 10) + 48
        rest /= 10
        count += 1
      } while rest > 0 || count < minimumDigits
      for index in stride(from: count - 1, through: 0, by: -1) { buffer.append(raw[index]) }
    }
  }

  /// An exact decimal as a plain JSON number with exactly `decimals` fractional digits.
  private mutating func writeDecimal(_ units: Int64, decimals: Int) {
    if units < 0 { buffer.append(UInt8(ascii: "-")) }
    let magnitude = units.magnitude
    let one = UInt64(ExactDecimal.unitsPerOne)
    writeDigits(magnitude / one, minimumDigits: 1)
    if decimals > 0 {
      buffer.append(UInt8(ascii: "."))
      let divisor = UInt64(ExactDecimal.powersOfTen[ExactDecimal.scale - decimals])
      writeDigits((magnitude % one) / divisor, minimumDigits: decimals)
    }
  }

  private mutating func writeDate(_ date: LedgerDate) {
    let (year, month, day) = date.components
    buffer.append(UInt8(ascii: "\""))
    if date.isClosing { buffer.append(UInt8(ascii: "C")) }
    writeDigits(UInt64(year), minimumDigits: 4)
    buffer.append(UInt8(ascii: "-"))
    writeDigits(UInt64(month), minimumDigits: 2)
    buffer.append(UInt8(ascii: "-"))
    writeDigits(UInt64(day), minimumDigits: 2)
    buffer.append(UInt8(ascii: "\""))
  }
}
