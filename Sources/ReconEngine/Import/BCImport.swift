import Foundation

/// `reconbench import`: a Business Central export — a RapidStart configuration package or a
/// folder of per-table CSV files — turned into a snapshot (bc-import.md).
public enum BCImport {
  public enum Kind: String, Sendable { case rapidStart = "rapidstart", csv }

  public struct Options: Sendable {
    /// The company to take when the input holds several.
    public var company: String?
    /// Drop references to entries the export does not hold (with a warning per kind) instead of
    /// refusing them.
    public var dropDangling: Bool
    /// Refuse the import when there is any warning.
    public var strict: Bool
    /// Tests: the size below which a CSV file is not cut into pieces read in parallel.
    var minimumPieceBytes: Int?
    /// Follows the bytes read from the input files, for a progress line.
    public var progress: ByteProgress?

    public init(company: String? = nil, dropDangling: Bool = false, strict: Bool = false) {
      self.company = company
      self.dropDangling = dropDangling
      self.strict = strict
    }
  }

  public struct Result: Sendable {
    public var ledger: Ledger
    public var warnings: [ImportWarning]
  }

  /// Reads the input, builds and validates the snapshot; nothing is written.
  public static func run(_ kind: Kind, path: String, options: Options = Options()) throws(ImportError)
    -> Result
  {
    LargeBlocks.returnToSystem()
    let session = ImportSession(inputName: path, progress: options.progress)
    switch kind {
    case .rapidStart: try RapidStartReader(path: path, session: session).read()
    case .csv:
      var reader = CSVFolderReader(folder: path, session: session)
      if let bytes = options.minimumPieceBytes { reader.minimumPieceBytes = bytes }
      try reader.read()
    }
    if !session.problems.isEmpty { throw session.problems.error }
    for builder in session.builders.values { builder.finishRows() }
    var assembly = SnapshotAssembly(session: session, options: options, kind: kind)
    let ledger = try assembly.build()
    if options.strict && !session.warnings.isEmpty {
      throw ImportError(
        session.warnings.map { ImportProblem(file: $0.file, message: $0.message + " (refused: --strict)") })
    }
    return Result(ledger: ledger, warnings: session.warnings)
  }

  /// Decides the kind of an input the workbench is given: a folder is CSV, a file whose bytes
  /// are GZip or XML a package; nil for anything else (a snapshot).
  public static func kind(of path: String) -> Kind? {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return nil }
    if isDirectory.boolValue { return .csv }
    guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
    defer { try? handle.close() }
    let head = [UInt8](handle.readData(ofLength: 64))
    if head.starts(with: [0x1F, 0x8B]) { return .rapidStart }
    let (encoding, bom) = TextEncoding.sniff(head)
    var text: String
    switch encoding {
    case .utf8: text = String(decoding: head.dropFirst(bom), as: UTF8.self)
    case .utf16LittleEndian, .utf16BigEndian:
      let units = stride(from: bom, to: head.count - 1, by: 2).map {
        encoding == .utf16LittleEndian
          ? UInt16(head[$0]) | UInt16(head[$0 + 1]) << 8 : UInt16(head[$0]) << 8 | UInt16(head[$0 + 1])
      }
      text = String(decoding: units, as: UTF16.self)
    }
    text = text.trimmingCharacters(in: .whitespacesAndNewlines)
    return text.hasPrefix("<") ? .rapidStart : nil
  }
}

/// §9: the snapshot from the builders — versions and companies resolved, rows sorted by their
/// primary key, setup and company filled in, references and validation checked.
struct SnapshotAssembly {
  let session: ImportSession
  let options: BCImport.Options
  let kind: BCImport.Kind
  private var problems = ProblemList()
  /// Per snapshot array: the origins of its rows after resolution, for messages.
  private var origins: [String: RowSources] = [:]

  init(session: ImportSession, options: BCImport.Options, kind: BCImport.Kind) {
    self.session = session
    self.options = options
    self.kind = kind
  }

