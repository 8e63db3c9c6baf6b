/// Writes a ledger as snapshot JSON: top-level keys in the order of `snapshot-format.md`, one
/// object per line inside each array, fields in schema order, fields holding their default left
/// out (a reader restores them), `x-` keys written back verbatim after the known fields.
///
/// The same ledger always gives the same bytes. Output goes through `flush` in large chunks, so a
/// million-entry ledger is written without first building the whole file in memory.
struct SnapshotWriter {
  private var output: OutputBuffer
  private let flush: (UnsafeRawBufferPointer) throws(SnapshotError) -> Void
  /// The last date written and its JSON text: entries come in date order, so most dates repeat.
  private var lastDate: Int32 = .min
  private var lastDateText: [UInt8] = []

  init(chunkSize: Int = 1 << 22, flush: @escaping (UnsafeRawBufferPointer) throws(SnapshotError) -> Void) {
    output = OutputBuffer(capacity: chunkSize + 65_536)
    self.flush = flush
  }

  mutating func write(_ ledger: Ledger) throws(SnapshotError) {
    defer { output.deallocate() }
    let decimals = min(max(ledger.amountDecimals, 0), ExactDecimal.scale)
    append("{\n\"format\":\"reconbench.snapshot\",\n\"version\":1,\n\"company\":")
    writeRow(ledger.company, 0, ledger.strings, decimals)
    append(",\n\"setup\":")
    writeRow(ledger.setup, 0, ledger.strings, decimals)
    for table in Ledger.arrayTables {
      let rows = ledger[keyPath: table]
      if rows.isEmpty && Ledger.optionalTableNames.contains(rows.schema.name) { continue }
      append(",\n\"")
      append(rows.schema.name)
      append("\":[")
      for row in rows.indices {
        append(row == 0 ? "\n" : ",\n")
        writeRow(rows, row, ledger.strings, decimals)
        if output.count >= output.capacity - 65_536 { try drain() }
      }
      append(rows.isEmpty ? "]" : "\n]")
    }
    for extra in ledger.extras {
      append(",\n")
      writeJSONString(extra.key)
      append(":")
      append(extra.rawJSON)
    }
    append("\n}\n")
    try drain(final: true)
  }

  /// Hands whole 4 KiB blocks to `flush` (so a file opened for direct I/O gets aligned
  /// writes) and keeps the rest for later; `final` hands over everything.
  private mutating func drain(final: Bool = false) throws(SnapshotError) {
    let ready = final ? output.count : output.count & ~(OutputBuffer.alignment - 1)
    if ready == 0 { return }
    try flush(UnsafeRawBufferPointer(start: output.base, count: ready))
    output.removeFirst(ready)
  }

  // MARK: Rows

  private mutating func writeRow(_ table: LedgerTable, _ row: Int, _ strings: StringPool, _ decimals: Int) {
    output.append(UInt8(ascii: "{"))
    var first = true
    let schema = table.schema
    for index in schema.codes.indices {
      let slot = schema.slots[index]
      let required = schema.requiredMask & (1 << UInt64(index)) != 0
      switch schema.codes[index] {
      case .entryNumber, .integer:
        let value = table.numbers[slot][row]
        if value == schema.numberDefaults[slot] && !required { continue }
        key(schema, index, &first)
        writeInteger(value)
      case .amount:
        let units = table.numbers[slot][row]
        if units == 0 { continue }
        key(schema, index, &first)
        // Never fewer digits than the value has: a save must not round data away.
        let value = ExactDecimal(units: units)
        writeDecimal(units, decimals: value.fits(decimals: decimals) ? decimals : value.significantDecimals)
      case .quantity:
        let units = table.numbers[slot][row]
        if units == 0 { continue }
        key(schema, index, &first)
        writeDecimal(units, decimals: ExactDecimal(units: units).significantDecimals)
      case .date, .nullableDate:
        let ordinal = table.dates[slot][row]
        if ordinal == LedgerTable.noDate.ordinal { continue }
        key(schema, index, &first)
        writeDate(ordinal)
      case .string:
        let id = StringID(raw: table.strings[slot][row])
        if !required {
          if schema.textDefaultMask & (1 << UInt64(index)) == 0 {
            if id.isBlank { continue }
          } else if strings.string(id) == schema.fields[index].defaultText {
            continue
          }
        }
        key(schema, index, &first)
        strings.withBytes(id) { writeJSONString($0) }
      case .boolean:
        let value = table.bytes[slot][row]
        if value == schema.byteDefaults[slot] { continue }
        key(schema, index, &first)
        append(value != 0 ? "true" : "false")
      case .enumeration:
        let value = table.bytes[slot][row]
        if value == schema.byteDefaults[slot] && !required { continue }
        key(schema, index, &first)
        let caption = schema.captionBytes[index][Int(value)]
        output.append(UInt8(ascii: "\""))
        caption.withUnsafeBufferPointer { output.append($0) }
        output.append(UInt8(ascii: "\""))
      }
    }
    if let extras = table.extras[row] {
      for extra in extras {
        if !first { output.append(UInt8(ascii: ",")) }
        first = false
        writeJSONString(extra.key)
        output.append(UInt8(ascii: ":"))
        append(extra.rawJSON)
      }
    }
    output.append(UInt8(ascii: "}"))
  }

