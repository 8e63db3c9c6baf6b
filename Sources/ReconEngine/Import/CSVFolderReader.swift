import Foundation

/// A folder of per-table CSV files, as bc2adls or an SQL export writes them (bc-import.md §8):
/// each file's table told by its name or folder, its dialect by its header, its rows read in
/// chunks straight into the table's builder.
struct CSVFolderReader {
  let folder: String
  let session: ImportSession
  /// Below twice this, a file is read in one piece (tests make it small).
  var minimumPieceBytes = 16 << 20

  /// Reads every CSV file below the folder; files of no table the snapshot needs are ignored.
  func read() throws(ImportError) {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue
    else {
      throw ImportError([ImportProblem(file: folder, message: "no such folder")])
    }
    guard let enumerator = FileManager.default.enumerator(atPath: folder) else {
      throw ImportError([ImportProblem(file: folder, message: "the folder cannot be read")])
    }
    var paths: [String] = []
    while let next = enumerator.nextObject() as? String {
      if next.lowercased().hasSuffix(".csv") { paths.append(next) }
    }
    // The output does not depend on the order the file system lists files in.
    paths.sort()
    // The files of each table, and their sizes.
    var jobs: [(path: String, table: BCTable, file: Int32, bytes: Int)] = []
    for relative in paths {
      let fullPath = (folder as NSString).appendingPathComponent(relative)
      guard let (table, company) = Self.table(ofFile: relative, session: session) else { continue }
      let size =
        (try? FileManager.default.attributesOfItem(atPath: fullPath)[.size] as? NSNumber)?.intValue ?? 0
      jobs.append((fullPath, table, session.addFile(relative, company: company), size))
    }
    if jobs.isEmpty {
      throw ImportError([
        ImportProblem(
          file: folder,
          message: "no CSV file of a table ReconBench needs (Value Entry, G/L Entry, …) in the folder")
      ])
    }
    // Big bc2adls files are cut into pieces at line ends (its quoted fields never span lines);
    // two lanes, one per core, take pieces, largest first, each into a builder of its own
    // and with its own string pool. The builders of a table are then joined in file and piece
    // order, so the result does not depend on which lane read what.
    let totalBytes = jobs.reduce(0) { $0 + $1.bytes }
    let pieceBytes = max(minimumPieceBytes, totalBytes / 16)
    var pieces: [Piece] = []
    for (jobIndex, job) in jobs.enumerated() {
      for (index, range) in Self.cut(job.path, bytes: job.bytes, pieceBytes: pieceBytes).enumerated() {
        pieces.append(
          Piece(
            id: pieces.count, job: jobIndex, index: index, path: job.path, table: job.table, file: job.file,
            range: range.range,
            header: range.header))
      }
    }
    for job in jobs { _ = session.builder(job.table) }
    let order = pieces.indices.sorted { (pieces[$0].bytes, $1) > (pieces[$1].bytes, $0) }
    let queue = PieceQueue(order)
    let makeLane = { [self] (strings: StringPool) -> ReadLane in
      var lane = ReadLane(strings: strings)
      while let index = queue.next() {
        let piece = pieces[index]
        let builder = TableBuilder(piece.table)
        let lines = readPiece(piece, builder: builder, lane: &lane)
        lane.results.append(PieceResult(piece: index, builder: builder, lines: lines))
      }
      return lane
    }
    let firstPool = session.strings
    let lanes = ParallelPair({ makeLane(firstPool) }, { makeLane(StringPool()) })
    // The second lane's strings and companies, renumbered into the first's.
    var pool = lanes.first.strings
    let translation = (0..<lanes.second.strings.count).map {
      pool.intern(lanes.second.strings.string(StringID(raw: UInt32($0)))).raw
    }
    session.strings = pool
    session.companies = lanes.first.companies
    var companyMap: [Int32] = []
    for name in lanes.second.companies {
      if let index = session.companies.firstIndex(of: name) {
        companyMap.append(Int32(index))
      } else {
        session.companies.append(name)
        companyMap.append(Int32(session.companies.count - 1))
      }
    }
    var results = lanes.first.results
    for result in lanes.second.results {
      result.builder.renumber(strings: translation, companies: companyMap)
      results.append(result)
    }
    for result in results { result.builder.finishRows() }
    // Each file's header must carry the table's required fields (§3): checked per file, since
    // one file without a column would give its rows defaults the other files do not.
    var pending: [PendingProblem] = []
    for result in results where pieces[result.piece].index == 0 && result.builder.sawHeader {
      let piece = pieces[result.piece]
      let missing = piece.table.required.filter { !result.builder.seenFields.contains($0) }
      if !missing.isEmpty {
        let names: [String] = missing.map { id in "\(id) \(piece.table.field(id)?.name ?? "")" }
        let fields = (missing.count == 1 ? "field " : "fields ") + names.joined(separator: ", ")
        let message = "the header has no column for the required " + fields + " of " + piece.table.name
        pending.append(
          PendingProblem(file: piece.file, piece: piece.id, line: 0, place: "", message: message))
      }
    }
    results.sort {
      (pieces[$0.piece].job, pieces[$0.piece].index) < (pieces[$1.piece].job, pieces[$1.piece].index)
    }
    // Lines of a piece count from its own start (after the header it was given): each piece
    // moves by the lines of the pieces of its file before it.
    var lineOffset: [Int: Int64] = [:]
    var offsetOfPiece: [Int: Int64] = [:]
    for result in results {
      let job = pieces[result.piece].job
      offsetOfPiece[result.piece] = lineOffset[job, default: 0]
      lineOffset[job, default: 0] += result.lines
    }
    var byTable: [Int: [PieceResult]] = [:]
    for result in results { byTable[pieces[result.piece].table.id, default: []].append(result) }
    for (id, parts) in byTable {
      session.setBuilder(
        TableBuilder.joined(parts.map(\.builder), lineOffsets: parts.map { offsetOfPiece[$0.piece] ?? 0 }),
        for: id)
    }
    var problems = pending + lanes.first.problems + lanes.second.problems
    problems.sort { ($0.file, $0.piece, $0.line) < ($1.file, $1.piece, $1.line) }
    for problem in problems {
      let line = problem.line + (offsetOfPiece[problem.piece] ?? 0)
      let place = problem.line > 0 ? "line \(line)" + problem.place : problem.place
      session.problems.add(
        ImportProblem(file: session.files[Int(problem.file)], place: place, message: problem.message))
    }
    let dropped = pending.count + lanes.first.problemCount + lanes.second.problemCount - problems.count
    session.problems.addUncounted(max(0, dropped))
  }

