import Foundation

/// Where a row came from: the input file (an index into the import's file list) and the line
/// (CSV) or record number (RapidStart) in it.
struct RowOrigin: Sendable {
  var file: Int32
  var line: Int64
}

/// A bc2adls row's identity and version (§8.3).
struct RowVersion: Sendable {
  var timestamp: Int64 = Int64.min
  var systemID: (UInt64, UInt64)?
  var company: Int32 = -1
  var deleted = false
}

/// An enumeration's values by their bytes: the ordinal written as digits, or a name compared
/// without case; the empty text is the blank value. Built once per field, so the millions of
/// values of an import never become strings.
final class EnumLookup: @unchecked Sendable {
  let bcEnum: BCEnum
  /// BC ordinal → the snapshot enumeration's raw value (`.enumeration`), or the caption's id in
  /// the string pool (`.enumCaption`, filled on first use).
  let raws: [Int: UInt8]
  var captionIDs: [Int: UInt32] = [:]
  private let names: [(bytes: [UInt8], ordinal: Int)]

  init(_ bcEnum: BCEnum, raws: [Int: UInt8]) {
    self.bcEnum = bcEnum
    self.raws = raws
    names = bcEnum.values.filter { $0.name != " " }.map { (Array($0.name.lowercased().utf8), $0.ordinal) }
  }

  func ordinal(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
    let (start, end) = BCValues.trimmed(bytes, start, end)
    if start == end { return bcEnum.emptyOrdinal }
    if bytes[start] &- 48 < 10 || bytes[start] == UInt8(ascii: "-") {
      guard let value = BCValues.integer(bytes, start, end) else { return nil }
      return bcEnum.values.contains { $0.ordinal == value } ? Int(value) : nil
    }
    let length = end - start
    for name in names where name.bytes.count == length {
      var equal = true
      for offset in 0..<length {
        let byte = bytes[start + offset]
        let lower = byte &- 65 < 26 ? byte | 0x20 : byte
        if lower != name.bytes[offset] {
          equal = false
          break
        }
      }
      if equal { return name.ordinal }
    }
    return nil
  }
}

/// What a column or element of an input stands for.
enum ColumnRole {
  case field(Int)  // index into TableBuilder.bindings
  case timestamp, systemID, systemCreatedAt, company, closingDate, rowMarker
  /// A creation time that only gives G/L Register its Creation Date (SQL, early packages).
  case creationDate
  case ignored
}

/// The rows of one BC table as they are read: converted at once into a snapshot table (array
/// tables) or kept as texts (the setup tables), each with its origin and bc2adls version.
final class TableBuilder {
  /// How one BC field is converted into its snapshot column.
  struct Binding {
    enum Conversion {
      case integer(Int)
      case decimal(Int)
      case boolean(Int)
      case date(Int)
      case string(Int)
      /// An enum into a snapshot enumeration: BC ordinal → snapshot raw value.
      case enumeration(Int, BCEnum, [Int: UInt8])
      /// An enum into a snapshot code (Document Type, Source Type): its caption.
      case enumCaption(Int, BCEnum)
      /// Date Compr. Register's Table ID → "Value Entry" / "G/L Entry"; other tables skip the row.
      case tableName(Int)
      /// A value the import keeps for itself (setup tables, keys without a snapshot field).
      case text
    }
    let field: BCField
    let conversion: Conversion
  }