  mutating func build() throws(ImportError) -> Ledger {
    let selected = try selectCompany()
    var ledger = Ledger()
    ledger.strings = session.strings
    // The company and setup rows' text defaults, in the import's string pool.
    for path in [\Ledger.company, \Ledger.setup] {
      for field in ledger[keyPath: path].schema.fields where !field.defaultText.isEmpty {
        ledger[keyPath: path].strings[field.slot][0] = ledger.strings.intern(field.defaultText).raw
      }
    }
    // Missing tables; required and missing fields of present ones.
    let needed = BCTable.all.filter {
      $0.id != BCTable.companyInformation.id && $0.id != BCTable.sourceCodeSetup.id
    }
    if session.builders[BCTable.valueEntry.id] == nil && session.builders[BCTable.glEntry.id] == nil {
      throw ImportError([
        ImportProblem(
          file: session.inputName,
          message: "neither Value Entry (5802) nor G/L Entry (17) is in the export: nothing to reconcile")
      ])
    }
    for table in needed where session.builders[table.id] == nil {
      session.warn(
        "table \(table.id) \(table.name) is not in the export: \(table.array.map { "no \($0)" } ?? "its defaults are used")"
      )
    }
    for table in BCTable.all {
      guard let builder = session.builders[table.id] else { continue }
      let missingRequired = table.required.filter { !builder.seenFields.contains($0) }
      // (A CSV file's header is checked on its own, naming the file.)
      for id in missingRequired where kind == .rapidStart {
        problems.add(
          ImportProblem(
            file: session.inputName,
            message: "table \(table.id) \(table.name) has no field \(id) \(table.field(id)?.name ?? "")"))
      }
      let missing = table.fields.filter {
        !builder.seenFields.contains($0.id) && !table.required.contains($0.id)
          && !(table.isSetup && table.key.contains($0.id))
      }
      if !missing.isEmpty && missingRequired.isEmpty {
        session.warn(
          "table \(table.id) \(table.name): fields not in the export, defaults used: "
            + missing.map { "\($0.id) \($0.name)" }.joined(separator: ", "))
      }
      if !builder.fieldsOfSomeParts.isEmpty {
        session.warn(
          "table \(table.id) \(table.name): fields missing from some of its files, defaults used for their rows: "
            + builder.fieldsOfSomeParts.sorted().compactMap { id in table.field(id).map { "\(id) \($0.name)" }
            }
            .joined(separator: ", "))
      }
      if !builder.ignoredColumns.isEmpty {
        session.warn(
          "table \(table.id) \(table.name): \(builder.ignoredColumns.count) columns not used: "
            + builder.ignoredColumns.sorted().joined(separator: ", "))
      }
    }
    if !session.ignoredTables.isEmpty {
      session.warn("tables not used: " + session.ignoredTables.sorted().joined(separator: ", "))
    }
    if !problems.isEmpty { throw problems.error }
    // Arrays.
    for table in BCTable.all where !table.isSetup {
      guard let builder = session.builders[table.id], let array = table.array,
        let path = Ledger.arrayTable(named: array)
      else { continue }
      if table.id == BCTable.glEntry.id { applyClosingFlags(builder) }
      let rows = resolve(builder, company: selected)
      // Moved, not copied: the builder lets go of its columns before they are reordered.
      var moved = builder.rows
      builder.rows = LedgerTable(schema: moved.schema)
      moved.gather(rows)
      ledger[keyPath: path] = moved
      origins[array] = RowSources(builder.origins, rows)
      if table.id == BCTable.glRegister.id { fillCreationDates(&ledger, builder, rows) }
      if table.id == BCTable.glEntry.id { checkClosingDates(&ledger, builder) }
      builder.release()
    }
    if !problems.isEmpty { throw problems.error }
    try fillSetup(&ledger, company: selected)
    if !problems.isEmpty { throw problems.error }
    ledger.rebuildIndexes()
    try references(&ledger)
    try validate(ledger)
    return ledger
  }

  // MARK: Companies and versions

