import ArgumentParser
import ReconEngine

struct MatrixCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "matrix",
    abstract: "Print the Inventory - G/L Reconciliation matrix."
  )

  @Argument(help: "Snapshot file; omitted = the bundled sample company.")
  var snapshot: String?

  @OptionGroup var filterOptions: FilterOptions

  @Flag(name: .customLong("no-warnings"), help: "Leave out the Warning row and column.")
  var noWarnings = false

  @Option(help: "table (default), csv or json.")
  var format: OutputFormat = .table

  @OptionGroup var cacheOptions: CacheOptions

  func run() throws {
    let filters = try filterOptions.filters(warnings: !noWarnings)
    let ledger = try loadLedger(snapshot, cache: cacheOptions)
    let result = try reconcile(ledger, filters)
    emit([("matrix", result.matrixTable(decimals: ledger.amountDecimals))], as: format)
  }
}

struct DrillCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "drill",
    abstract:
      "List what lies behind one cell of the matrix: report lines, or with --entries the ledger entries."
  )

  @Argument(help: "Snapshot file; omitted = the bundled sample company.")
  var snapshot: String?

  @Option(help: "Row caption, e.g. \"COGS\" or \"Difference\".")
  var row: String

  @Option(help: "Column caption, e.g. \"Inventory\" or \"G/L Total\".")
  var column: String

  @OptionGroup var filterOptions: FilterOptions

  @Flag(help: "List the value entries or G/L entries instead of the report lines.")
  var entries = false

  @Option(help: "table (default), csv or json.")
  var format: OutputFormat = .table

  @OptionGroup var cacheOptions: CacheOptions

  func run() throws {
    guard let matrixRow = MatrixRow(caption: row) else {
      throw ValidationError(
        "--row \(row): no such row; rows are "
          + MatrixRow.allCases.map { "\"\($0.caption)\"" }.joined(separator: ", "))
    }
    guard let matrixColumn = MatrixColumn(caption: column) else {
      throw ValidationError(
        "--column \(column): no such column; columns are "
          + MatrixColumn.allCases.map { "\"\($0.caption)\"" }.joined(separator: ", "))
    }
    let filters = try filterOptions.filters(warnings: true)
    let layout = MatrixLayout(filters: filters)
    guard layout.rows.contains(matrixRow), layout.columns.contains(matrixColumn) else {
      throw ValidationError(
        "the cell \(matrixRow.caption) × \(matrixColumn.caption) is not shown with an item or location filter"
      )
    }
    let ledger = try loadLedger(snapshot, cache: cacheOptions)
    let result = try reconcile(ledger, filters)
    let drill = result.drill(matrixRow, matrixColumn)
    if drill.formula == nil {
      let rows: [[ExportTable.Cell]] = drill.warning.map { [[.text($0.text), .text($0.explanation)]] } ?? []
      emit([("warning", ExportTable(header: ["Warning", "Explanation"], rows: rows))], as: format)
      return
    }
    guard entries else {
      emit([("reportLines", result.reportLinesTable(drill, ledger: ledger))], as: format)
      return
    }
    var tables: [(key: String, table: ExportTable)] = []
    if drill.formula?.side != .glLines {
      tables.append(
        (
          "valueEntries",
          Reconciliation.valueEntriesTable(result.valueEntryRows(for: drill, in: ledger), ledger: ledger)
        ))
    }
    if drill.formula?.side != .items {
      tables.append(
        (
          "glEntries",
          Reconciliation.glEntriesTable(result.glEntryRows(for: drill, in: ledger), ledger: ledger)
        ))
    }
    emit(tables, as: format)
  }
}
