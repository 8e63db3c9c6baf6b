import ArgumentParser
import ReconEngine

struct ReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "Print an inventory valuation report.",
    subcommands: [
      ValuationReport.self, WIPReport.self, CostSpecReport.self, CostSharesReport.self, JobWIPToGLReport.self,
    ]
  )

  /// `report` alone: a usage error, not the help with status 0.
  func run() throws {
    throw ValidationError("name the report: valuation, wip, cost-spec, cost-shares or job-wip-to-gl")
  }
}

/// `--start` and `--end` of a report: dates, the start not after the end.
func parseReportDates(_ start: String?, _ end: String?) throws -> (start: LedgerDate?, end: LedgerDate?) {
  let startDate = try parseDate(start, "--start")
  let endDate = try parseDate(end, "--end")
  if let startDate, let endDate, startDate > endDate {
    throw ValidationError("--start \(startDate.text) is after --end \(endDate.text)")
  }
  return (startDate, endDate)
}

/// Reads an optional date option; a bad date is a usage error.
func parseDate(_ text: String?, _ option: String) throws -> LedgerDate? {
  guard let text else { return nil }
  guard let date = LedgerDate(text) else {
    throw ValidationError("\(option) \(text): not a date (YYYY-MM-DD)")
  }
  return date
}

struct ValuationReport: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "valuation",
    abstract: "Inventory Valuation: opening, increases, decreases, closing per item.")

  @Argument(help: "Snapshot file; omitted = the bundled sample company.") var snapshot: String?
  @Option(help: "Starting date (no opening columns without it).") var start: String?
  @Option(help: "Ending date.") var end: String
  @Flag(name: .customLong("include-expected"), help: "Add the expected-cost-included columns.")
  var includeExpected = false
  @Option(help: "Item filter.") var item: String?
  @Option(help: "Location filter.") var location: String?
  @Option(name: .customLong("posting-group"), help: "Inventory posting group filter.") var postingGroup:
    String?
  @Option(help: "table (default), csv or json.") var format: OutputFormat = .table

  @OptionGroup var cacheOptions: CacheOptions

  func run() throws {
    let (startDate, parsedEnd) = try parseReportDates(start, end)
    guard let endDate = parsedEnd else { throw ValidationError("--end is required") }
    let options = InventoryValuation.Options(
      start: startDate, end: endDate, includeExpected: includeExpected,
      items: try parseFilter(item, "--item"),
      locations: try parseFilter(location, "--location"),
      postingGroups: try parseFilter(postingGroup, "--posting-group"))
    let ledger = try loadLedger(snapshot, cache: cacheOptions)
    let report = InventoryValuation(ledger, options)
    var table = report.table(ledger)
    if format == .table {
      // For people, flag the items whose closing value differs from the cost posted to G/L.
      table.header.append("Check")
      for (index, line) in report.lines.enumerated() {
        table.rows[index].append(
          line.item != nil && line.hasUnpostedCost(expectedCostPosting: ledger.expectedCostPostingToGL)
            ? .text("unposted cost") : .empty)
      }
    }
    emit([("valuation", table)], as: format)
  }
}

struct WIPReport: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "wip", abstract: "Inventory Valuation - WIP: work in process per production order.")

  @Argument(help: "Snapshot file; omitted = the bundled sample company.") var snapshot: String?
  @Option(help: "Starting date.") var start: String?
  @Option(help: "Ending date.") var end: String?
  @Option(help: "Production order filter.") var order: String?
  @Option(help: "table (default), csv or json.") var format: OutputFormat = .table

  @OptionGroup var cacheOptions: CacheOptions

  func run() throws {
    let dates = try parseReportDates(start, end)
    let options = WIPValuation.Options(
      start: dates.start, end: dates.end, orders: try parseFilter(order, "--order"))
    let ledger = try loadLedger(snapshot, cache: cacheOptions)
    emit([("wip", WIPValuation(ledger, options).table(ledger))], as: format)
  }
}

struct CostSpecReport: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "cost-spec",
    abstract: "Invt. Valuation - Cost Spec.: inventory at a date by value entry type.")

  @Argument(help: "Snapshot file; omitted = the bundled sample company.") var snapshot: String?
  @Option(name: .customLong("valuation-date"), help: "Valuation date.") var valuationDate: String
  @Option(help: "Item filter.") var item: String?
  @Option(help: "Location filter.") var location: String?
  @Option(help: "table (default), csv or json.") var format: OutputFormat = .table

  @OptionGroup var cacheOptions: CacheOptions

  func run() throws {
    guard let date = try parseDate(valuationDate, "--valuation-date") else {
      throw ValidationError("--valuation-date is required")
    }
    let options = CostSpecification.Options(
      valuationDate: date, items: try parseFilter(item, "--item"),
      locations: try parseFilter(location, "--location"))
    let ledger = try loadLedger(snapshot, cache: cacheOptions)
    emit([("costSpec", CostSpecification(ledger, options).table(ledger))], as: format)
  }
}

struct CostSharesReport: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "cost-shares", abstract: "Cost Shares Breakdown of sales, inventory or WIP.")

  @Argument(help: "Snapshot file; omitted = the bundled sample company.") var snapshot: String?
  @Option(help: "Starting date.") var start: String?
  @Option(help: "Ending date.") var end: String?
  @Option(help: "sales (default), inventory or wip.") var mode: CostShares.Mode = .sales
  @Flag(help: "Add the variance breakdown columns.") var details = false
  @Option(help: "table (default), csv or json.") var format: OutputFormat = .table

  @OptionGroup var cacheOptions: CacheOptions

  func run() throws {
    let dates = try parseReportDates(start, end)
    let options = CostShares.Options(start: dates.start, end: dates.end, mode: mode, details: details)
    let ledger = try loadLedger(snapshot, cache: cacheOptions)
    emit([("costShares", CostShares(ledger, options).table(ledger))], as: format)
  }
}

extension CostShares.Mode: ExpressibleByArgument {}