  /// §8.5: the one company the rows belong to, or the one `--company` names.
  private func selectCompany() throws(ImportError) -> String? {
    var found = Set(session.companies.filter { !$0.isEmpty })
    // An SQL file's company prefix is the name converted (§4.3): the same company as a bc2adls
    // `$Company` that converts to it.
    let converted = Set(found.map(BCNames.sql))
    for company in session.fileCompanies.compactMap({ $0 })
    where !company.isEmpty && !converted.contains(company) {
      found.insert(company)
    }
    if let wanted = options.company {
      let converted = BCNames.sql(wanted)
      guard found.contains(wanted) || found.contains(converted) || found.isEmpty else {
        throw ImportError([
          ImportProblem(
            file: session.inputName,
            message:
              "no company \"\(wanted)\" in the export; it holds: \(found.sorted().joined(separator: ", "))")
        ])
      }
      return wanted
    }
    if found.count > 1 {
      throw ImportError([
        ImportProblem(
          file: session.inputName,
          message:
            "the export holds several companies (\(found.sorted().joined(separator: ", "))): choose one with --company"
        )
      ])
    }
    return found.first
  }

  private func belongs(_ builder: TableBuilder, _ row: Int, company: String?) -> Bool {
    guard let company, options.company != nil else { return true }
    let version = builder.versions[row]
    if version.company >= 0 && session.companies[Int(version.company)] != company { return false }
    if let fileCompany = session.fileCompanies[Int(builder.origins[row].file)],
      fileCompany != company && fileCompany != BCNames.sql(company)
    {
      return false
    }
    return true
  }

  /// The rows that make the table, in primary-key order: the company's; of several versions of
  /// a bc2adls record the newest, unless it is a deletion; none the format leaves out.
  private mutating func resolve(_ builder: TableBuilder, company: String?) -> [Int] {
    let table = builder.table
    var keep: [Int] = []
    var skipped = 0
    // Open addressing on the systemId: a GUID's bits are hash enough, and a million rows should
    // not go through SipHash.
    var slots = [Int32](
      repeating: -1, count: max(16, 1 << (Int.bitWidth - (builder.rows.count * 2).leadingZeroBitCount)))
    let mask = slots.count - 1
    var newestByKey: [[Int64]: Int] = [:]
    var versioned: [Int] = []
    let filtersCompany = company != nil && options.company != nil
    if !builder.versions.active && !filtersCompany {
      keep = Array(0..<builder.rows.count)
    }
    for row in 0..<builder.rows.count
    where (builder.versions.active || filtersCompany) && belongs(builder, row, company: company) {
      let version = builder.versions[row]
      guard version.timestamp != Int64.min || version.systemID != nil || version.deleted else {
        keep.append(row)
        continue
      }
      if let id = version.systemID {
        let mixed = (id.0 ^ id.1 ^ UInt64(bitPattern: Int64(version.company))) &* 0x9E37_79B9_7F4A_7C15
        var slot = Int(truncatingIfNeeded: mixed >> 20) & mask
        while slots[slot] >= 0 {
          let other = Int(slots[slot])
          let otherVersion = builder.versions[other]
          if let otherID = otherVersion.systemID, otherID == id, otherVersion.company == version.company {
            break
          }
          slot = (slot + 1) & mask
        }
        if slots[slot] >= 0 {
          let other = Int(slots[slot])
          let otherTimestamp = builder.versions[other].timestamp
          if otherTimestamp > version.timestamp { continue }
          if otherTimestamp == version.timestamp {
            sameVersion(builder, other, row)
            if other > row { continue }
          }
        } else {
          versioned.append(slot)
        }
        slots[slot] = Int32(row)
      } else {
        // No systemId column: the primary key (and the company) tell the record.
        let key = sortKey(builder, row) + [Int64(version.company)]
        if let earlier = newestByKey[key] {
          let earlierTimestamp = builder.versions[earlier].timestamp
          if earlierTimestamp > version.timestamp { continue }
          if earlierTimestamp == version.timestamp {
            sameVersion(builder, earlier, row)
            if earlier > row { continue }
          }
        }
        newestByKey[key] = row
      }
    }
    keep += versioned.map { Int(slots[$0]) }.filter { !builder.versions[$0].deleted }
    keep += newestByKey.values.filter { !builder.versions[$0].deleted }
    if !builder.skipped.isEmpty {
      keep.removeAll { row in
        if builder.skipped.contains(row) {
          skipped += 1
          return true
        }
        return false
      }
    }
    if skipped > 0 {
      switch table.id {
      case BCTable.productionOrder.id:
        session.warn(
          "\(skipped) production orders with status Simulated, Planned or Firm Planned are left out")
      case BCTable.dateComprRegister.id:
        session.warn(
          "\(skipped) date compressions of tables other than Value Entry and G/L Entry are left out")
      default: break
      }
    }
    // An integer key kept as text (Date Compr. Register No.) must be one.
    for id in table.key {
      guard let index = builder.binding(of: id), case .text = builder.bindings[index].conversion,
        case .integer = builder.bindings[index].field.kind, !table.isSetup
      else { continue }
      for row in keep {
        let text = builder.texts[index][row].trimmingCharacters(in: .whitespaces)
        if !text.isEmpty && Int64(text) == nil {
          problems.add(
            ImportProblem(
              file: session.files[Int(builder.origins[row].file)],
              place:
                "\(place(builder.origins[row])) (\(table.name)), field \(id) \(builder.bindings[index].field.name)",
              message: "\"\(text)\" is not an integer"))
        }
      }
    }
    // Primary-key order; two records with one key are refused.
    var ordered: [Int]
    var duplicateRows: [Int] = []
    let integerSlots = table.key.compactMap { id -> Int? in
      guard let index = builder.binding(of: id), case .integer(let slot) = builder.bindings[index].conversion
      else {
        return nil
      }
      return slot
    }
    if integerSlots.count == table.key.count && integerSlots.count <= 2 {
      // Entry numbers (and the relation's pair): compare them directly; exports are usually in
      // key order already, which one pass tells.
      let first = builder.rows.numbers[integerSlots[0]]
      let second = integerSlots.count > 1 ? builder.rows.numbers[integerSlots[1]] : nil
      func less(_ a: Int, _ b: Int) -> Bool {
        if first[a] != first[b] { return first[a] < first[b] }
        if let second, second[a] != second[b] { return second[a] < second[b] }
        return false
      }
      keep.sort()
      ordered = keep
      if zip(ordered, ordered.dropFirst()).contains(where: { !less($0, $1) }) {
        ordered.sort { less($0, $1) || (!less($1, $0) && $0 < $1) }
      }
      for index in ordered.indices.dropFirst() where !less(ordered[index - 1], ordered[index]) {
        duplicateRows.append(ordered[index])
      }
    } else {
      let keys = keep.map { (row: $0, key: sortKey(builder, $0)) }.sorted {
        $0.key.lexicographicallyPrecedes($1.key)
      }
      ordered = keys.map(\.row)
      for index in keys.indices.dropFirst() where keys[index].key == keys[index - 1].key {
        duplicateRows.append(keys[index].row)
      }
    }
    for row in duplicateRows {
      problems.add(
        ImportProblem(
          file: session.files[Int(builder.origins[row].file)], place: place(builder.origins[row]),
          message: "a second \(table.name) record with the key \(keyText(builder, row))"))
    }
    if builder.incomeBalanceTwo > 0 {
      session.warn("\(builder.incomeBalanceTwo) G/L accounts have Income/Balance 2, read as Balance Sheet")
    }
    return ordered
  }