  let table: BCTable
  /// The rows, once `finishRows` has made them a table.
  @exclusivity(unchecked) var rows: LedgerTable
  /// The rows while they are read.
  private var store: ColumnStore
  private var finished = false
  /// The last `$Company` value read and its index in the reading thread's company list.
  private var lastCompany: (bytes: [UInt8], index: Int)?
  let bindings: [Binding]
  @exclusivity(unchecked) var origins = RowOrigins()
  @exclusivity(unchecked) var versions = RowVersions()
  /// Rows the format says to leave out (production orders 0–2, other compressions): few.
  var skipped = Set<Int>()
  /// Per binding index, texts of `.text` bindings (setup tables, Date Compr. Register No.).
  @exclusivity(unchecked) var texts: [[String]]
  /// G/L Register only: the date part of SystemCreatedAt, the Creation Date of BC 26 and later.
  var systemCreatedDates: [Int: LedgerDate] = [:]
  /// G/L Entry only, once a file has the column: `$ClosingDate` per row (0 none, 1 false, 2 true).
  @exclusivity(unchecked) var closingFlags: [UInt8] = []
  /// BC field IDs some input carried, and column names no field matched.
  var seenFields = Set<Int>()
  /// The rows the reader expects this builder to end with (a CSV file's size over its bytes per
  /// row so far); 0 when it cannot tell.
  @exclusivity(unchecked) var expectedRows = 0
  /// Whether a header was read (CSV): a file without one is refused on its own.
  var sawHeader = false
  /// Fields some of the joined parts (files) carried and others did not.
  var fieldsOfSomeParts = Set<Int>()
  var ignoredColumns = Set<String>()
  var sawClosingColumn = false
  var sawClosingPrefix = false
  var incomeBalanceTwo = 0

  // Per binding, flat: what the hot loop reads instead of the Binding enum.
  private enum Code: UInt8 {
    case integer, decimal, boolean, date, string, enumeration, enumCaption, tableName, text
  }
  private let codes: [Code]
  private let slots: [Int]
  private let lookups: [EnumLookup?]
  private let textBindings: [Int]
  private let defaultTextSlots: [(slot: Int, text: String)]
  private var defaultTextIDs: [UInt32]?
  private let isIncomeBalance: [Bool]
  private let isProductionOrder: Bool
  private let isGLRegister: Bool

  // The row being read.
  private(set) var currentRow = -1
  private var scratch: [UInt8] = []

  init(_ table: BCTable) {
    self.table = table
    let schema: TableSchema
    if let array = table.array, let path = Ledger.arrayTable(named: array) {
      schema = Ledger()[keyPath: path].schema
    } else {
      schema = Columns.setup.schema
    }
    rows = LedgerTable(schema: schema)
    store = ColumnStore(schema: schema)
    var bindings: [Binding] = []
    for field in table.fields {
      var conversion = Binding.Conversion.text
      if case .field(let name) = field.target, let spec = schema.fields.first(where: { $0.name == name }) {
        let slot = spec.slot
        switch (field.kind, spec.kind) {
        case (.integer, .enumeration): conversion = .tableName(slot)
        case (.integer, _): conversion = .integer(slot)
        case (.decimal, _): conversion = .decimal(slot)
        case (.boolean, _): conversion = .boolean(slot)
        case (.date, _): conversion = .date(slot)
        case (.option(let bcEnum), .enumeration(let captions, _)):
          var raws: [Int: UInt8] = [:]
          for value in bcEnum.values {
            if let snapshot = value.snapshot, let index = captions.firstIndex(of: snapshot) {
              raws[value.ordinal] = UInt8(index)
            }
          }
          conversion = .enumeration(slot, bcEnum, raws)
        case (.option(let bcEnum), _): conversion = .enumCaption(slot, bcEnum)
        case (.code, _), (.text, _): conversion = .string(slot)
        default: conversion = .text
        }
      }
      bindings.append(Binding(field: field, conversion: conversion))
    }
    self.bindings = bindings
    texts = Array(repeating: [], count: bindings.count)
    var codes: [Code] = [], slots: [Int] = [], lookups: [EnumLookup?] = []
    for binding in bindings {
      switch binding.conversion {
      case .integer(let slot): (codes, slots, lookups) = (codes + [.integer], slots + [slot], lookups + [nil])
      case .decimal(let slot): (codes, slots, lookups) = (codes + [.decimal], slots + [slot], lookups + [nil])
      case .boolean(let slot): (codes, slots, lookups) = (codes + [.boolean], slots + [slot], lookups + [nil])
      case .date(let slot): (codes, slots, lookups) = (codes + [.date], slots + [slot], lookups + [nil])
      case .string(let slot): (codes, slots, lookups) = (codes + [.string], slots + [slot], lookups + [nil])
      case .enumeration(let slot, let bcEnum, let raws):
        (codes, slots, lookups) = (
          codes + [.enumeration], slots + [slot], lookups + [EnumLookup(bcEnum, raws: raws)]
        )
      case .enumCaption(let slot, let bcEnum):
        (codes, slots, lookups) = (
          codes + [.enumCaption], slots + [slot], lookups + [EnumLookup(bcEnum, raws: [:])]
        )
      case .tableName(let slot):
        (codes, slots, lookups) = (codes + [.tableName], slots + [slot], lookups + [nil])
      case .text: (codes, slots, lookups) = (codes + [.text], slots + [0], lookups + [nil])
      }
    }
    self.codes = codes
    self.slots = slots
    self.lookups = lookups
    textBindings = codes.indices.filter { codes[$0] == .text }
    defaultTextSlots = schema.fields.filter { !$0.defaultText.isEmpty }.map { ($0.slot, $0.defaultText) }
    isIncomeBalance = bindings.map { table.id == BCTable.glAccount.id && $0.field.id == 9 }
    isProductionOrder = table.id == BCTable.productionOrder.id
    isGLRegister = table.id == BCTable.glRegister.id
  }

