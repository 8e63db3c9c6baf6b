import ArgumentParser
import Foundation
import ReconEngine

struct PostCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "post",
    abstract: "Post Inventory Cost to G/L: print the test report (--dry-run) or post and save the result."
  )

  @Argument(help: "Snapshot file.")
  var snapshot: String

  @Option(help: "entry or posting-group.")
  var method: InventoryCostPosting.Method

  @Option(
    name: .customLong("document-no"), help: "Document number of the G/L entries (required per posting group)."
  )
  var documentNo: String?

  @Option(help: "Item filter in BC syntax.")
  var item: String?

  @Option(help: "Posting date filter in BC syntax.")
  var date: String?

  @Flag(name: .customLong("dry-run"), help: "Post nothing; print the test report.")
  var dryRun = false

  @Option(help: "Write the posted ledger to this file.")
  var output: String?

  @Flag(name: .customLong("in-place"), help: "Write the posted ledger over the input file (atomically).")
  var inPlace = false

  @Flag(help: "Write over a read-only file (its owner's write bit unset).")
  var force = false

  @Option(help: "table (default), csv or json.")
  var format: OutputFormat = .table

  @OptionGroup var cacheOptions: CacheOptions

  func validate() throws {
    if output != nil && inPlace { throw ValidationError("give --output or --in-place, not both") }
    if !dryRun && output == nil && !inPlace {
      throw ValidationError(
        "say where the posted ledger goes: --output FILE or --in-place (or use --dry-run)")
    }
    switch method {
    case .perPostingGroup where (documentNo ?? "").isEmpty:
      throw ValidationError("--method posting-group needs --document-no")
    case .perEntry where documentNo != nil:
      throw ValidationError(
        "--method entry takes the value entries' document numbers; leave --document-no out")
    default: break
    }
  }

  func run() throws {
    var options = InventoryCostPosting.Options(
      method: method, documentNo: documentNo, runDate: PostCommand.today())
    options.dates = try parseDateRange(date) ?? .all
    options.items = try parseFilter(item, "--item")
    var ledger = try loadLedger(snapshot, cache: cacheOptions)
    if dryRun {
      do {
        let plan = try InventoryCostPosting.plan(ledger, options)
        emit(
          [
            ("glLines", plan.glLinesTable(ledger)), ("valueEntries", plan.printoutTable(ledger)),
            ("glEntries", try plan.bufferTable(ledger)), ("skipped", plan.skippedTable(ledger)),
            ("errors", plan.stoppedTable(ledger)),
          ], as: format)
      } catch {
        FileHandleOutput.standardError("reconbench: \(error.description)")
        throw ExitCode(1)
      }
      return
    }
    let summary: InventoryCostPosting.Summary
    do {
      summary = try InventoryCostPosting.post(&ledger, options)
    } catch {
      // One line per problem; a refused run names every entry BC would stop on.
      for line in error.description.split(separator: "\n") {
        FileHandleOutput.standardError("reconbench: \(line)")
      }
      throw ExitCode(1)
    }
    try saveSnapshot(ledger, to: output ?? snapshot, force: force, cache: cacheOptions)
    if format == .json {
      FileHandleOutput.standardOutput(
        "{\"valueEntriesPosted\":\(summary.valueEntriesPosted),\"glEntries\":\(summary.glEntriesCreated),"
          + "\"register\":\(summary.registerNo),\"skipped\":\(summary.skipped)}")
    } else {
      FileHandleOutput.standardOutput(summary.description)
    }
  }

  /// Today's date (UTC): the G/L register's creation date, as BC stamps the work date.
  static func today() -> LedgerDate {
    let parts = Calendar(identifier: .gregorian).dateComponents(
      in: TimeZone(identifier: "UTC") ?? .current, from: Date())
    return LedgerDate(year: parts.year ?? 2000, month: parts.month ?? 1, day: parts.day ?? 1)
      ?? LedgerTable.noDate
  }
}

extension InventoryCostPosting.Method: ExpressibleByArgument {}
