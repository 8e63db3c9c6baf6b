import Foundation

/// A RapidStart configuration package (bc-import.md §7): GZip or plain XML, UTF-16 or UTF-8,
/// read as a stream — inflated, transcoded and tokenized chunk by chunk — straight into the
/// tables' builders.
struct RapidStartReader {
  let path: String
  let session: ImportSession

  func read() throws(ImportError) {
    // Messages name the file as the user gave it.
    let file = session.addFile(path)
    do throws(ByteStreamError) {
      let source = try FileSource(path: path, progress: session.progress)
      var head: [UInt8] = []
      while head.count < 4, try source.read(into: &head, maximum: 4 - head.count) > 0 {}
      if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
        throw ByteStreamError("an Excel workbook, not a configuration package (use Export Package)")
      }
      guard !head.isEmpty else { throw ByteStreamError("the file is empty") }
      let raw = PrefixedSource(prefix: head, base: source)
      let decoded: DecodedSource
      if head.starts(with: [0x1F, 0x8B]) {
        decoded = try DecodedSource(GzipSource(raw))
      } else {
        decoded = try DecodedSource(raw)
      }
      let text = PipelinedSource(decoded)
      defer { text.stop() }
      var parser = XMLPackageParser(session: session, file: file)
      var buffer: [UInt8] = []
      var atEnd = false
      while !atEnd {
        if try text.read(into: &buffer, maximum: 4 << 20) == 0 { atEnd = true }
        let consumed = try buffer.withUnsafeBufferPointer { bytes throws(ByteStreamError) in
          try parser.parse(bytes, atEnd: atEnd)
        }
        buffer.removeFirst(consumed)
        if session.problems.total >= ProblemList.limit { break }
      }
      try parser.finish()
    } catch {
      session.problem(file, "", error.message)
    }
  }
}

/// The package XML as tokens: tags, text and entities, with line and column for syntax errors,
/// and the package structure on top (DataList → tables → records → fields).
struct XMLPackageParser {
  let session: ImportSession
  let file: Int32
  /// Lines before the current buffer; the position in it is worked out only for a message.
  private var line = 1
  private var lineStart = 0  // offset in the stream where the current line starts
  private var streamOffset = 0  // bytes consumed before the current buffer
  private var chunk: UnsafeBufferPointer<UInt8>?
  private var depth = 0
  private var names: [[UInt8]] = []
  private var text: [UInt8] = []

  // The structure.
  private var sawRoot = false
  private var table: BCTable?
  private var tableElement = ""
  private var tableIDExpected = false
  private var builder: TableBuilder?
  private var cache = ElementCache()
  private var inRecord = false
  private var recordNumber = 0
  private var recordHasValue = false
  private var recordKey = ""
  private var fieldRole: ColumnRole = .ignored

  init(session: ImportSession, file: Int32) {
    self.session = session
    self.file = file
  }

  /// `line L, column C` of the byte at `index` of the current buffer.
  private func place(_ index: Int) -> String {
    var line = self.line, lineStart = self.lineStart
    if let chunk {
      for i in 0..<min(index, chunk.count) where chunk[i] == 10 {
        line += 1
        lineStart = streamOffset + i + 1
      }
    }
    return "line \(line), column \(streamOffset + index - lineStart + 1)"
  }

  /// Parses the complete tokens in `bytes` and returns how many bytes were used; the rest waits
  /// for more input (unless `atEnd`).
  mutating func parse(_ bytes: UnsafeBufferPointer<UInt8>, atEnd: Bool) throws(ByteStreamError) -> Int {
    var index = 0
    let count = bytes.count
    chunk = bytes
    defer { chunk = nil }
    while index < count {
      if bytes[index] != UInt8(ascii: "<") {
        // Text up to the next tag.
        var end = index
        while end < count && bytes[end] != UInt8(ascii: "<") { end += 1 }
        if end == count && !atEnd { break }
        try takeText(bytes, index, end)
        index = end
        continue
      }
      // A tag: find its end, minding quoted attribute values, comments, CDATA and PIs.
      guard let end = Self.tagEnd(bytes, index) else {
        if atEnd { throw ByteStreamError("\(place(index)): the XML ends inside a tag") }
        break
      }
      tagStart = index
      try takeTag(bytes, index, end)
      index = end
    }
    countLines(bytes, 0, index)
    streamOffset += index
    return index
  }

  mutating func finish() throws(ByteStreamError) {
    if !sawRoot { throw ByteStreamError("the file holds no XML element") }
    if depth > 0 {
      throw ByteStreamError(
        "line \(line): the XML ends before </\(String(decoding: names[0], as: UTF8.self))>")
    }
  }

  private mutating func countLines(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) {
    for i in start..<end where bytes[i] == 10 {
      line += 1
      lineStart = streamOffset + i + 1
    }
  }