  /// Two versions of one record with the same timestamp: the same values are one record read
  /// twice (a file copied into `data/` and `deltas/`); different ones cannot be told apart and
  /// are refused, as the newest cannot be known.
  private mutating func sameVersion(_ builder: TableBuilder, _ a: Int, _ b: Int) {
    guard builder.rowsDiffer(a, b) else { return }
    let origin = builder.origins[max(a, b)]
    problems.add(
      ImportProblem(
        file: session.files[Int(origin.file)], place: place(origin),
        message:
          "two versions of the \(builder.table.name) record \(keyText(builder, b)) with the same timestamp and different values"
      ))
  }

  /// The values of a row's primary key, as text.
  private func keyText(_ builder: TableBuilder, _ row: Int) -> String {
    builder.table.key.map { id -> String in
      guard let index = builder.binding(of: id) else { return "" }
      return value(builder, index, row)
    }.joined(separator: ", ")
  }

  private func value(_ builder: TableBuilder, _ index: Int, _ row: Int) -> String {
    switch builder.bindings[index].conversion {
    case .integer(let slot): return String(builder.rows.numbers[slot][row])
    case .string(let slot): return session.strings.string(StringID(raw: builder.rows.strings[slot][row]))
    case .date(let slot): return LedgerDate(ordinal: builder.rows.dates[slot][row]).text
    case .enumeration(let slot, _, _), .tableName(let slot), .boolean(let slot):
      return String(builder.rows.bytes[slot][row])
    case .decimal(let slot): return ExactDecimal(units: builder.rows.numbers[slot][row]).description
    case .enumCaption(let slot, _):
      return session.strings.string(StringID(raw: builder.rows.strings[slot][row]))
    case .text: return builder.texts[index][row]
    }
  }

