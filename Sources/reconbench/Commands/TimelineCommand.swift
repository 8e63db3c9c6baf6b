import ArgumentParser
import ReconEngine

/// `reconbench timeline`: when each Difference opened (issue 16).
struct TimelineCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "timeline",
    abstract: "Per period: each field's Difference, its cumulative Difference and causes; or the first dates."
  )

  @Argument(help: "Snapshot file; omitted = the bundled sample company.") var snapshot: String?
  @Option(help: "month, week or day (default: the accounting periods, else months).") var by:
    Timeline.Granularity?
  @Option(help: "Posting date range in BC syntax (default: all entries).") var date: String?
  @Flag(
    name: .customLong("first-dates"),
    help: "Per field: the first non-zero date and the date it is stable since.")
  var firstDates = false
  @Option(help: "table (default), csv or json.") var format: OutputFormat = .table

  @OptionGroup var cacheOptions: CacheOptions

  func run() throws {
    let range = try parseDateRange(date) ?? .all
    let ledger = try loadLedger(snapshot, cache: cacheOptions)
    let timeline: Timeline
    do {
      timeline = try Timeline(ledger, .init(by: by, dates: range), causes: !firstDates)
    } catch {
      FileHandleOutput.standardError("reconbench: \(error.description)")
      throw ExitCode(1)
    }
    let decimals = ledger.amountDecimals
    emit(
      [
        firstDates
          ? ("firstDates", timeline.firstDatesTable(decimals: decimals))
          : ("timeline", timeline.table(decimals: decimals))
      ],
      as: format)
  }
}

extension Timeline.Granularity: ExpressibleByArgument {}