  func binding(of fieldID: Int) -> Int? { bindings.firstIndex { $0.field.id == fieldID } }

  /// Starts a row: snapshot defaults everywhere (a column missing from the input keeps them).
  func beginRow(_ origin: RowOrigin, strings: inout StringPool) {
    // Rows grow in blocks (appending to forty columns one row at a time costs more than
    // parsing the row); `finishRows` drops the unused ones.
    currentRow = rowCount
    rowCount += 1
    if rowCount > store.capacity {
      // Half again, or towards what the reader expects — at most four times as much, so an
      // estimate from short first rows cannot reserve more than the rows seen so far justify.
      var target = max(4096, store.capacity + store.capacity / 2)
      if expectedRows > target { target = min(expectedRows, max(4096, store.capacity) * 4) }
      reserve(target)
    }
    if !defaultTextSlots.isEmpty {
      let ids = defaultTextIDs ?? defaultTextSlots.map { strings.intern($0.text).raw }
      defaultTextIDs = ids
      for (index, entry) in defaultTextSlots.enumerated() {
        store.strings[entry.slot][currentRow] = ids[index]
      }
    }
    origins.append(origin)
    versions.appendRow()
    if !closingFlags.isEmpty { closingFlags.append(0) }
    for index in textBindings { texts[index].append("") }
  }

  /// Rewrites the string ids and company numbers of rows read with another thread's pool.
  func renumber(strings translation: [UInt32], companies: [Int32]) {
    store.renumberStrings(translation, rows: rowCount)
    for lookup in lookups.compactMap({ $0 }) {
      lookup.captionIDs = lookup.captionIDs.mapValues { translation[Int($0)] }
    }
    defaultTextIDs = defaultTextIDs?.map { translation[Int($0)] }
    versions.renumberCompanies(companies)
    lastCompany = nil
  }

  /// The rows read so far (`rows` may hold unused default rows past them until `finishRows`).
  private(set) var rowCount = 0

  /// Drops the unused rows of the last block, and the spare capacity of the columns.
  func finishRows() {
    guard !finished else { return }
    finished = true
    rows = store.table(rows: rowCount)
    origins.shrinkToFit()
  }

  /// Room for `rows` rows (a reader that can tell how many rows a file holds says so early).
  func reserve(_ rows: Int) {
    guard rows > store.capacity else { return }
    store.grow(to: rows)
    origins.reserve(rows)
    versions.reserve(rows)
  }