  /// The offset just past the token starting with `<` at `start`, or nil if it is incomplete.
  static func tagEnd(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int? {
    let count = bytes.count
    func startsWith(_ text: StaticString) -> Bool {
      let length = text.utf8CodeUnitCount
      guard start + length <= count else { return false }
      return (0..<length).allSatisfy { bytes[start + $0] == text.utf8Start[$0] }
    }
    func find(_ terminator: StaticString, from: Int) -> Int? {
      let length = terminator.utf8CodeUnitCount
      var i = from
      while i + length <= count {
        if (0..<length).allSatisfy({ bytes[i + $0] == terminator.utf8Start[$0] }) { return i + length }
        i += 1
      }
      return nil
    }
    if startsWith("<!--") { return find("-->", from: start + 4) }
    if startsWith("<![CDATA[") { return find("]]>", from: start + 9) }
    if startsWith("<?") { return find("?>", from: start + 2) }
    var quote: UInt8 = 0
    var i = start + 1
    while i < count {
      let byte = bytes[i]
      if quote != 0 {
        if byte == quote { quote = 0 }
      } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
        quote = byte
      } else if byte == UInt8(ascii: ">") {
        return i + 1
      }
      i += 1
    }
    return nil
  }

  private mutating func takeText(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int)
    throws(ByteStreamError)
  {
    guard depth > 0 else {
      for i in start..<end where ![32, 9, 10, 13].contains(bytes[i]) {
        throw ByteStreamError("\(place(i)): text outside the root element")
      }
      return
    }
    // Only field values and the table ID are kept.
    guard inRecord && depth == 4 || tableIDExpected && depth == 3 else { return }
    var i = start
    while i < end {
      // A run without entities at once.
      var run = i
      while run < end && bytes[run] != UInt8(ascii: "&") { run += 1 }
      if run > i {
        text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<run]))
        i = run
        continue
      }
      if bytes[i] == UInt8(ascii: "&") {
        guard let semicolon = (i..<min(end, i + 12)).first(where: { bytes[$0] == UInt8(ascii: ";") }) else {
          throw ByteStreamError("\(place(i)): an & that starts no entity")
        }
        let entity = String(
          decoding: UnsafeBufferPointer(rebasing: bytes[(i + 1)..<semicolon]), as: UTF8.self)
        guard let scalar = Self.entity(entity) else {
          throw ByteStreamError("\(place(i)): unknown entity &\(entity);")
        }
        text.append(contentsOf: Array(String(scalar).utf8))
        i = semicolon + 1
      }
    }
  }

  static func entity(_ name: String) -> Unicode.Scalar? {
    switch name {
    case "amp": return "&"
    case "lt": return "<"
    case "gt": return ">"
    case "quot": return "\""
    case "apos": return "'"
    default:
      if name.hasPrefix("#x") || name.hasPrefix("#X") {
        return UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
      }
      if name.hasPrefix("#") { return UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init) }
      return nil
    }
  }

  private mutating func takeTag(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int)
    throws(ByteStreamError)
  {
    let second = bytes[start + 1]
    if second == UInt8(ascii: "?") || second == UInt8(ascii: "!") {
      // Comments, the declaration, DOCTYPE: nothing; CDATA: text.
      if end - start > 12 && bytes[start + 2] == UInt8(ascii: "[") {
        if inRecord && depth == 4 || tableIDExpected && depth == 3 {
          text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[(start + 9)..<(end - 3)]))
        }
      }
      return
    }
    let closing = second == UInt8(ascii: "/")
    var nameStart = start + (closing ? 2 : 1)
    var nameEnd = nameStart
    while nameEnd < end - 1, !Self.isNameEnd(bytes[nameEnd]) { nameEnd += 1 }
    if nameEnd == nameStart { throw ByteStreamError("\(place(start)): a tag without a name") }
    let selfClosing = !closing && bytes[end - 2] == UInt8(ascii: "/")
    if closing {
      guard depth > 0 else { throw ByteStreamError("\(place(start)): a closing tag without an open element") }
      let expected = names[depth - 1]
      guard expected.count == nameEnd - nameStart,
        expected.indices.allSatisfy({ expected[$0] == bytes[nameStart + $0] })
      else {
        throw ByteStreamError(
          "\(place(start)): </\(String(decoding: UnsafeBufferPointer(rebasing: bytes[nameStart..<nameEnd]), as: UTF8.self))> does not close <\(String(decoding: expected, as: UTF8.self))>"
        )
      }
      try closeElement()
      depth -= 1
      return
    }
    if depth == 0 && sawRoot { throw ByteStreamError("\(place(start)): a second root element") }
    if depth >= names.count { names.append([]) }
    names[depth].removeAll(keepingCapacity: true)
    names[depth].append(contentsOf: UnsafeBufferPointer(rebasing: bytes[nameStart..<nameEnd]))
    depth += 1
    nameStart = 0
    try openElement()
    if selfClosing {
      try closeElement()
      depth -= 1
    }
  }

  static func isNameEnd(_ byte: UInt8) -> Bool {
    byte == 32 || byte == 9 || byte == 10 || byte == 13 || byte == UInt8(ascii: "/")
      || byte == UInt8(ascii: ">")
  }

  private var currentName: String { String(decoding: names[depth - 1], as: UTF8.self) }

  /// Where the tag being handled starts, for messages.
  private var tagStart = 0
  private var where_: String { place(tagStart) }
  private static let tableIDName = Array("TableID".utf8)
  private var isTableID: Bool { names[depth - 1] == Self.tableIDName }

  private mutating func openElement() throws(ByteStreamError) {
    switch depth {
    case 1:
      sawRoot = true
      guard currentName == "DataList" else {
        throw ByteStreamError(
          "\(where_): the root element is <\(currentName)>, not <DataList>: not a configuration package")
      }
    case 2:
      tableElement = currentName
      table = nil
      builder = nil
      tableIDExpected = true
      recordNumber = 0
    case 3:
      if tableIDExpected {
        // The table's first child must be its TableID.
        guard isTableID else {
          tableIDExpected = false
          return
        }
        text.removeAll(keepingCapacity: true)
        return
      }
      guard table != nil, builder != nil else { return }
      // A record, or a table attribute (text only): it is a record once a field opens inside.
      recordHasValue = false
      recordKey = ""
    case 4:
      guard let builder, table != nil else { return }
      if !inRecord {
        inRecord = true
        recordNumber += 1
        builder.beginRow(RowOrigin(file: file, line: Int64(recordNumber)), strings: &session.strings)
      }
      fieldRole = cache.role(names[depth - 1], builder: builder)
      text.removeAll(keepingCapacity: true)
    default: break
    }
  }

  private mutating func closeElement() throws(ByteStreamError) {
    switch depth {
    case 3:
      if tableIDExpected && isTableID {
        tableIDExpected = false
        let value = String(decoding: text, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        // A first child <TableID> without a number: not a table (§7.2), ignored and said so.
        guard let id = Int(value) else {
          session.ignoredTables.insert("\(tableElement) (<TableID> \"\(value.prefix(40))\")")
          return
        }
        if let known = BCTable.with(id: id) {
          table = known
          builder = session.builder(known)
        } else {
          session.ignoredTables.insert("\(tableElement) (table \(id))")
        }
        return
      }
      if inRecord, let builder {
        inRecord = false
        // BC exports an empty table as one record whose fields are all empty: skip it.
        if !recordHasValue { builder.discardRow() }
      }
    case 4:
      guard inRecord, let builder else { return }
      // A value of spaces, tabs, CR and LF only is empty (RemoveWhitespaceTextNodes).
      var empty = true
      for byte in text where ![32, 9, 10, 13].contains(byte) {
        empty = false
        break
      }
      if empty { text.removeAll(keepingCapacity: true) } else { recordHasValue = true }
      if recordKey.isEmpty, !empty, case .field(let binding) = fieldRole,
        builder.table.key.first == builder.bindings[binding].field.id
      {
        recordKey = String(decoding: text, as: UTF8.self)
      }
      let role = fieldRole
      var failure: ImportValueError?
      text.withUnsafeBufferPointer { values in
        do throws(ImportValueError) {
          switch role {
          case .field(let binding):
            try builder.set(binding, values, 0, values.count, strings: &session.strings)
          case .ignored: break
          default: try builder.setMeta(role, values, 0, values.count, companies: &session.companies)
          }
        } catch {
          failure = error
        }
      }
      if let failure {
        let keyName = builder.table.key.first.flatMap { builder.table.field($0)?.name } ?? "key"
        let record =
          "\(tableElement) record \(recordNumber)" + (recordKey.isEmpty ? "" : " (\(keyName) \(recordKey))")
        session.problem(file, "\(record), element \(currentName)", failure.text)
      }
    default: break
    }
  }
}

/// Element names of one table resolved to what they stand for, by their bytes, so a package of
/// millions of fields does not build a string per element.
struct ElementCache {
  private var entries: [UInt64: [(name: [UInt8], role: ColumnRole)]] = [:]
  private var table = -1

  mutating func role(_ name: [UInt8], builder: TableBuilder) -> ColumnRole {
    if table != builder.table.id {
      entries.removeAll()
      table = builder.table.id
    }
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in name { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    if let list = entries[hash], let hit = list.first(where: { $0.name == name }) { return hit.role }
    let text = String(decoding: name, as: UTF8.self)
    var role = ColumnRole.ignored
    if builder.table.id == BCTable.glRegister.id
      && (text == "SystemCreatedAt" || text == "Field_SystemCreatedAt")
    {
      role = .creationDate
    } else if let field = BCNames.field(in: builder.table, named: text, style: .rapidStart),
      let binding = builder.binding(of: field.id)
    {
      builder.seenFields.insert(field.id)
      role = .field(binding)
    } else {
      builder.ignoredColumns.insert(text)
    }
    entries[hash, default: []].append((name, role))
    return role
  }
}