  /// A part of a CSV file: bytes `range` (nil: the whole file); a piece after the first is
  /// given the file's header line, which it starts with.
  struct Piece {
    /// Its place in the list of all pieces: files in order, then pieces in order.
    var id: Int
    var job: Int
    var index: Int
    var path: String
    var table: BCTable
    var file: Int32
    var range: Range<Int>?
    var header: [UInt8]?
    var bytes: Int { range?.count ?? Int.max / 2 }
  }

  struct PieceResult {
    var piece: Int
    var builder: TableBuilder
    /// Lines after the header line.
    var lines: Int64
  }

  /// Hands out piece indices to the reading threads.
  final class PieceQueue: @unchecked Sendable {
    private let order: [Int]
    private var taken = 0
    private let lock = NSLock()
    init(_ order: [Int]) { self.order = order }
    func next() -> Int? {
      lock.lock()
      defer { lock.unlock() }
      guard taken < order.count else { return nil }
      taken += 1
      return order[taken - 1]
    }
  }

  /// The pieces of a file: one unless it is a large UTF-8 bc2adls file, then cut after line ends
  /// about `pieceBytes` apart.
  static func cut(_ path: String, bytes: Int, pieceBytes: Int) -> [(range: Range<Int>?, header: [UInt8]?)] {
    guard bytes >= 2 * pieceBytes, let source = try? FileSource(path: path) else { return [(nil, nil)] }
    var head: [UInt8] = []
    while head.count < 1 << 16, let count = try? source.read(into: &head, maximum: 1 << 16), count > 0 {}
    // A file with a BOM is read in one piece (its pieces would need the BOM handled twice).
    if head.starts(with: [0xEF, 0xBB, 0xBF]) { return [(nil, nil)] }
    let (encoding, _) = TextEncoding.sniff(Array(head.prefix(4)))
    guard encoding == .utf8, let newline = head.firstIndex(of: 10) else { return [(nil, nil)] }
    let headerText = String(decoding: head[..<newline], as: UTF8.self)
    guard case .bc2adls = dialect(ofHeader: headerText) else { return [(nil, nil)] }
    let header = Array(head[...newline])
    var cuts = [0]
    let count = bytes / pieceBytes
    for part in 1..<count {
      // The first line end at or after the even cut point.
      guard let window = try? FileSource(path: path, offset: part * bytes / count, length: 1 << 20) else {
        break
      }
      var bytesRead: [UInt8] = []
      _ = try? window.read(into: &bytesRead, maximum: 1 << 20)
      guard let end = bytesRead.firstIndex(of: 10) else { continue }
      let cut = part * bytes / count + end + 1
      if let last = cuts.last, cut > last, cut < bytes { cuts.append(cut) }
    }
    cuts.append(bytes)
    return zip(cuts, cuts.dropFirst()).enumerated().map { index, bounds in
      (bounds.0..<bounds.1, index == 0 ? nil : header)
    }
  }

