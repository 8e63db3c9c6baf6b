#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A purpose-built reader for the snapshot format: it walks the JSON bytes once and writes each
/// value straight into the ledger's columns (decimals to integer units, codes to interned ids),
/// never building a generic JSON tree or a `String` per field. That is what makes a million value
/// entries load many times faster than `JSONDecoder`.
///
/// Violations of the format (wrong kind, unknown key, bad enumeration value…) are collected and
/// reading goes on, so one run reports them all; a syntax error stops reading, since nothing
/// after it can be trusted.
struct SnapshotReader {
  let bytes: UnsafeBufferPointer<UInt8>
  var position = 0
  var pool = StringPool()
  private(set) var problems: [PendingProblem] = []
  private(set) var problemCount = 0
  private var scratch: [UInt8] = []
  /// Called as reading moves on with a byte range already read, so a memory-mapped file can drop
  /// those pages. Called from the thread doing the reading.
  var consumed: (@Sendable (Int, Int) -> Void)?
  /// Read the value entries on a second thread when the file is at least this large (bytes).
  var parallelThreshold = 16 << 20
  /// Added to row numbers in messages, for a block of rows read out of order.
  var rowBase = 0
  /// Elements per block when two readers share an array (see `BlockClaims`).
  var blockRows = BlockClaims.defaultBlockRows
  /// Bytes read between two `consumed` calls (tests take it down to see the calls on a small file).
  var releaseEvery = 1 << 24
  /// The second reader, once a big table has been handed to it.
  var background: BackgroundReader?
  /// A big array was split where its lines suggested (`scanByLines`) rather than where a
  /// structural scan found its elements: the split is checked as the array is read.
  var speculated = false
  /// A split guessed from the lines turned out wrong: this read is void and is done again on
  /// one thread.
  var speculationFailed = false
  /// Whether the background reader's problems are already among `problems`.
  var backgroundProblemsMerged = false

  /// Of a syntax error the main reader met and those the background reader met, the earliest
  /// in the file: an error found while skipping may only be the echo of one the background
  /// reader found where it really is.
  /// The background reader's problems before that error join this reader's, so a large file
  /// reports what a one-thread read of it reports.
  mutating func earliest(_ error: SyntaxError) -> SyntaxError {
    guard let background else { return error }
    background.finish()
    let errors = background.allJobs.compactMap(\.syntaxError) + [error]
    let first = errors.min { $0.offset < $1.offset } ?? error
    if !backgroundProblemsMerged {
      backgroundProblemsMerged = true
      for problem in background.reader.problems where problem.offset < first.offset {
        report(problem.offset, problem.path, problem.message)
      }
    }
    return first
  }

  static let problemLimit = 10_000
  /// Tables read by the background reader in large files: the biggest ones that come early.
  static let backgroundTables: Set<String> = ["itemLedgerEntries", "valueEntries", "jobLedgerEntries"]
  static let maximumDepth = 256

  /// A problem whose line:column is computed once reading is over.
  struct PendingProblem {
    var offset: Int
    var path: String
    var message: String
  }

  struct SyntaxError: Error {
    var offset: Int
    var message: String
  }

  init(bytes: UnsafeBufferPointer<UInt8>) {
    self.bytes = bytes
  }

  mutating func report(_ offset: Int, _ path: String, _ message: String) {
    problemCount += 1
    if problems.count < SnapshotReader.problemLimit {
      problems.append(PendingProblem(offset: offset, path: path, message: message))
    }
  }

  // MARK: Top level