  /// One builder holding the rows of several (pieces and files of one table, read on different
  /// threads), in order; their string ids must already be in one pool. `lineOffsets` moves each
  /// part's line numbers.
  static func joined(_ parts: [TableBuilder], lineOffsets: [Int64]) -> TableBuilder {
    guard parts.count > 1, let first = parts.first else { return parts[0] }
    let result = TableBuilder(first.table)
    result.finished = true
    var tables = parts.map(\.rows)
    for part in parts { part.rows = LedgerTable(schema: part.rows.schema) }
    result.rows = LedgerTable.concatenating(&tables, schema: first.rows.schema)
    result.origins = RowOrigins.joined(parts.map(\.origins), lineOffsets: lineOffsets)
    for part in parts { part.origins = RowOrigins() }
    var versions = parts.map(\.versions)
    for part in parts { part.versions = RowVersions() }
    result.versions = RowVersions.joined(&versions, counts: parts.map(\.rowCount))
    var base = 0
    let anyClosing = parts.contains { !$0.closingFlags.isEmpty }
    let withHeader = parts.filter(\.sawHeader)
    if let first = withHeader.first {
      let everywhere = withHeader.dropFirst().reduce(first.seenFields) { $0.intersection($1.seenFields) }
      let somewhere = withHeader.reduce(Set<Int>()) { $0.union($1.seenFields) }
      result.fieldsOfSomeParts = somewhere.subtracting(everywhere)
    }
    for part in parts {
      result.skipped.formUnion(part.skipped.map { $0 + base })
      for (row, date) in part.systemCreatedDates { result.systemCreatedDates[row + base] = date }
      if anyClosing {
        result.closingFlags +=
          part.closingFlags.isEmpty ? Array(repeating: 0, count: part.rowCount) : part.closingFlags
      }
      for index in result.texts.indices { result.texts[index] += part.texts[index] }
      result.seenFields.formUnion(part.seenFields)
      result.ignoredColumns.formUnion(part.ignoredColumns)
      result.sawClosingColumn = result.sawClosingColumn || part.sawClosingColumn
      result.sawClosingPrefix = result.sawClosingPrefix || part.sawClosingPrefix
      result.incomeBalanceTwo += part.incomeBalanceTwo
      base += part.rowCount
    }
    result.rowCount = base
    return result
  }

  /// Whether two finished rows hold different values (two versions of a record).
  func rowsDiffer(_ a: Int, _ b: Int) -> Bool {
    for column in rows.numbers where column[a] != column[b] { return true }
    for column in rows.dates where column[a] != column[b] { return true }
    for column in rows.strings where column[a] != column[b] { return true }
    for column in rows.bytes where column[a] != column[b] { return true }
    return texts.contains { !$0.isEmpty && $0[a] != $0[b] }
  }

  /// Gives the memory back once the rows are in the ledger.
  func release() {
    rows = LedgerTable(schema: rows.schema)
    versions = RowVersions()
    closingFlags = []
  }

  /// Drops the row being read (RapidStart's empty placeholder record): its block row goes back
  /// to the defaults.
  func discardRow() {
    rowCount -= 1
    store.reset(rowCount)
    origins.removeLast()
    versions.removeLast()
    skipped.remove(rowCount)
    systemCreatedDates[rowCount] = nil
    if !closingFlags.isEmpty { closingFlags.removeLast() }
    for index in textBindings { texts[index].removeLast() }
    currentRow = -1
  }