  /// What one reading thread owns: its string pool, the companies it met, its builders and
  /// problems (with lines counted in their piece).
  struct ReadLane: @unchecked Sendable {
    var strings: StringPool
    var companies: [String] = []
    var results: [PieceResult] = []
    var problems: [PendingProblem] = []
    var problemCount = 0

    init(strings: StringPool) { self.strings = strings }

    /// Problems kept per piece: the first of each, so the ones reported (the first 50 in file
    /// and line order) do not depend on which thread read what.
    private var keptOfPiece: [Int: Int] = [:]

    mutating func problem(_ file: Int32, piece: Int, line: Int64, _ place: String, _ message: String) {
      problemCount += 1
      let kept = keptOfPiece[piece, default: 0]
      if kept < ProblemList.limit {
        keptOfPiece[piece] = kept + 1
        problems.append(PendingProblem(file: file, piece: piece, line: line, place: place, message: message))
      }
    }
  }

  /// A problem whose line is still counted from its piece's start (0: no line).
  struct PendingProblem {
    var file: Int32
    var piece: Int
    var line: Int64
    var place: String
    var message: String
  }

  /// §8.1: the table of a file, and the company its name gives (SQL exports).
  static func table(ofFile relative: String, session: ImportSession) -> (BCTable, String?)? {
    let components = relative.split(separator: "/").map(String.init)
    let name = (components.last.map { ($0 as NSString).deletingPathExtension } ?? "")
    let folderName = components.count > 1 ? components[components.count - 2] : ""
    // 1. SQL: [<schema>.]<company>$<table>[$<app ID>]
    let parts = name.split(separator: "$", omittingEmptySubsequences: false).map(String.init)
    if parts.count >= 2, let table = BCNames.table(named: parts[1]) {
      var company = parts[0]
      if let dot = company.lastIndex(of: ".") { company = String(company[company.index(after: dot)...]) }
      if parts.count >= 3, parts[2].lowercased() != BCTable.baseAppID {
        session.warn("an extension's companion table (app \(parts[2])) is ignored", file: relative)
        return nil
      }
      return (table, company)
    }
    // 2. bc2adls entity as the file name; 3. as the folder name.
    for candidate in [name, folderName] {
      if let id = entityID(candidate), let table = BCTable.with(id: id) { return (table, nil) }
    }
    // 4. The table's name alone.
    for candidate in [name, folderName] where !candidate.isEmpty {
      if let table = BCNames.table(named: candidate) { return (table, nil) }
    }
    let label = entityID(name) != nil ? name : (entityID(folderName) != nil ? folderName : name)
    session.ignoredTables.insert(label)
    return nil
  }