  /// §9.5: entry numbers as numbers, codes as their raw bytes, dates by ordinal.
  private func sortKey(_ builder: TableBuilder, _ row: Int) -> [Int64] {
    var key: [Int64] = []
    for id in builder.table.key {
      guard let index = builder.binding(of: id) else { continue }
      switch builder.bindings[index].conversion {
      case .integer(let slot): key.append(builder.rows.numbers[slot][row])
      case .date(let slot): key.append(Int64(builder.rows.dates[slot][row]))
      case .enumeration(let slot, _, _): key.append(Int64(builder.rows.bytes[slot][row]))
      case .string(let slot):
        // Raw bytes, eight to a number, then the length: byte order of the code.
        let bytes = Array(session.strings.string(StringID(raw: builder.rows.strings[slot][row])).utf8)
        var chunk = 0
        while chunk * 7 < max(bytes.count, 1) {
          var word: Int64 = 0
          for offset in 0..<7 {
            let index = chunk * 7 + offset
            word = word << 8 | Int64(index < bytes.count ? bytes[index] : 0)
          }
          key.append(word)
          chunk += 1
        }
        key.append(Int64(bytes.count))
      case .text:
        // Date Compr. Register No. (no snapshot field): the number; without the column, the
        // order of the export.
        guard builder.seenFields.contains(id) else {
          key.append(Int64(row))
          continue
        }
        key.append(Int64(builder.texts[index][row].trimmingCharacters(in: .whitespaces)) ?? 0)
      default: key.append(0)
      }
    }
    return key
  }

  private func place(_ origin: RowOrigin) -> String {
    kind == .rapidStart ? "record \(origin.line)" : "line \(origin.line)"
  }

  // MARK: Special fields

  /// G/L Register Creation Date: the column when the export has it, else (BC 26 removed the
  /// field) the date part of SystemCreatedAt, with a warning.
  private func fillCreationDates(_ ledger: inout Ledger, _ builder: TableBuilder, _ rows: [Int]) {
    let c = Columns.glRegister
    guard !builder.seenFields.contains(4) else { return }
    var filled = 0
    for (index, row) in rows.enumerated() {
      if let date = builder.systemCreatedDates[row] {
        ledger.glRegisters[c.creationDate, index] = date
        filled += 1
      }
    }
    session.warn(
      filled > 0
        ? "G/L Register has no Creation Date (removed in BC 26): taken from SystemCreatedAt (UTC) for \(filled) registers"
        : "G/L Register has no Creation Date (removed in BC 26) and no SystemCreatedAt: creation dates are left out"
    )
  }

  /// bc2adls `$ClosingDate` = true: the G/L entry's posting date is a closing date.
  private func applyClosingFlags(_ builder: TableBuilder) {
    guard builder.sawClosingColumn, !builder.closingFlags.isEmpty, let index = builder.binding(of: 4),
      case .date(let slot) = builder.bindings[index].conversion
    else { return }
    for row in 0..<builder.rows.count where builder.closingFlags[row] == 2 {
      let date = builder.rows.dates[slot][row]
      if date != LedgerTable.noDate.ordinal { builder.rows.dates[slot][row] = date | 1 }
    }
  }