  /// Converts one value (`bytes[start..<end]`, UTF-8) of the current row.
  func set(
    _ bindingIndex: Int, _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int,
    strings: inout StringPool,
    decimalComma: Bool = false
  ) throws(ImportValueError) {
    let row = currentRow
    let slot = slots[bindingIndex]
    switch codes[bindingIndex] {
    case .integer:
      guard let value = BCValues.integer(bytes, start, end) else {
        throw .notA("an integer", text(bytes, start, end))
      }
      store.numbers[slot][row] = value
    case .decimal:
      do {
        store.numbers[slot][row] = try BCValues.decimal(
          bytes, start, end, decimalComma: decimalComma, scratch: &scratch
        ).units
      } catch {
        let shown = text(bytes, start, end)
        switch error {
        case .tooManyDecimals: throw .message("\(shown) has more than 5 decimals")
        case .overflow, .tooLarge: throw .message("\(shown) is too large to be summed exactly")
        case .invalidSyntax: throw .notA("a decimal", shown)
        }
      }
    case .boolean:
      guard let value = BCValues.boolean(bytes, start, end) else {
        throw .notA("a boolean", text(bytes, start, end))
      }
      store.bytes[slot][row] = value ? 1 : 0
    case .date:
      guard let date = BCValues.date(bytes, start, end) else {
        throw .notA("a date (YYYY-MM-DD)", text(bytes, start, end))
      }
      if date != LedgerTable.noDate && date.isClosing {
        let (first, _) = BCValues.trimmed(bytes, start, end)
        if bytes[first] | 0x20 == UInt8(ascii: "c") { sawClosingPrefix = true }
      }
      store.dates[slot][row] = date.ordinal
    case .string:
      guard Self.isUTF8(bytes, start, end) else { throw .message("the text is not valid UTF-8") }
      store.strings[slot][row] = strings.intern(bytes, from: start, to: end).raw
    case .enumeration:
      guard let lookup = lookups[bindingIndex] else { return }
      var ordinal = lookup.ordinal(bytes, start, end)
      // Income/Balance is an Option (0, 1); read as enum 18 (1, 2), 2 is Balance Sheet.
      if ordinal == nil && isIncomeBalance[bindingIndex]
        && text(bytes, start, end).trimmingCharacters(in: .whitespaces) == "2"
      {
        incomeBalanceTwo += 1
        ordinal = 1
      }
      guard let ordinal else { throw unknown(lookup, bytes, start, end) }
      guard let raw = lookup.raws[ordinal] else {
        if isProductionOrder {
          skipped.insert(row)
          return
        }
        let name = lookup.bcEnum.values.first { $0.ordinal == ordinal }?.name ?? String(ordinal)
        let why = name.contains("Non Inventory") ? " (BC 26 non-inventory costing)" : ""
        throw .message(
          "\(lookup.bcEnum.name) \"\(name)\"\(why) has no snapshot value; a snapshot holds \(lookup.bcEnum.snapshotValues)"
        )
      }
      store.bytes[slot][row] = raw
    case .enumCaption:
      guard let lookup = lookups[bindingIndex] else { return }
      guard let ordinal = lookup.ordinal(bytes, start, end) else { throw unknown(lookup, bytes, start, end) }
      if let id = lookup.captionIDs[ordinal] {
        store.strings[slot][row] = id
      } else {
        let caption = lookup.bcEnum.values.first { $0.ordinal == ordinal }?.snapshot ?? ""
        let id = strings.intern(caption).raw
        lookup.captionIDs[ordinal] = id
        store.strings[slot][row] = id
      }
    case .tableName:
      guard let id = BCValues.integer(bytes, start, end) else {
        throw .notA("a table ID", text(bytes, start, end))
      }
      switch id {
      case 5802: store.bytes[slot][row] = CompressedTable.valueEntry.rawValue
      case 17: store.bytes[slot][row] = CompressedTable.glEntry.rawValue
      default: skipped.insert(row)
      }
    case .text:
      texts[bindingIndex][row] = text(bytes, start, end)
    }
  }

  private func unknown(_ lookup: EnumLookup, _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int)
    -> ImportValueError
  {
    .message(
      "\"\(text(bytes, start, end))\" is not a value of \(lookup.bcEnum.name) (\(lookup.bcEnum.knownValues))")
  }