  /// The table ID of a bc2adls entity name (`ValueEntry-5802`).
  static func entityID(_ name: String) -> Int? {
    guard let dash = name.lastIndex(of: "-") else { return nil }
    let head = name[..<dash], tail = name[name.index(after: dash)...]
    guard !head.isEmpty, !tail.isEmpty, tail.allSatisfy({ $0.isASCII && $0.isNumber }),
      head.unicodeScalars.allSatisfy({
        $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "%")
      })
    else { return nil }
    return Int(tail)
  }

  // MARK: One file

  enum Dialect { case bc2adls, sql(separator: UInt8) }

  /// Reads one piece into `builder`; returns its lines after the header.
  func readPiece(_ piece: Piece, builder: TableBuilder, lane: inout ReadLane) -> Int64 {
    do throws(ByteStreamError) {
      return try readRows(piece, builder: builder, lane: &lane)
    } catch {
      lane.problem(piece.file, piece: piece.id, line: 0, "", error.message)
      return 0
    }
  }

  func readRows(_ piece: Piece, builder made: TableBuilder, lane: inout ReadLane) throws(ByteStreamError)
    -> Int64
  {
    let path = piece.path, table = piece.table, file = piece.file
    let base = try FileSource(
      path: path, offset: piece.range?.lowerBound ?? 0, length: piece.range?.count, progress: session.progress
    )
    var source = try DecodedSource(PrefixedSource(prefix: piece.header ?? [], base: base))
    var buffer: [UInt8] = []
    var parser = CSVParser()
    var builder: TableBuilder?
    var roles: [ColumnRole] = []
    var headers: [String] = []
    var line: Int64 = 1
    var fields: [CSVField] = []
    var atEnd = false
    var decimalComma = false
    // After the first rows, the file's size tells about how many rows it holds: the builder
    // makes room once instead of growing again and again (UTF-8 files; UTF-16 doubles bytes).
    let fileBytes = source.encoding == .utf8 ? piece.range?.count ?? Self.size(of: path) : 0
    var consumed = 0
    var rowsInFile = 0
    while !atEnd {
      if try source.read(into: &buffer, maximum: 4 << 20) == 0 { atEnd = true }
      buffer.withUnsafeBufferPointer { bytes in
        while true {
          guard let current = builder else {
            // The header: its dialect, then each cell's meaning.
            guard let end = CSVParser.lineEnd(bytes, from: parser.position, atEnd: atEnd) else { return }
            let headerText = String(
              decoding: UnsafeBufferPointer(rebasing: bytes[parser.position..<end]), as: UTF8.self)
            parser.dialect = Self.dialect(ofHeader: headerText)
            if case .sql(let separator) = parser.dialect, separator != UInt8(ascii: ",") {
              decimalComma = true
            }
            guard let header = parser.record(bytes, atEnd: atEnd, fields: &fields) else { return }
            headers = fields.map { field in
              field.inScratch
                ? String(decoding: parser.scratch[field.start..<field.end], as: UTF8.self)
                : String(
                  decoding: UnsafeBufferPointer(rebasing: bytes[field.start..<field.end]), as: UTF8.self)
            }
            roles = Self.roles(headers, table: table, builder: made, dialect: parser.dialect)
            made.sawHeader = true
            builder = made
            line += Int64(header.lines)
            continue
          }
          guard let record = parser.record(bytes, atEnd: atEnd, fields: &fields) else { return }
          defer { line += Int64(record.lines) }
          // An empty line, or one of separators only (a spreadsheet's re-save).
          if fields.allSatisfy({ $0.start == $0.end }) && !parser.malformed { continue }
          rowsInFile += 1
          if rowsInFile % 2048 == 0 && fileBytes > 0 {
            let perRow = max(1, (consumed + parser.position) / rowsInFile)
            let remaining = max(0, fileBytes - consumed - parser.position) / perRow
            current.expectedRows = current.rowCount + remaining + remaining / 32 + 64
          }
          if parser.malformed {
            lane.problem(
              file, piece: piece.id, line: line, "",
              "a quoted field without its closing quote on the line, or text after a closing quote")
          }
          if fields.count > headers.count && fields[headers.count...].contains(where: { $0.start != $0.end })
          {
            lane.problem(
              file, piece: piece.id, line: line, "", "\(fields.count) fields, the header has \(headers.count)"
            )
          }
          current.beginRow(RowOrigin(file: file, line: line), strings: &lane.strings)
          parser.scratch.withUnsafeBufferPointer { unescaped in
            for (column, role) in roles.enumerated() {
              if case .ignored = role { continue }
              let field =
                column < fields.count ? fields[column] : CSVField(start: 0, end: 0, inScratch: false)
              let values = field.inScratch ? unescaped : bytes
              do throws(ImportValueError) {
                switch role {
                case .field(let binding):
                  try current.set(
                    binding, values, field.start, field.end, strings: &lane.strings,
                    decimalComma: decimalComma)
                case .ignored: break
                default: try current.setMeta(role, values, field.start, field.end, companies: &lane.companies)
                }
              } catch {
                lane.problem(file, piece: piece.id, line: line, ", column \(headers[column])", error.text)
              }
            }
          }
        }
      }
      consumed += parser.position
      buffer.removeFirst(parser.position)
      parser.position = 0
    }
    if builder == nil { lane.problem(file, piece: piece.id, line: 0, "", "the file has no header line") }
    return line - 2
  }

  static func size(of path: String) -> Int {
    ((try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? NSNumber)?.intValue ?? 0
  }

  /// §8.2: bc2adls when a header cell ends in `-<digits>` or names a bc2adls system column;
  /// else SQL, with the separator that occurs most often in the header.
  static func dialect(ofHeader header: String) -> Dialect {
    let commaCells = header.split(separator: ",").map {
      $0.trimmingCharacters(in: CharacterSet(charactersIn: " \"\r"))
    }
    if commaCells.contains(where: {
      $0 == "$Company" || $0 == "timestamp-0" || $0 == "systemId-2000000000" || entityLikeColumn($0)
    }) {
      return .bc2adls
    }
    var counts: [UInt8: Int] = [:]
    var quoted = false
    for byte in header.utf8 {
      if byte == UInt8(ascii: "\"") { quoted.toggle() }
      if !quoted && [UInt8(ascii: ","), UInt8(ascii: ";"), 9, UInt8(ascii: "|")].contains(byte) {
        counts[byte, default: 0] += 1
      }
    }
    let separator =
      counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key
      ?? UInt8(ascii: ",")
    return .sql(separator: separator)
  }

  static func entityLikeColumn(_ cell: String) -> Bool {
    guard let dash = cell.lastIndex(of: "-") else { return false }
    let tail = cell[cell.index(after: dash)...]
    return !tail.isEmpty && tail.allSatisfy({ $0.isASCII && $0.isNumber }) && dash != cell.startIndex
  }

  /// What each header cell stands for.
  static func roles(_ headers: [String], table: BCTable, builder: TableBuilder, dialect: Dialect)
    -> [ColumnRole]
  {
    headers.map { header in
      let cell = header.trimmingCharacters(in: .whitespaces)
      let bare = cell.hasPrefix("[") && cell.hasSuffix("]") ? String(cell.dropFirst().dropLast()) : cell
      switch dialect {
      case .bc2adls:
        switch bare {
        case "timestamp-0", "timestamp": return .timestamp
        case "systemId-2000000000", "systemId", "$systemId": return .systemID
        case "SystemCreatedAt-2000000001", "SystemCreatedAt": return .systemCreatedAt
        case "$Company": return .company
        case "$ClosingDate":
          builder.sawClosingColumn = true
          return .closingDate
        case "__rowMarker__": return .rowMarker
        default: break
        }
        // The other system columns (SystemCreatedBy, SystemModifiedAt, …: field IDs from
        // 2000000000) and metadata columns; not "System-Created Entry" (SystemCreatedEntry-29).
        let systemNames: Set<String> = ["SystemCreatedBy", "SystemModifiedAt", "SystemModifiedBy"]
        if bare.hasPrefix("$") || systemNames.contains(bare) || bare.hasSuffix("-2000000002")
          || bare.hasSuffix("-2000000003") || bare.hasSuffix("-2000000004")
        {
          return .ignored
        }
      case .sql:
        switch bare {
        case "$systemCreatedAt": return table.id == BCTable.glRegister.id ? .creationDate : .ignored
        default: break
        }
        if bare == "timestamp" || bare.hasPrefix("$system") { return .ignored }
      }
      let style: BCNames.Style
      if case .bc2adls = dialect { style = .bc2adls } else { style = .sql }
      guard let field = BCNames.field(in: table, named: bare, style: style),
        let binding = builder.binding(of: field.id)
      else {
        builder.ignoredColumns.insert(bare)
        return .ignored
      }
      builder.seenFields.insert(field.id)
      return .field(binding)
    }
  }
}