  /// Reads the whole snapshot into `ledger`. Throws only for syntax errors.
  mutating func read(into ledger: inout Ledger) throws(SyntaxError) {
    skipWhitespace()
    guard position < bytes.count else { throw SyntaxError(offset: 0, message: "the file is empty") }
    guard bytes[position] == UInt8(ascii: "{") else {
      throw SyntaxError(offset: position, message: "a snapshot is a JSON object; expected '{'")
    }
    pool = ledger.strings
    let objectStart = position
    position += 1
    var seen = Set<String>()
    var formatSeen = false
    var versionSeen = false
    // Whatever happens here, the background reader must finish before the file is unmapped.
    defer { background?.finish() }
    try forEachMember { (reader, keyBytes) throws(SyntaxError) in
      let key = String(decoding: keyBytes, as: UTF8.self)
      let valueOffset = reader.position
      if !seen.insert(key).inserted {
        reader.report(valueOffset, key, "duplicate key \"\(key)\"")
        try reader.skipValue(depth: 1)
        return
      }
      switch key {
      case "format":
        formatSeen = true
        let found = try reader.readLiteralForCheck()
        if found != "\"reconbench.snapshot\"" {
          reader.report(
            valueOffset, "format",
            "format is \(found), not \"reconbench.snapshot\": this is not a ReconBench snapshot")
        }
      case "version":
        versionSeen = true
        let found = try reader.readLiteralForCheck()
        if found != "1" {
          reader.report(
            valueOffset, "version", "version \(found) is not supported; this reader knows version 1")
        }
      case "company":
        try reader.readObjectRow(into: &ledger.company, row: 0, path: "company")
      case "setup":
        try reader.readObjectRow(into: &ledger.setup, row: 0, path: "setup")
      default:
        if SnapshotReader.backgroundTables.contains(key) && reader.bytes.count >= reader.parallelThreshold
          && reader.bytes[reader.position] == UInt8(ascii: "["),
          let table = Ledger.arrayTables.first(where: { ledger[keyPath: $0].schema.name == key })
        {
          // The two big early tables are read on a second thread while this one skips past
          // them, reads the rest of the file, then takes blocks from their ends.
          let worker =
            reader.background
            ?? BackgroundReader(
              bytes: reader.bytes, pool: reader.pool, blockRows: reader.blockRows,
              releaseEvery: reader.releaseEvery, consumed: reader.consumed)
          reader.background = worker
          if let scan = reader.scanByLines(blockRows: reader.blockRows) {
            // One element per line (how snapshots are written): the elements and the end are
            // found at memchr speed, and checked as they are read.
            reader.speculated = true
            let job = worker.add(
              table: table, schema: ledger[keyPath: table].schema, start: reader.position, speculative: scan)
            job.scanned(scan)
            reader.position = scan.end
          } else {
            let job = worker.add(table: table, schema: ledger[keyPath: table].schema, start: reader.position)
            let scan = try reader.skipStructurally(blockRows: reader.blockRows)
            job.scanned(scan)
          }
        } else if let table = Ledger.arrayTables.first(where: { ledger[keyPath: $0].schema.name == key }) {
          var taken = ledger[keyPath: table]
          ledger[keyPath: table] = LedgerTable(schema: taken.schema)
          try reader.readArray(into: &taken)
          ledger[keyPath: table] = taken
        } else if key.hasPrefix("x-") {
          let start = reader.position
          try reader.skipValue(depth: 1)
          ledger.extras.append(ExtraField(key: key, rawJSON: reader.text(start, reader.position)))
        } else {
          reader.report(valueOffset, key, "unknown key \"\(key)\" (keys of your own must start with \"x-\")")
          try reader.skipValue(depth: 1)
        }
      }
    }

    if let worker = background {
      let end = position
      try readRemainingBlocks(of: worker, into: &ledger)
      position = end
    }
    if !formatSeen { report(objectStart, "format", "required key \"format\" is missing") }
    if !versionSeen { report(objectStart, "version", "required key \"version\" is missing") }
    skipWhitespace()
    if position < bytes.count {
      throw SyntaxError(offset: position, message: "unexpected text after the snapshot object")
    }
    ledger.strings = pool
  }

  /// The raw JSON text of the next value, for comparing `format` and `version`.
  private mutating func readLiteralForCheck() throws(SyntaxError) -> String {
    let start = position
    try skipValue(depth: 1)
    let raw = text(start, position)
    return raw.count > 60 ? String(raw.prefix(60)) + "…" : raw
  }

  func text(_ start: Int, _ end: Int) -> String {
    String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
  }

  // MARK: Tables