  /// §5 closing dates: `$ClosingDate` restores the flag; when nothing could tell it and G/L
  /// entries of the closing source code sit on a fiscal year's last day, warn.
  private mutating func checkClosingDates(_ ledger: inout Ledger, _ builder: TableBuilder) {
    let gl = Columns.glEntry
    guard !ledger.glEntries.isEmpty else { return }
    if builder.sawClosingColumn {
      // Applied after resolution: rows are in key order now.
      return
    }
    // An SQL export keeps closing dates (their time is 23:59:59): nothing lost when every G/L
    // entry came from one.
    let fromSQL = builder.origins.files.allSatisfy { session.fileCompanies[Int($0)] != nil }
    if builder.sawClosingPrefix || kind == .csv && fromSQL { return }
    guard let periods = session.builders[BCTable.accountingPeriod.id],
      let startSlot = periods.bindings.first(where: { $0.field.id == 1 }).flatMap({ binding -> Int? in
        if case .date(let slot) = binding.conversion { return slot }
        return nil
      }),
      let newYearSlot = periods.bindings.first(where: { $0.field.id == 3 }).flatMap({ binding -> Int? in
        if case .boolean(let slot) = binding.conversion { return slot }
        return nil
      })
    else { return }
    var lastDays = Set<Int32>()
    for row in 0..<periods.rows.count where periods.rows.bytes[newYearSlot][row] == 1 {
      lastDays.insert(LedgerDate(ordinal: periods.rows.dates[startSlot][row]).adding(days: -1).ordinal)
    }
    let closingSource = session.strings.lookup("CLSINCOME")
    var days = Set<String>()
    for row in ledger.glEntries.indices where lastDays.contains(ledger.glEntries[gl.postingDate, row].ordinal)
    {
      if let closingSource, ledger.glEntries[gl.sourceCode, row] == closingSource {
        days.insert(ledger.glEntries[gl.postingDate, row].text)
      }
    }
    if !days.isEmpty {
      session.warn(
        "closing dates may have been lost (the export writes them without their marker); G/L entries with source code CLSINCOME on "
          + days.sorted().joined(separator: ", ") + " are read as normal dates")
    }
  }

  // MARK: Setup and company

  /// §9.3, from the setup tables' record with the blank primary key.
  private mutating func fillSetup(_ ledger: inout Ledger, company: String?) throws(ImportError) {
    func record(_ table: BCTable) -> (TableBuilder, Int)? {
      guard let builder = session.builders[table.id] else { return nil }
      let rows = resolve(builder, company: company)
      guard !rows.isEmpty else { return nil }
      let keyIndex = builder.binding(of: 1)
      let blank = rows.first { row in keyIndex.map { builder.texts[$0][row].isEmpty } ?? true }
      if rows.count > 1 {
        session.warn(
          "table \(table.id) \(table.name) holds \(rows.count) records: the one with the blank primary key is used"
        )
      }
      return (builder, blank ?? rows[0])
    }
    func text(_ builder: TableBuilder, _ row: Int, _ id: Int) -> String? {
      guard builder.seenFields.contains(id), let index = builder.binding(of: id) else { return nil }
      return builder.texts[index][row]
    }
    // Setup values are kept as text while reading; one that does not parse refuses the import
    // like any other value (§11).
    func bad(_ builder: TableBuilder, _ row: Int, _ id: Int, _ value: String, _ kind: String) {
      let origin = builder.origins[row]
      let field = builder.table.field(id)
      problems.add(
        ImportProblem(
          file: session.files[Int(origin.file)],
          place: "\(place(origin)) (\(builder.table.name)), field \(id) \(field?.name ?? "")",
          message: "\"\(value)\" is not \(kind)"))
    }
    func parseBool(_ builder: TableBuilder, _ row: Int, _ id: Int) -> Bool? {
      guard let value = text(builder, row, id) else { return nil }
      let flag = Array(value.utf8).withUnsafeBufferPointer { BCValues.boolean($0, 0, $0.count) }
      if flag == nil { bad(builder, row, id, value, "a boolean") }
      return flag
    }
    func parseDate(_ builder: TableBuilder, _ row: Int, _ id: Int) -> LedgerDate? {
      guard let value = text(builder, row, id) else { return nil }
      let date = Array(value.utf8).withUnsafeBufferPointer { BCValues.date($0, 0, $0.count) }
      if date == nil { bad(builder, row, id, value, "a date (YYYY-MM-DD)") }
      return date
    }
    if let (builder, row) = record(.inventorySetup) {
      if let flag = parseBool(builder, row, 2) { ledger.automaticCostPosting = flag }
      if let flag = parseBool(builder, row, 5800) { ledger.expectedCostPostingToGL = flag }
    }
    if let (builder, row) = record(.generalLedgerSetup) {
      if let date = parseDate(builder, row, 2) {
        ledger.allowPostingFrom = date == LedgerTable.noDate ? nil : date
      }
      if let date = parseDate(builder, row, 3) {
        ledger.allowPostingTo = date == LedgerTable.noDate ? nil : date
      }
      if let currency = text(builder, row, 71), !currency.isEmpty {
        ledger.company[Columns.company.currency, 0] = ledger.strings.intern(currency)
      }
      var decimals: Int?
      if let precisionText = text(builder, row, 73) {
        decimals = BCValues.decimals(ofPrecisionText: precisionText)
        // Empty or 0 means "not set": Amount Decimal Places decides. Anything else must parse.
        let unset = precisionText.allSatisfy { " 0.+-".contains($0) }
        if decimals == nil && !unset { bad(builder, row, 73, precisionText, "a rounding precision") }
      }
      if decimals == nil, let places = text(builder, row, 66),
        !places.trimmingCharacters(in: .whitespaces).isEmpty
      {
        decimals = BCValues.decimals(ofPlaces: places)
        if decimals == nil { bad(builder, row, 66, places, "decimal places (\"2:2\", \"3\")") }
      }
      if let decimals {
        guard decimals <= 5 else {
          throw ImportError([
            ImportProblem(
              file: session.inputName,
              message:
                "General Ledger Setup: the amount rounding precision has \(decimals) decimals; at most 5 are supported"
            )
          ])
        }
        ledger.amountDecimals = decimals
      } else {
        session.warn("General Ledger Setup gives no amount rounding precision: 2 decimals are assumed")
      }
    }
    if let (builder, row) = record(.sourceCodeSetup), let code = text(builder, row, 4) {
      ledger.setup[Columns.setup.inventoryPostCostSourceCode, 0] = ledger.strings.intern(code)
    }
    var name = record(.companyInformation).flatMap { text($0.0, $0.1, 2) }.flatMap { $0.isEmpty ? nil : $0 }
    if name == nil { name = options.company ?? company }
    if let name { ledger.companyName = name }
  }