  /// A bc2adls or SQL metadata value of the current row.
  func setMeta(
    _ role: ColumnRole, _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int,
    companies: inout [String]
  )
    throws(ImportValueError)
  {
    let row = currentRow
    switch role {
    case .timestamp:
      // A rowversion: a BigInteger, or `0x…` hex from SQL.
      var timestamp: Int64?
      let (first, last) = BCValues.trimmed(bytes, start, end)
      if first == last {
        timestamp = nil
      } else if let value = BCValues.integer(bytes, start, end) {
        timestamp = value
      } else {
        let shown = text(bytes, start, end)
        if shown.hasPrefix("0x"), let value = UInt64(shown.dropFirst(2), radix: 16) {
          timestamp = Int64(bitPattern: value)
        }
      }
      if let timestamp {
        versions.activate(rows: rowCount)
        versions.setTimestamp(row, timestamp)
      } else if first != last {
        throw .notA("a timestamp (rowversion)", text(bytes, start, end))
      }
    case .systemID:
      if let id = BCValues.guid(bytes, start, end) {
        versions.activate(rows: rowCount)
        versions.setSystemID(row, id)
      } else {
        let (first, last) = BCValues.trimmed(bytes, start, end)
        if first != last { throw .notA("a GUID", text(bytes, start, end)) }
      }
    case .systemCreatedAt:
      let (first, last) = BCValues.trimmed(bytes, start, end)
      if first == last {
        versions.activate(rows: rowCount)
        versions.setDeleted(row)
      }
      if isGLRegister { systemCreatedDates[row] = BCValues.dateOfDateTime(bytes, start, end) }
    case .creationDate:
      if isGLRegister { systemCreatedDates[row] = BCValues.dateOfDateTime(bytes, start, end) }
    case .company:
      // Rows of one company follow each other: compare with the last one's bytes first.
      let index: Int
      if let last = lastCompany, last.bytes.count == end - start,
        last.bytes.indices.allSatisfy({ last.bytes[$0] == bytes[start + $0] })
      {
        index = last.index
      } else {
        let name = text(bytes, start, end)
        if let found = companies.firstIndex(of: name) {
          index = found
        } else {
          companies.append(name)
          index = companies.count - 1
        }
        lastCompany = (Array(UnsafeBufferPointer(rebasing: bytes[start..<end])), index)
      }
      versions.activate(rows: rowCount)
      versions.setCompany(row, Int32(index))
    case .closingDate:
      guard let flag = BCValues.boolean(bytes, start, end) else {
        throw .notA("a boolean", text(bytes, start, end))
      }
      if closingFlags.isEmpty { closingFlags = Array(repeating: 0, count: rowCount) }
      closingFlags[row] = flag ? 2 : 1
    case .rowMarker:
      if text(bytes, start, end).trimmingCharacters(in: .whitespaces) == "2" {
        versions.activate(rows: rowCount)
        versions.setDeleted(row)
      }
    case .field, .ignored: break
    }
  }

  private func text(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String {
    String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
  }

  static func isUTF8(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
    var index = start
    while index < end && bytes[index] < 0x80 { index += 1 }
    if index == end { return true }
    var iterator = UnsafeBufferPointer(rebasing: bytes[index..<end]).makeIterator()
    var decoder = UTF8()
    while true {
      switch decoder.decode(&iterator) {
      case .scalarValue: continue
      case .emptyInput: return true
      case .error: return false
      }
    }
  }
}

/// A value that does not convert, before the reader adds where it stands.
enum ImportValueError: Error {
  case notA(String, String)
  case message(String)

  var text: String {
    switch self {
    case .notA(let kind, let value): return "\"\(value)\" is not \(kind)"
    case .message(let message): return message
    }
  }
}

extension Ledger {
  /// The array table of a snapshot field name (`valueEntries`).
  static func arrayTable(named name: String) -> WritableKeyPath<Ledger, LedgerTable>? {
    let empty = Ledger()
    return arrayTables.first { empty[keyPath: $0].schema.name == name }
  }
}