  /// Reads an array of objects into `table`. `claim`, when given, is asked before each block of
  /// `blockRows` elements (with the block's number); the read stops where it says no.
  mutating func readArray(into table: inout LedgerTable, claim: ((Int, Int) -> Bool)? = nil)
    throws(SyntaxError)
  {
    lastString = Array(repeating: (0, -1, .blank), count: table.schema.slotCounts[.strings] ?? 0)
    defer { lastString = [] }
    skipWhitespace()
    guard position < bytes.count else { throw endOfFile() }
    guard bytes[position] == UInt8(ascii: "[") else {
      report(position, table.schema.name, "expected an array of objects")
      try skipValue(depth: 1)
      return
    }
    position += 1
    skipWhitespace()
    if position < bytes.count && bytes[position] == UInt8(ascii: "]") {
      position += 1
      return
    }
    var lastRelease = position
    let arrayStart = position
    var row = table.count - 1
    defer { table.truncate(to: row + 1) }
    while true {
      skipWhitespace()
      guard position < bytes.count else { throw endOfFile() }
      if let claim, (row + 1) % blockRows == 0, !claim((row + 1) / blockRows, position) { return }
      row += 1
      if row == table.count {
        if row == 2048 {
          // Reserve once for the rows the rest of the file could hold at this density: capacity
          // that is never touched costs address space, not memory, and no column is copied again.
          let perRow = max(1, (position - arrayStart) / row)
          table.reserveCapacity(row + (bytes.count - position) / perRow + 1)
        }
        table.appendDefaultRows(max(1024, row / 8))
      }
      if bytes[position] == UInt8(ascii: "{") {
        try readObjectRow(into: &table, row: row, path: nil)
      } else {
        report(position, "\(table.schema.name)[\(row)]", "expected an object")
        try skipValue(depth: 2)
      }
      skipWhitespace()
      guard position < bytes.count else { throw endOfFile() }
      let separator = bytes[position]
      position += 1
      if separator == UInt8(ascii: "]") { break }
      if separator != UInt8(ascii: ",") {
        throw SyntaxError(offset: position - 1, message: "expected ',' or ']' after an array element")
      }
      if position - lastRelease > releaseEvery, let consumed {
        consumed(lastRelease, position)
        lastRelease = position
      }
    }
  }

  /// Reads one array element into row `row` and the separator after it; true at the array's end.
  private mutating func readElement(into table: inout LedgerTable, row: Int) throws(SyntaxError) -> Bool {
    if bytes[position] == UInt8(ascii: "{") {
      try readObjectRow(into: &table, row: row, path: nil)
    } else {
      report(position, "\(table.schema.name)[\(row + rowBase)]", "expected an object")
      try skipValue(depth: 2)
    }
    skipWhitespace()
    guard position < bytes.count else { throw endOfFile() }
    let separator = bytes[position]
    position += 1
    if separator == UInt8(ascii: "]") { return true }
    if separator != UInt8(ascii: ",") {
      throw SyntaxError(offset: position - 1, message: "expected ',' or ']' after an array element")
    }
    return false
  }

  /// Reads `count` elements starting at `position` (a block another reader skipped); true when
  /// the last of them closed the array.
  @discardableResult
  mutating func readElements(into table: inout LedgerTable, count: Int) throws(SyntaxError) -> Bool {
    lastString = Array(repeating: (0, -1, .blank), count: table.schema.slotCounts[.strings] ?? 0)
    defer { lastString = [] }
    table.appendDefaultRows(count)
    var atEnd = false
    for row in 0..<count {
      skipWhitespace()
      guard position < bytes.count else { throw endOfFile() }
      atEnd = try readElement(into: &table, row: row)
      if atEnd && row != count - 1 {
        throw SyntaxError(offset: position - 1, message: "array ended early")
      }
    }
    return atEnd
  }

  /// The first byte at or after `offset` that is not JSON whitespace.
  func firstNonSpace(_ offset: Int) -> Int { SnapshotReader.firstNonSpace(bytes, offset) }

  @inline(__always) static func firstNonSpace(_ bytes: UnsafeBufferPointer<UInt8>, _ offset: Int) -> Int {
    var index = offset
    while index < bytes.count {
      let byte = bytes[index]
      if byte != 0x20 && byte != 0x0A && byte != 0x0D && byte != 0x09 { return index }
      index += 1
    }
    return index
  }

