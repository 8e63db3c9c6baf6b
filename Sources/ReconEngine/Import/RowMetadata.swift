/// Where rows came from, compactly (millions of rows are read): the line (CSV) or record number
/// (RapidStart) of each row, and the file of each run of rows read from one file.
struct RowOrigins: Sendable {
  private(set) var lines: [UInt32] = []
  /// (first row, file), in row order.
  private var fileRuns: [(row: Int, file: Int32)] = []

  var count: Int { lines.count }

  /// The files the rows came from.
  var files: Set<Int32> { Set(fileRuns.map(\.file)) }

  mutating func append(_ origin: RowOrigin) {
    if fileRuns.last?.file != origin.file { fileRuns.append((lines.count, origin.file)) }
    lines.append(UInt32(clamping: origin.line))
  }

  mutating func removeLast() {
    lines.removeLast()
    if let last = fileRuns.last, last.row >= lines.count { fileRuns.removeLast() }
  }

  mutating func reserve(_ rows: Int) { lines.reserveCapacity(rows) }

  /// The origins of several builders of one table, in order; `lineOffsets` moves each part's
  /// lines (a piece of a file counts its lines from its own start).
  static func joined(_ parts: [RowOrigins], lineOffsets: [Int64]) -> RowOrigins {
    var result = RowOrigins()
    result.lines.reserveCapacity(parts.reduce(0) { $0 + $1.count })
    for (part, offset) in zip(parts, lineOffsets) {
      for run in part.fileRuns where result.fileRuns.last?.file != run.file {
        result.fileRuns.append((result.lines.count + run.row, run.file))
      }
      if offset == 0 {
        result.lines += part.lines
      } else {
        result.lines += part.lines.map { UInt32(clamping: Int64($0) + offset) }
      }
    }
    return result
  }
  mutating func shrinkToFit() { lines = Array(lines[...]) }

  subscript(row: Int) -> RowOrigin {
    // The last run starting at or before `row`.
    var low = 0, high = fileRuns.count - 1
    while low < high {
      let middle = (low + high + 1) / 2
      if fileRuns[middle].row <= row { low = middle } else { high = middle - 1 }
    }
    return RowOrigin(file: fileRuns.isEmpty ? 0 : fileRuns[low].file, line: Int64(lines[row]))
  }
}

/// bc2adls versions (§8.3), column by column and only once an input carries them: SQL exports and
/// packages have none, and a million rows should not pay for them.
struct RowVersions: Sendable {
  private(set) var active = false
  private var timestamps: [Int64] = []
  private var idHigh: [UInt64] = []
  private var idLow: [UInt64] = []
  private var companies: [Int32] = []
  private var deletions: [Bool] = []

  /// Starts keeping versions, the rows so far with none.
  mutating func activate(rows: Int) {
    guard !active else { return }
    active = true
    timestamps = Array(repeating: Int64.min, count: rows)
    idHigh = Array(repeating: 0, count: rows)
    idLow = Array(repeating: 0, count: rows)
    companies = Array(repeating: -1, count: rows)
    deletions = Array(repeating: false, count: rows)
  }

  mutating func reserve(_ rows: Int) {
    guard active else { return }
    timestamps.reserveCapacity(rows)
    idHigh.reserveCapacity(rows)
    idLow.reserveCapacity(rows)
    companies.reserveCapacity(rows)
    deletions.reserveCapacity(rows)
  }

  mutating func appendRow() {
    guard active else { return }
    timestamps.append(Int64.min)
    idHigh.append(0)
    idLow.append(0)
    companies.append(-1)
    deletions.append(false)
  }

  mutating func removeLast() {
    guard active else { return }
    timestamps.removeLast()
    idHigh.removeLast()
    idLow.removeLast()
    companies.removeLast()
    deletions.removeLast()
  }

  subscript(row: Int) -> RowVersion {
    guard active else { return RowVersion() }
    let id = idHigh[row] == 0 && idLow[row] == 0 ? nil : (idHigh[row], idLow[row])
    return RowVersion(
      timestamp: timestamps[row], systemID: id, company: companies[row], deleted: deletions[row])
  }

  mutating func setTimestamp(_ row: Int, _ value: Int64) { timestamps[row] = value }
  mutating func setSystemID(_ row: Int, _ id: (UInt64, UInt64)?) {
    idHigh[row] = id?.0 ?? 0
    idLow[row] = id?.1 ?? 0
  }
  mutating func setCompany(_ row: Int, _ company: Int32) { companies[row] = company }
  mutating func setDeleted(_ row: Int) { deletions[row] = true }

  /// Several builders' versions, in order (`counts`: each part's rows); each part's columns are
  /// let go as soon as they are copied.
  static func joined(_ parts: inout [RowVersions], counts: [Int]) -> RowVersions {
    var result = RowVersions()
    guard parts.contains(where: \.active) else { return result }
    result.active = true
    for index in parts.indices { parts[index].activate(rows: counts[index]) }
    func join<T>(_ path: WritableKeyPath<RowVersions, [T]>) -> [T] {
      var column: [T] = []
      column.reserveCapacity(counts.reduce(0, +))
      for index in parts.indices {
        column += parts[index][keyPath: path]
        parts[index][keyPath: path] = []
      }
      return column
    }
    result.timestamps = join(\.timestamps)
    result.idHigh = join(\.idHigh)
    result.idLow = join(\.idLow)
    result.companies = join(\.companies)
    result.deletions = join(\.deletions)
    return result
  }

  /// Companies renumbered after the reading threads' lists were merged.
  mutating func renumberCompanies(_ map: [Int32]) {
    for row in companies.indices where companies[row] >= 0 { companies[row] = map[Int(companies[row])] }
  }
}