  // MARK: References and validation

  /// Dangling references (a date-filtered export): refused with a count per kind, or dropped
  /// with `--drop-dangling`.
  private mutating func references(_ ledger: inout Ledger) throws(ImportError) {
    let ve = Columns.valueEntry, rel = Columns.glItemLedgerRelation
    var kinds: [(String, [String])] = []
    // Value entries → item ledger entries.
    var missingEntries: [Int] = []
    for row in ledger.valueEntries.indices {
      let number = ledger.valueEntries[ve.itemLedgerEntryNo, row]
      if number != 0 && ledger.indexes.itemLedgerEntryByNumber.row(of: number) == nil {
        missingEntries.append(row)
      }
    }
    if !missingEntries.isEmpty {
      kinds.append(
        (
          "value entries name item ledger entries that are not in the export",
          missingEntries.prefix(3).map {
            "value entry \(ledger.valueEntries[ve.entryNo, $0]) → item ledger entry \(ledger.valueEntries[ve.itemLedgerEntryNo, $0])"
          }
        ))
    }
    // Relations → G/L entries and value entries.
    var missingRelations: [Int] = []
    for row in ledger.glItemLedgerRelations.indices {
      if ledger.indexes.glEntryByNumber.row(of: ledger.glItemLedgerRelations[rel.glEntryNo, row]) == nil
        || ledger.indexes.valueEntryByNumber.row(of: ledger.glItemLedgerRelations[rel.valueEntryNo, row])
          == nil
      {
        missingRelations.append(row)
      }
    }
    if !missingRelations.isEmpty {
      kinds.append(
        (
          "G/L – Item Ledger Relation rows name G/L entries or value entries that are not in the export",
          missingRelations.prefix(3).map {
            "G/L entry \(ledger.glItemLedgerRelations[rel.glEntryNo, $0]) – value entry \(ledger.glItemLedgerRelations[rel.valueEntryNo, $0])"
          }
        ))
    }
    // Setup accounts → G/L accounts.
    let accounts = Set(ledger.glAccounts.ids(Columns.glAccount.no))
    var missingAccounts: [(WritableKeyPath<Ledger, LedgerTable>, StringColumn, Int)] = []
    for (path, columns) in [
      (\Ledger.inventoryPostingSetup, Columns.inventoryPostingSetup.accounts),
      (\Ledger.generalPostingSetup, Columns.generalPostingSetup.accounts),
    ] {
      for column in columns {
        for row in ledger[keyPath: path].indices {
          let id = ledger[keyPath: path][column, row].raw
          if id != 0 && !accounts.contains(id) { missingAccounts.append((path, column, row)) }
        }
      }
    }
    if !missingAccounts.isEmpty {
      kinds.append(
        (
          "posting setup rows name G/L accounts that are not in the export",
          missingAccounts.prefix(3).map { "G/L account \(ledger.string(ledger[keyPath: $0.0][$0.1, $0.2]))" }
        ))
    }
    let counts = [missingEntries.count, missingRelations.count, missingAccounts.count].filter { $0 > 0 }
    guard !kinds.isEmpty else { return }
    if !options.dropDangling {
      throw ImportError(
        zip(kinds, counts).map { kind, count in
          ImportProblem(
            file: session.inputName,
            message:
              "\(count) \(kind.0) (e.g. \(kind.1.joined(separator: "; "))); export the tables whole (no date filter), or import with --drop-dangling"
          )
        })
    }
    for row in missingEntries { ledger.valueEntries[ve.itemLedgerEntryNo, row] = 0 }
    if !missingRelations.isEmpty {
      let dropped = Set(missingRelations)
      let kept = ledger.glItemLedgerRelations.indices.filter { !dropped.contains($0) }
      ledger.glItemLedgerRelations.gather(kept)
      origins["glItemLedgerRelations"]?.keep(kept)
    }
    for (path, column, row) in missingAccounts { ledger[keyPath: path][column, row] = .blank }
    for (kind, count) in zip(kinds, counts) {
      session.warn("--drop-dangling: \(count) \(kind.0): dropped")
    }
    ledger.rebuildIndexes()
  }