  /// `"name":`, preceded by a comma unless it is the object's first member.
  private mutating func key(_ schema: TableSchema, _ index: Int, _ first: inout Bool) {
    if !first { output.append(UInt8(ascii: ",")) }
    first = false
    schema.keyBytes[index].withUnsafeBufferPointer { output.append($0) }
  }

  // MARK: Scalars

  private mutating func append(_ text: String) {
    var copy = text
    copy.withUTF8 { output.append($0) }
  }

  private mutating func writeJSONString(_ text: String) {
    var copy = text
    copy.withUTF8 { writeJSONString($0) }
  }

  /// A JSON string: quotes, backslashes and control characters escaped, all else verbatim UTF-8.
  private mutating func writeJSONString(_ bytes: UnsafeBufferPointer<UInt8>) {
    output.append(UInt8(ascii: "\""))
    if !bytes.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
      output.append(bytes)
    } else {
      for byte in bytes {
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"):
          output.append(UInt8(ascii: "\\"))
          output.append(byte)
        case 0x0A: append("\\n")
        case 0x0D: append("\\r")
        case 0x09: append("\\t")
        case 0..<0x20:
          append("\\u00")
          output.append(SnapshotWriter.hexDigits[Int(byte >> 4)])
          output.append(SnapshotWriter.hexDigits[Int(byte & 15)])
        default: output.append(byte)
        }
      }
    }
    output.append(UInt8(ascii: "\""))
  }

  private static let hexDigits = Array("0123456789abcdef".utf8)

  private mutating func writeInteger(_ value: Int64) {
    if value < 0 { output.append(UInt8(ascii: "-")) }
    output.appendDigits(value.magnitude, minimumDigits: 1)
  }

  /// An exact decimal as a plain JSON number with exactly `decimals` fractional digits.
  private mutating func writeDecimal(_ units: Int64, decimals: Int) {
    if units < 0 { output.append(UInt8(ascii: "-")) }
    let magnitude = units.magnitude
    let one = UInt64(ExactDecimal.unitsPerOne)
    output.appendDigits(magnitude / one, minimumDigits: 1)
    if decimals > 0 {
      output.append(UInt8(ascii: "."))
      let divisor = UInt64(ExactDecimal.powersOfTen[ExactDecimal.scale - decimals])
      output.appendDigits((magnitude % one) / divisor, minimumDigits: decimals)
    }
  }

  private mutating func writeDate(_ ordinal: Int32) {
    if ordinal != lastDate {
      lastDate = ordinal
      lastDateText = Array(("\"" + LedgerDate(ordinal: ordinal).text + "\"").utf8)
    }
    lastDateText.withUnsafeBufferPointer { output.append($0) }
  }
}

/// A growable byte buffer written through a pointer: appending a byte is a store and a bounds
/// test, without the uniqueness checks of `Array.append` on every byte.
struct OutputBuffer {
  /// Block size and memory alignment that direct I/O asks for.
  static let alignment = 4096
  private(set) var base: UnsafeMutablePointer<UInt8>
  private(set) var capacity: Int
  private(set) var count = 0

  init(capacity: Int) {
    self.capacity = capacity
    base = OutputBuffer.allocate(capacity)
  }

  private static func allocate(_ capacity: Int) -> UnsafeMutablePointer<UInt8> {
    UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: alignment).bindMemory(
      to: UInt8.self, capacity: capacity)
  }

  func deallocate() { base.deallocate() }

  /// Drops the first `bytes` bytes, moving the rest to the start.
  mutating func removeFirst(_ bytes: Int) {
    let rest = count - bytes
    if rest > 0 { base.update(from: base + bytes, count: rest) }
    count = rest
  }

  private mutating func reserve(_ extra: Int) {
    guard count + extra > capacity else { return }
    let grown = max(capacity * 2, count + extra)
    let bigger = OutputBuffer.allocate(grown)
    bigger.update(from: base, count: count)
    base.deallocate()
    base = bigger
    capacity = grown
  }

  @inline(__always) mutating func append(_ byte: UInt8) {
    if count == capacity { reserve(1) }
    base[count] = byte
    count += 1
  }

  @inline(__always) mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
    reserve(bytes.count)
    if let source = bytes.baseAddress { (base + count).update(from: source, count: bytes.count) }
    count += bytes.count
  }

  /// `magnitude` in decimal, zero-padded to `minimumDigits`.
  mutating func appendDigits(_ magnitude: UInt64, minimumDigits: Int) {
    var digits = 1
    var probe = magnitude
    while probe >= 10 {
      probe /= 10
      digits += 1
    }
    let width = max(digits, minimumDigits)
    reserve(width)
    var rest = magnitude
    var index = count + width - 1
    while index >= count {
      base[index] = UInt8(rest % 10) + 48
      rest /= 10
      index -= 1
    }
    count += width
  }
}