  /// Reads one object into row `row`. `path` is the object's own path for single-row tables;
  /// nil means "tableName[row]".
  private mutating func readObjectRow(into table: inout LedgerTable, row: Int, path: String?)
    throws(SyntaxError)
  {
    skipWhitespace()
    guard position < bytes.count else { throw endOfFile() }
    let objectStart = position
    guard bytes[position] == UInt8(ascii: "{") else {
      report(position, path ?? "\(table.schema.name)[\(row + rowBase)]", "expected an object")
      try skipValue(depth: 1)
      return
    }
    position += 1
    var seen: UInt64 = 0
    var guess = 0
    let schema = table.schema
    // The member loop of `forEachMember`, written out: this is the hottest loop of a load.
    skipWhitespace()
    guard position < bytes.count else { throw endOfFile() }
    if bytes[position] == UInt8(ascii: "}") {
      position += 1
    } else {
      while true {
        skipWhitespace()
        guard position < bytes.count else { throw endOfFile() }
        guard bytes[position] == UInt8(ascii: "\"") else {
          throw SyntaxError(offset: position, message: "expected a key in double quotes")
        }
        // Fast path: the key is the next expected field name, recognised in place.
        var keyStart = position + 1
        var keyEnd = 0
        var escaped = false
        var found: Int?
        if let match = schema.matchKey(bytes, at: keyStart, after: guess) {
          found = match.index
          keyEnd = match.end
          position = keyEnd + 1
        } else {
          (keyStart, keyEnd, escaped) = try scanString()
        }
        var decodedKey: [UInt8] = []
        if escaped {
          try unescape(keyStart, keyEnd)
          decodedKey = scratch
        }
        try skipColon()
        if found == nil {
          found =
            escaped
            ? decodedKey.withUnsafeBufferPointer { schema.fieldIndex($0, after: 0) }
            : schema.fieldIndex(UnsafeBufferPointer(rebasing: bytes[keyStart..<keyEnd]), after: 0)
        }
        if let index = found {
          guess = index + 1
          let bit: UInt64 = 1 << UInt64(index)
          if seen & bit != 0 {
            report(position, fieldPath(path, schema, row, schema.fields[index].name), "duplicate key")
            try skipValue(depth: 2)
          } else {
            seen |= bit
            try readField(index, of: schema, into: &table, row: row, path: path)
          }
        } else if escaped {
          try decodedKey.withUnsafeBufferPointer { key throws(SyntaxError) in
            try readUnknownMember(key, into: &table, row: row, path: path)
          }
        } else {
          try readUnknownMember(
            UnsafeBufferPointer(rebasing: bytes[keyStart..<keyEnd]), into: &table, row: row, path: path)
        }
        if try memberSeparatorEndsObject() { break }
      }
    }
    let missing = ~seen & (schema.requiredMask | schema.textDefaultMask)
    if missing != 0 {
      for (index, field) in schema.fields.enumerated() where missing & (1 << UInt64(index)) != 0 {
        if field.required {
          report(objectStart, fieldPath(path, schema, row, field.name), "required field is missing")
        } else {
          table.strings[field.slot][row] = pool.intern(field.defaultText).raw
        }
      }
    }
  }

  /// An `x-` key is kept verbatim; any other unknown key is reported.
  private mutating func readUnknownMember(
    _ keyBytes: UnsafeBufferPointer<UInt8>, into table: inout LedgerTable, row: Int, path: String?
  ) throws(SyntaxError) {
    let key = String(decoding: keyBytes, as: UTF8.self)
    let start = position
    try skipValue(depth: 2)
    if key.hasPrefix("x-") {
      table.extras[row, default: []].append(ExtraField(key: key, rawJSON: text(start, position)))
    } else {
      report(
        start, fieldPath(path, table.schema, row, key),
        "unknown key \"\(key)\" (keys of your own must start with \"x-\")")
    }
  }

  func fieldPath(_ objectPath: String?, _ schema: TableSchema, _ row: Int, _ field: String) -> String {
    (objectPath ?? "\(schema.name)[\(row + rowBase)]") + "." + field
  }

  // MARK: Fields