extension ByteStreamError {
  init(_ message: String) { self.message = message }
}

/// One field of a record: a range of the input, or of the parser's scratch when it had escapes
/// to resolve.
struct CSVField {
  var start: Int
  var end: Int
  var inScratch: Bool
}

/// Splits CSV text into records, chunk by chunk: a record that runs past the end of the buffer
/// waits for the next chunk. Fields are ranges of the input where they can be; only quoted
/// fields with escapes are copied (unescaped) into `scratch`.
struct CSVParser {
  var position = 0
  var dialect = CSVFolderReader.Dialect.bc2adls
  var scratch: [UInt8] = []
  /// The last record had a bc2adls quoted field without its closing quote on the line, or text
  /// after a closing quote: the reader refuses it rather than guess.
  private(set) var malformed = false

  /// The end of the line starting at `start` (before CR LF), or nil when it is not complete yet.
  static func lineEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, atEnd: Bool) -> Int? {
    var index = start
    while index < bytes.count && bytes[index] != 10 { index += 1 }
    if index == bytes.count && !atEnd { return nil }
    if index == start && index == bytes.count { return nil }
    return index > start && bytes[index - 1] == 13 ? index - 1 : index
  }

  /// The next record's fields and the number of lines it spans; nil when more input is needed
  /// (or none is left).
  mutating func record(_ bytes: UnsafeBufferPointer<UInt8>, atEnd: Bool, fields: inout [CSVField]) -> (
    lines: Int, Void
  )? {
    scratch.removeAll(keepingCapacity: true)
    fields.removeAll(keepingCapacity: true)
    malformed = false
    let count = bytes.count
    var index = position
    guard index < count else { return nil }
    var lines = 1
    let separator: UInt8
    let backslash: Bool
    switch dialect {
    case .bc2adls:
      separator = UInt8(ascii: ",")
      backslash = true
    case .sql(let chosen):
      separator = chosen
      backslash = false
    }
    let quote = UInt8(ascii: "\""), escape = UInt8(ascii: "\\")
    while true {
      if index < count && bytes[index] == quote {
        // Quoted: up to the closing quote; escapes send the value to the scratch.
        var j = index + 1
        var copied = false
        var copyStart = 0
        while true {
          guard j < count else {
            if !atEnd { return nil }
            break
          }
          let byte = bytes[j]
          if byte == quote {
            if j + 1 < count && bytes[j + 1] == quote {
              if !copied {
                copyStart = scratch.count
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[(index + 1)..<j]))
                copied = true
              }
              scratch.append(quote)
              j += 2
              continue
            }
            if j + 1 == count && !atEnd { return nil }  // a doubled quote may follow
            break
          }
          if backslash && byte == escape {
            guard j + 1 < count else {
              if !atEnd { return nil }
              j += 1
              continue
            }
            if !copied {
              copyStart = scratch.count
              scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[(index + 1)..<j]))
              copied = true
            }
            scratch.append(bytes[j + 1])
            j += 2
            continue
          }
          if byte == 10 {
            // bc2adls writes CR and LF inside text as spaces: its quoted fields end on their line.
            if backslash { break }
            lines += 1
          }
          if copied { scratch.append(byte) }
          j += 1
        }
        if backslash && j < count && bytes[j] == 10 {
          // No closing quote on the line: the record ends here, and is refused.
          malformed = true
          let end = j > index + 1 && bytes[j - 1] == 13 ? j - 1 : j
          fields.append(
            copied
              ? CSVField(start: copyStart, end: scratch.count, inScratch: true)
              : CSVField(start: index + 1, end: end, inScratch: false))
          index = j + 1
          break
        }
        let field =
          copied
          ? CSVField(start: copyStart, end: scratch.count, inScratch: true)
          : CSVField(start: index + 1, end: min(j, count), inScratch: false)
        // Past the closing quote, up to the separator or the line end; text there is refused.
        index = j + 1
        while index < count && bytes[index] != separator && bytes[index] != 10 {
          if bytes[index] != 32 && bytes[index] != 13 { malformed = true }
          index += 1
        }
        if index >= count {
          if !atEnd { return nil }
          fields.append(field)
          break
        }
        fields.append(field)
        if bytes[index] == separator {
          index += 1
          continue
        }
        index += 1  // the line feed
        break
      }
      // Unquoted: up to the separator or the line end.
      let start = index
      while index < count && bytes[index] != separator && bytes[index] != 10 { index += 1 }
      if index >= count {
        if !atEnd { return nil }
        fields.append(
          CSVField(
            start: start, end: index > start && bytes[index - 1] == 13 ? index - 1 : index, inScratch: false))
        break
      }
      if bytes[index] == separator {
        fields.append(CSVField(start: start, end: index, inScratch: false))
        index += 1
        continue
      }
      fields.append(
        CSVField(
          start: start, end: index > start && bytes[index - 1] == 13 ? index - 1 : index, inScratch: false))
      index += 1
      break
    }
    position = index
    return (lines, ())
  }
}