  /// The snapshot checks of `validate`, their paths turned back into the export's tables, rows
  /// and fields.
  private func validate(_ ledger: Ledger) throws(ImportError) {
    let (entries, duplicates) = LedgerIndexes.entryNumbers(of: ledger)
    var copy = ledger
    copy.indexes = entries
    let (found, total) = copy.crossTableProblems(duplicates: duplicates, limit: ProblemList.limit)
    guard total > 0 else { return }
    let problems = found.map { problem -> ImportProblem in
      // `valueEntries[12].costAmountActual`
      let parts = problem.path.split(whereSeparator: { "[].".contains($0) }).map(String.init)
      if parts.count >= 2, let row = Int(parts[1]),
        let table = BCTable.all.first(where: { $0.array == parts[0] }),
        let origin = origins[parts[0]]?.origin(of: row)
      {
        let field =
          parts.count >= 3
          ? table.fields.first { if case .field(parts[2]) = $0.target { return true } else { return false } }
          : nil
        return ImportProblem(
          file: session.files[Int(origin.file)],
          place: "\(place(origin)) (\(table.name))" + (field.map { ", field \($0.id) \($0.name)" } ?? ""),
          message: problem.message)
      }
      return ImportProblem(file: session.inputName, place: problem.path, message: problem.message)
    }
    throw ImportError(problems, total: total)
  }
}

/// The origins of a snapshot array's rows: the builder's, through the order resolution chose.
struct RowSources {
  let origins: RowOrigins
  /// Builder row of each snapshot row; nil when they are the same.
  private var order: [Int32]?

  init(_ origins: RowOrigins, _ rows: [Int]) {
    self.origins = origins
    let identity = rows.count == origins.count && rows.indices.allSatisfy { rows[$0] == $0 }
    order = identity ? nil : rows.map { Int32($0) }
  }

  /// Keeps the snapshot rows `rows` (rows dropped after resolution).
  mutating func keep(_ rows: [Int]) {
    let current = order
    order = rows.map { row in current.map { $0[row] } ?? Int32(row) }
  }

  func origin(of row: Int) -> RowOrigin? {
    let builderRow = order.map { row < $0.count ? Int($0[row]) : -1 } ?? row
    guard builderRow >= 0 && builderRow < origins.count else { return nil }
    return origins[builderRow]
  }
}