  private mutating func readField(
    _ index: Int, of schema: TableSchema, into table: inout LedgerTable, row: Int, path: String?
  ) throws(SyntaxError) {
    let start = position
    guard start < bytes.count else { throw endOfFile() }
    let first = bytes[start]
    let slot = schema.slots[index]
    let code = schema.codes[index]
    switch code {
    case .entryNumber, .integer:
      if let value = try readInteger(), value >= (code == .entryNumber ? 1 : 0) {
        table.numbers[slot][row] = value
        return
      }
    case .amount, .quantity:
      if let value = try readDecimal(index, schema, row, path) {
        table.numbers[slot][row] = value.units
        return
      } else if position > start {
        return  // a decimal problem was reported with its precise reason
      }
    case .date, .nullableDate:
      if first == UInt8(ascii: "\"") {
        let (contentStart, contentEnd, escaped) = try scanString()
        if !escaped, let date = LedgerDate.parse(bytes, from: contentStart, to: contentEnd) {
          table.dates[slot][row] = date.ordinal
          return
        }
        let shown = text(contentStart, contentEnd)
        report(
          start, fieldPath(path, schema, row, schema.fields[index].name),
          "\"\(shown)\" is not a valid date; expected YYYY-MM-DD or CYYYY-MM-DD")
        return
      } else if code == .nullableDate && matchLiteral("null") {
        return
      }
    case .string:
      if first == UInt8(ascii: "\"") {
        table.strings[slot][row] = try readStringID(cacheSlot: slot).raw
        return
      }
    case .boolean:
      if matchLiteral("true") {
        table.bytes[slot][row] = 1
        return
      }
      if matchLiteral("false") {
        table.bytes[slot][row] = 0
        return
      }
    case .enumeration:
      if first == UInt8(ascii: "\"") {
        let (contentStart, contentEnd, _) = try scanString()
        if let value = matchCaption(schema.captionBytes[index], contentStart, contentEnd),
          schema.blankAllowed[index] || contentStart != contentEnd
        {
          table.bytes[slot][row] = value
          return
        }
        let field = schema.fields[index]
        let message =
          "\"\(text(contentStart, contentEnd))\" is not a valid value; expected \(field.kind.expectation)"
        report(start, fieldPath(path, schema, row, field.name), message)
        return
      }
    }
    // Wrong kind of value: say what was expected and what was found, then move past it.
    position = start
    let found = describeValue(at: start)
    try skipValue(depth: 2)
    let field = schema.fields[index]
    report(
      start, fieldPath(path, schema, row, field.name), "expected \(field.kind.expectation), found \(found)")
  }

  private func matchCaption(_ captions: [[UInt8]], _ start: Int, _ end: Int) -> UInt8? {
    let length = end - start
    search: for (value, caption) in captions.enumerated() where caption.count == length {
      for offset in 0..<length where caption[offset] != bytes[start + offset] { continue search }
      return UInt8(value)
    }
    return nil
  }

  /// A JSON integer, or nil (position unchanged) when the next value is not one.
  private mutating func readInteger() throws(SyntaxError) -> Int64? {
    let start = position
    var index = position
    var negative = false
    if index < bytes.count && bytes[index] == UInt8(ascii: "-") {
      negative = true
      index += 1
    }
    var value: Int64 = 0
    let digitsStart = index
    while index < bytes.count, bytes[index] &- 48 < 10 {
      let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
      let (sum, overflow2) = times.addingReportingOverflow(Int64(bytes[index] &- 48))
      if overflow1 || overflow2 { return nil }
      value = sum
      index += 1
    }
    if index == digitsStart { return nil }
    if index < bytes.count, isNumberByte(bytes[index]) { return nil }  // fraction or exponent
    if index - digitsStart > 1 && bytes[digitsStart] == UInt8(ascii: "0") {
      throw SyntaxError(offset: start, message: "a JSON number may not have leading zeros")
    }
    position = index
    return negative ? -value : value
  }

  /// An amount or quantity: a JSON number, or a string holding one. Returns nil with the position
  /// unchanged when the value is of another kind, and nil with the position moved on after
  /// reporting a number that is malformed, too precise or too large.
  private mutating func readDecimal(_ index: Int, _ schema: TableSchema, _ row: Int, _ path: String?)
    throws(SyntaxError) -> ExactDecimal?
  {
    let start = position
    var contentStart = position
    var contentEnd = position
    if bytes[position] == UInt8(ascii: "\"") {
      let (from, to, escaped) = try scanString()
      if escaped {
        let field = schema.fields[index]
        report(start, fieldPath(path, schema, row, field.name), "expected \(field.kind.expectation)")
        return nil
      }
      contentStart = from
      contentEnd = to
    } else if isNumberByte(bytes[position]) && bytes[position] != UInt8(ascii: "+") {
      while contentEnd < bytes.count, isNumberByte(bytes[contentEnd]) { contentEnd += 1 }
      position = contentEnd
    } else {
      return nil
    }
    do throws(ExactDecimalError) {
      // Amounts are checked against setup.amountDecimals once the whole file is read, since
      // setup may come after the ledgers; here only the five-decimal storage limit applies.
      return try ExactDecimal.parse(bytes, from: contentStart, to: contentEnd)
    } catch {
      let field = schema.fields[index]
      let quoted = bytes[start] == UInt8(ascii: "\"")
      let shown = quoted ? "\"" + text(contentStart, contentEnd) + "\"" : text(contentStart, contentEnd)
      let reason: String
      switch error {
      case .tooManyDecimals:
        reason =
          field.kind == .quantity
          ? "has more than 5 decimals" : "has more decimals than the amount precision allows"
      case .tooLarge, .overflow: reason = "is too large to sum exactly (magnitude above 10,000,000,000,000)"
      case .invalidSyntax:
        if !quoted { throw SyntaxError(offset: start, message: "malformed number \(shown)") }
        reason = "is not a number; expected \(field.kind.expectation)"
      }
      report(start, fieldPath(path, schema, row, field.name), "\(shown) \(reason)")
      return nil
    }
  }

