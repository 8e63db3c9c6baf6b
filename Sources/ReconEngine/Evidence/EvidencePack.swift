/// The files of an evidence pack an auditor hands over (issue 16): the matrix, the explanation,
/// the entries behind each reconciling item, the timeline, the four reports at the filter's end
/// date and a README that says in words what differs, why, since when and what to do. Each file
/// is exactly what the command line beside it prints; `reconbench evidence` writes them with a
/// manifest of their SHA-256, and `--verify` rebuilds them to compare.
public struct EvidencePack: Sendable {
  public struct File: Equatable, Sendable {
    /// The path inside the pack (`items/003-inventory-unposted-cost.csv`).
    public var name: String
    public var contents: String
    /// The `reconbench` arguments that print `contents` (nil for the README, which only
    /// `reconbench evidence` writes).
    public var arguments: [String]?
  }

  public let files: [File]

  /// `snapshotArgument`: how the commands name the snapshot (the path as the user gave it), nil
  /// for the bundled sample (the commands then name none).
  public init(
    _ ledger: Ledger, filters: ReconciliationFilters, snapshotArgument: String?, snapshotLabel: String
  )
    throws(ReconciliationError)
  {
    let decimals = ledger.amountDecimals
    let snapshot = snapshotArgument.map { [$0] } ?? []
    let filterArguments = EvidencePack.arguments(of: filters)
    let csv = ["--format", "csv"]
    var files: [File] = []

    let reconciliation = try Reconciliation(ledger, filters: filters)
    files.append(
      File(
        name: "matrix.csv", contents: reconciliation.matrixTable(decimals: decimals).csv,
        arguments: ["matrix"] + snapshot + filterArguments + csv))
    let explanation = try Explanation(ledger, filters: filters)
    files.append(
      File(
        name: "explain.csv", contents: explanation.table(ledger).csv,
        arguments: ["explain"] + snapshot + filterArguments + csv))
    var itemFiles: [String] = []
    for (index, item) in explanation.items.enumerated() {
      let number = String(index + 1)
      let padded = String(repeating: "0", count: max(0, 3 - number.count)) + number
      let name =
        "items/\(padded)-\(EvidencePack.slug(item.field.caption))-\(EvidencePack.slug(item.cause.rawValue)).csv"
      itemFiles.append(name)
      files.append(
        File(
          name: name, contents: explanation.entriesCSV(of: index, ledger),
          arguments: ["explain"] + snapshot + filterArguments + ["--entries", number] + csv))
    }
    let timeline = try Timeline(ledger, .init(dates: filters.dates))
    let dateArguments = filters.dates.isAll ? [] : ["--date", filters.dates.description]
    files.append(
      File(
        name: "timeline.csv", contents: timeline.table(decimals: decimals).csv,
        arguments: ["timeline"] + snapshot + dateArguments + csv))
    files.append(
      File(
        name: "first-dates.csv", contents: timeline.firstDatesTable(decimals: decimals).csv,
        arguments: ["timeline"] + snapshot + dateArguments + ["--first-dates"] + csv))

    // The four reports at the filter's end date (else the last value entry's), from its start.
    // Never a start after the end (a range past the last entry), never a closing-date start.
    let start = filters.dates.start?.normalDate
    let end = max(EvidencePack.endDate(ledger, filters), start ?? LedgerTable.noDate)
    let startArguments = start.map { ["--start", $0.text] } ?? []
    var itemLocation: [String] = []
    if let items = filters.items { itemLocation += ["--item", items.text] }
    if let locations = filters.locations { itemLocation += ["--location", locations.text] }
    files.append(
      File(
        name: "report-valuation.csv",
        contents: InventoryValuation(
          ledger, .init(start: start, end: end, items: filters.items, locations: filters.locations)
        ).table(ledger).csv,
        arguments: ["report", "valuation"] + snapshot + startArguments + ["--end", end.text] + itemLocation
          + csv))
    files.append(
      File(
        name: "report-wip.csv",
        contents: WIPValuation(ledger, .init(start: start, end: end)).table(ledger).csv,
        arguments: ["report", "wip"] + snapshot + startArguments + ["--end", end.text] + csv))
    files.append(
      File(
        name: "report-cost-spec.csv",
        contents: CostSpecification(
          ledger, .init(valuationDate: end, items: filters.items, locations: filters.locations)
        ).table(ledger).csv,
        arguments: ["report", "cost-spec"] + snapshot + ["--valuation-date", end.text] + itemLocation + csv))
    files.append(
      File(
        name: "report-cost-shares.csv",
        contents: CostShares(ledger, .init(start: start, end: end, mode: .sales)).table(ledger).csv,
        arguments: ["report", "cost-shares"] + snapshot + startArguments + ["--end", end.text] + csv))
    let readme = EvidenceSummary(
      ledger: ledger, filters: filters, snapshotLabel: snapshotLabel, reconciliation: reconciliation,
      explanation: explanation, timeline: timeline, itemFiles: itemFiles, end: end
    ).markdown
    files.insert(File(name: "README.md", contents: readme, arguments: nil), at: 0)
    self.files = files
  }

  /// The filter options of the matrix command for these filters.
  public static func arguments(of filters: ReconciliationFilters) -> [String] {
    var arguments: [String] = []
    if !filters.dates.isAll { arguments += ["--date", filters.dates.description] }
    if let items = filters.items { arguments += ["--item", items.text] }
    if let locations = filters.locations { arguments += ["--location", locations.text] }
    if filters.attributeGL { arguments.append("--attribute-gl") }
    return arguments
  }

  static func endDate(_ ledger: Ledger, _ filters: ReconciliationFilters) -> LedgerDate {
    if let end = filters.dates.end { return end.normalDate }
    let dates = ledger.valueEntries.ordinals(Columns.valueEntry.postingDate)
    return dates.max().map { LedgerDate(ordinal: $0).normalDate } ?? LedgerDate(year: 2000, month: 1, day: 1)
      ?? LedgerTable.noDate
  }

  /// `Inventory (Interim)` → `inventory-interim`.
  static func slug(_ text: String) -> String {
    var result = ""
    for character in text.lowercased() {
      if character.isLetter || character.isNumber {
        result.append(character)
      } else if !result.isEmpty && result.last != "-" {
        result.append("-")
      }
    }
    while result.last == "-" { result.removeLast() }
    return result
  }
}

extension Explanation {
  /// The entries behind reconciling item `index` (0-based, the order of `explain`): its value
  /// entries, a blank line, its G/L entries, each under BC's captions (`drill --entries`).
  public func entriesCSV(of index: Int, _ ledger: Ledger) -> String {
    guard items.indices.contains(index) else { return "" }
    let item = items[index]
    let valueRows = item.valueEntryNos.compactMap { ledger.indexes.valueEntryByNumber.row(of: $0) }
    let glRows = item.glEntryNos.compactMap { ledger.indexes.glEntryByNumber.row(of: $0) }
    let values = ExportTable(
      header: Reconciliation.valueEntryHeader,
      rows: valueRows.map { Reconciliation.valueEntryCells($0, ledger: ledger) })
    let gl = ExportTable(
      header: Reconciliation.glEntryHeader,
      rows: glRows.map { Reconciliation.glEntryCells($0, ledger: ledger) })
    return values.csv + "\n" + gl.csv
  }
}