  @inline(__always) private func isNumberByte(_ byte: UInt8) -> Bool {
    byte &- 48 < 10 || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e")
      || byte == UInt8(ascii: "E") || byte == UInt8(ascii: "+")
  }

  private mutating func matchLiteral(_ literal: StaticString) -> Bool {
    let length = literal.utf8CodeUnitCount
    guard position + length <= bytes.count else { return false }
    let pointer = literal.utf8Start
    for offset in 0..<length where bytes[position + offset] != pointer[offset] { return false }
    position += length
    return true
  }

  /// "a string", "a number"… for messages about a value of the wrong kind.
  private func describeValue(at offset: Int) -> String {
    switch bytes[offset] {
    case UInt8(ascii: "\""): return "a string"
    case UInt8(ascii: "{"): return "an object"
    case UInt8(ascii: "["): return "an array"
    case UInt8(ascii: "t"), UInt8(ascii: "f"): return "a boolean"
    case UInt8(ascii: "n"): return "null"
    default: return "a number"
    }
  }

  // MARK: Strings

  /// The last string read into each string column of the table being read: consecutive rows
  /// often repeat a code (posting groups, location, document number), and comparing a few bytes
  /// with the previous occurrence is cheaper than hashing.
  private var lastString: [(start: Int, length: Int, id: StringID)] = []

  /// Reads a string value and interns it.
  private mutating func readStringID(cacheSlot: Int) throws(SyntaxError) -> StringID {
    let (contentStart, contentEnd, escaped) = try scanString()
    if !escaped {
      let length = contentEnd - contentStart
      if cacheSlot < lastString.count, let base = bytes.baseAddress {
        let last = lastString[cacheSlot]
        if last.length == length && memcmp(base + last.start, base + contentStart, length) == 0 {
          return last.id
        }
        let id = pool.intern(bytes, from: contentStart, to: contentEnd)
        lastString[cacheSlot] = (contentStart, length, id)
        return id
      }
      return pool.intern(bytes, from: contentStart, to: contentEnd)
    }
    try unescape(contentStart, contentEnd)
    let count = scratch.count
    return scratch.withUnsafeBufferPointer { pool.intern($0, from: 0, to: count) }
  }

  /// Moves past a string starting at `position` (on its opening quote). Returns the content
  /// range and whether it holds escapes. Checks UTF-8 and control characters on the way.
  private mutating func scanString() throws(SyntaxError) -> (Int, Int, Bool) {
    let contentStart = position + 1
    var index = contentStart
    var escaped = false
    let count = bytes.count
    guard let base = bytes.baseAddress else { throw endOfFile() }
    while index < count {
      // Eight bytes at a time while none of them is a quote, a backslash, a control character
      // or non-ASCII (SWAR: each test sets the high bit of the bytes that match).
      while index + 8 <= count {
        // Little-endian, so that the lowest bits are the first byte (the jump below).
        let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
        let quote = word ^ 0x2222_2222_2222_2222
        let backslash = word ^ 0x5C5C_5C5C_5C5C_5C5C
        let special =
          ((quote &- 0x0101_0101_0101_0101) & ~quote)
          | ((backslash &- 0x0101_0101_0101_0101) & ~backslash)
          | (word &- 0x2020_2020_2020_2020) | word
        let flagged = special & 0x8080_8080_8080_8080
        if flagged != 0 {
          // The lowest flagged byte is the first special one (a borrow only flags bytes above
          // it): straight to it, not a byte at a time.
          index += flagged.trailingZeroBitCount >> 3
          break
        }
        index += 8
      }
      guard index < count else { break }
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") {
        position = index + 1
        return (contentStart, index, escaped)
      }
      if byte == UInt8(ascii: "\\") {
        escaped = true
        index += 2
        continue
      }
      if byte < 0x20 {
        throw SyntaxError(offset: index, message: "control character in a string (write it as an escape)")
      }
      if byte >= 0x80 {
        index += try utf8SequenceLength(at: index)
        continue
      }
      index += 1
    }
    throw endOfFile()
  }

  /// Length of the UTF-8 sequence at `index`, or a syntax error for a byte that is not UTF-8.
  private func utf8SequenceLength(at index: Int) throws(SyntaxError) -> Int {
    let lead = bytes[index]
    let length: Int
    let minimum: UInt32
    var scalar: UInt32
    switch lead {
    case 0xC2...0xDF: (length, minimum, scalar) = (2, 0x80, UInt32(lead & 0x1F))
    case 0xE0...0xEF: (length, minimum, scalar) = (3, 0x800, UInt32(lead & 0x0F))
    case 0xF0...0xF4: (length, minimum, scalar) = (4, 0x10000, UInt32(lead & 0x07))
    default: throw SyntaxError(offset: index, message: notUTF8(lead))
    }
    guard index + length <= bytes.count else { throw SyntaxError(offset: index, message: notUTF8(lead)) }
    for offset in 1..<length {
      let next = bytes[index + offset]
      guard next & 0xC0 == 0x80 else { throw SyntaxError(offset: index, message: notUTF8(lead)) }
      scalar = scalar << 6 | UInt32(next & 0x3F)
    }
    if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) {
      throw SyntaxError(offset: index, message: notUTF8(lead))
    }
    return length
  }

  private func notUTF8(_ byte: UInt8) -> String {
    let hex = String(byte, radix: 16, uppercase: true)
    return "byte 0x\(hex.count == 1 ? "0" + hex : hex) is not valid UTF-8; a snapshot must be UTF-8"
  }

  /// Decodes the escapes of `bytes[start..<end]` into `scratch`.
  private mutating func unescape(_ start: Int, _ end: Int) throws(SyntaxError) {
    scratch.removeAll(keepingCapacity: true)
    var index = start
    while index < end {
      let byte = bytes[index]
      guard byte == UInt8(ascii: "\\") else {
        scratch.append(byte)
        index += 1
        continue
      }
      guard index + 1 < end else { throw SyntaxError(offset: index, message: "incomplete escape") }
      let code = bytes[index + 1]
      index += 2
      switch code {
      case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(code)
      case UInt8(ascii: "b"): scratch.append(0x08)
      case UInt8(ascii: "f"): scratch.append(0x0C)
      case UInt8(ascii: "n"): scratch.append(0x0A)
      case UInt8(ascii: "r"): scratch.append(0x0D)
      case UInt8(ascii: "t"): scratch.append(0x09)
      case UInt8(ascii: "u"):
        var scalar = try hex4(index, end)
        index += 4
        if (0xD800...0xDBFF).contains(scalar), index + 6 <= end, bytes[index] == UInt8(ascii: "\\"),
          bytes[index + 1] == UInt8(ascii: "u")
        {
          let low = try hex4(index + 2, end)
          if (0xDC00...0xDFFF).contains(low) {
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            index += 6
          }
        }
        guard let unicode = Unicode.Scalar(scalar) else {
          throw SyntaxError(offset: index - 6, message: "\\u escape is not a Unicode scalar (lone surrogate)")
        }
        scratch.append(contentsOf: Array(String(Character(unicode)).utf8))
      default:
        throw SyntaxError(offset: index - 2, message: "invalid escape \\\(Character(Unicode.Scalar(code)))")
      }
    }
  }

  private func hex4(_ index: Int, _ end: Int) throws(SyntaxError) -> UInt32 {
    guard index + 4 <= end else { throw SyntaxError(offset: index, message: "incomplete \\u escape") }
    var value: UInt32 = 0
    for offset in 0..<4 {
      let byte = bytes[index + offset] | 0x20
      let digit: UInt8
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - 48
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - 87
      default: throw SyntaxError(offset: index + offset, message: "invalid hex digit in \\u escape")
      }
      value = value << 4 | UInt32(digit)
    }
    return value
  }

  // MARK: Structure

  /// Calls `body` for each member of the object whose '{' was just consumed, with the key's
  /// (unescaped) bytes, positioned on the member's value. Consumes the closing '}'.
  private mutating func forEachMember(
    _ body: (inout SnapshotReader, UnsafeBufferPointer<UInt8>) throws(SyntaxError) -> Void
  ) throws(SyntaxError) {
    skipWhitespace()
    guard position < bytes.count else { throw endOfFile() }
    if bytes[position] == UInt8(ascii: "}") {
      position += 1
      return
    }
    while true {
      skipWhitespace()
      guard position < bytes.count else { throw endOfFile() }
      guard bytes[position] == UInt8(ascii: "\"") else {
        throw SyntaxError(offset: position, message: "expected a key in double quotes")
      }
      let (keyStart, keyEnd, escaped) = try scanString()
      var decodedKey: [UInt8] = []
      if escaped {
        try unescape(keyStart, keyEnd)
        decodedKey = scratch
      }
      try skipColon()
      if escaped {
        // Keys with escapes are rare: hand the body a decoded copy.
        try decodedKey.withUnsafeBufferPointer { key throws(SyntaxError) in try body(&self, key) }
      } else {
        try body(&self, UnsafeBufferPointer(rebasing: bytes[keyStart..<keyEnd]))
      }
      if try memberSeparatorEndsObject() { return }
    }
  }

  /// Moves past the ':' after a key and the whitespace around it, onto the value.
  @inline(__always) private mutating func skipColon() throws(SyntaxError) {
    skipWhitespace()
    guard position < bytes.count else { throw endOfFile() }
    guard bytes[position] == UInt8(ascii: ":") else {
      throw SyntaxError(offset: position, message: "expected ':' after a key")
    }
    position += 1
    skipWhitespace()
    guard position < bytes.count else { throw endOfFile() }
  }

  /// Moves past the ',' or '}' after a member's value; true when it was the object's end.
  @inline(__always) private mutating func memberSeparatorEndsObject() throws(SyntaxError) -> Bool {
    skipWhitespace()
    guard position < bytes.count else { throw endOfFile() }
    let separator = bytes[position]
    position += 1
    if separator == UInt8(ascii: "}") { return true }
    if separator != UInt8(ascii: ",") {
      throw SyntaxError(offset: position - 1, message: "expected ',' or '}' after a value")
    }
    return false
  }

  /// Moves past any JSON value, checking its syntax.
  mutating func skipValue(depth: Int) throws(SyntaxError) {
    skipWhitespace()
    guard position < bytes.count else { throw endOfFile() }
    guard depth < SnapshotReader.maximumDepth else {
      throw SyntaxError(
        offset: position, message: "values nested more than \(SnapshotReader.maximumDepth) deep")
    }
    let byte = bytes[position]
    switch byte {
    case UInt8(ascii: "\""):
      _ = try scanString()
    case UInt8(ascii: "{"):
      position += 1
      try forEachMember { (reader, _) throws(SyntaxError) in try reader.skipValue(depth: depth + 1) }
    case UInt8(ascii: "["):
      position += 1
      skipWhitespace()
      if position < bytes.count && bytes[position] == UInt8(ascii: "]") {
        position += 1
        return
      }
      while true {
        try skipValue(depth: depth + 1)
        skipWhitespace()
        guard position < bytes.count else { throw endOfFile() }
        let separator = bytes[position]
        position += 1
        if separator == UInt8(ascii: "]") { return }
        if separator != UInt8(ascii: ",") {
          throw SyntaxError(offset: position - 1, message: "expected ',' or ']' after an array element")
        }
      }
    case UInt8(ascii: "t"):
      if !matchLiteral("true") { throw SyntaxError(offset: position, message: "invalid literal") }
    case UInt8(ascii: "f"):
      if !matchLiteral("false") { throw SyntaxError(offset: position, message: "invalid literal") }
    case UInt8(ascii: "n"):
      if !matchLiteral("null") { throw SyntaxError(offset: position, message: "invalid literal") }
    default:
      let start = position
      while position < bytes.count, isNumberByte(bytes[position]) { position += 1 }
      if position == start {
        throw SyntaxError(offset: start, message: "unexpected character \(describeByte(bytes[start]))")
      }
      do throws(ExactDecimalError) {
        _ = try ExactDecimal.parse(bytes, from: start, to: position)
      } catch {
        if error == .invalidSyntax {
          throw SyntaxError(offset: start, message: "malformed number \(text(start, position))")
        }
      }
    }
  }

  private func describeByte(_ byte: UInt8) -> String {
    if byte >= 0x20 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
    let hex = String(byte, radix: 16, uppercase: true)
    return "0x" + (hex.count == 1 ? "0" + hex : hex)
  }

  @inline(__always) private mutating func skipWhitespace() { position = Self.firstNonSpace(bytes, position) }

  private func endOfFile() -> SyntaxError {
    SyntaxError(offset: bytes.count, message: "unexpected end of file (the file is truncated)")
  }
}
