import ArgumentParser
import ReconEngine

/// `reconbench jobs …`: project (job) WIP at period end (`jobs-wip.md` §9).
struct JobsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "jobs",
    abstract: "Project (job) WIP: calculate it, post it to the G/L.",
    subcommands: [JobsWIPCommand.self, JobsPostWIPCommand.self]
  )

  func run() throws { throw ValidationError("name the job command: wip or post-wip") }
}

/// `--posting-date D`: one normal date.
func parsePostingDate(_ text: String) throws -> LedgerDate {
  guard let date = LedgerDate(text), date.normalDate == date else {
    throw ValidationError("--posting-date \(text): not a date (YYYY-MM-DD)")
  }
  return date
}

/// Prints a refused job run: one line per problem on standard error, exit 1.
func refuseJobRun(_ problems: [String]) -> ExitCode {
  for problem in problems { FileHandleOutput.standardError("reconbench: \(problem)") }
  return ExitCode(1)
}

struct JobsWIPCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "wip",
    abstract: "Job Calculate WIP: the Job WIP Entries and warnings a posting date gives; changes nothing.")

  @Argument(help: "Snapshot file; omitted = the bundled sample company.") var snapshot: String?
  @Option(name: .customLong("posting-date"), help: "WIP posting date (YYYY-MM-DD).") var postingDate: String
  @Option(help: "Job filter in BC syntax: J1|J2, J1..J9, J*, <>J3.") var job: String?
  @Option(name: .customLong("document-no"), help: "Document number of the entries (default blank).")
  var documentNo: String?
  @Flag(help: "List the warnings instead of the entries.") var warnings = false
  @Option(help: "table (default), csv or json.") var format: OutputFormat = .table

  @OptionGroup var cacheOptions: CacheOptions

  func run() throws {
    let date = try parsePostingDate(postingDate)
    let filter = try parseFilter(job, "--job")
    let ledger = try loadLedger(snapshot, cache: cacheOptions)
    let run = JobWIPRun(ledger, .init(postingDate: date, jobs: filter, documentNo: documentNo ?? ""))
    if !run.problems.isEmpty { throw refuseJobRun(run.problems) }
    let decimals = ledger.amountDecimals
    switch format {
    case .json: FileHandleOutput.write(1, run.json(decimals: decimals) + "\n")
    case .csv: emit([("", warnings ? run.warningsTable : run.entriesTable(decimals: decimals))], as: .csv)
    case .table:
      emit(
        warnings
          ? [("warnings", run.warningsTable)]
          : [("entries", run.entriesTable(decimals: decimals)), ("warnings", run.warningsTable)], as: .table)
    }
  }
}

struct JobsPostWIPCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "post-wip",
    abstract: "Job Post WIP to G/L: reverse earlier WIP, post the new WIP, save the result.")

  @Argument(help: "Snapshot file.") var snapshot: String
  @Option(name: .customLong("posting-date"), help: "WIP posting date (YYYY-MM-DD).") var postingDate: String
  @Option(name: .customLong("document-no"), help: "Document number of the G/L entries.") var documentNo:
    String
  @Option(help: "Job filter in BC syntax.") var job: String?
  @Option(help: "Write the posted ledger to this file.") var output: String?
  @Flag(name: .customLong("in-place"), help: "Write the posted ledger over the input file (atomically).")
  var inPlace = false
  @Flag(help: "Write over a read-only file (its owner's write bit unset).") var force = false
  @Option(help: "table (default), csv or json.") var format: OutputFormat = .table

  @OptionGroup var cacheOptions: CacheOptions

  func validate() throws {
    if output != nil && inPlace { throw ValidationError("give --output or --in-place, not both") }
    if output == nil && !inPlace {
      throw ValidationError("say where the posted ledger goes: --output FILE or --in-place")
    }
    if documentNo.trimmingSpaces.isEmpty { throw ValidationError("--document-no must not be blank") }
  }

  func run() throws {
    let date = try parsePostingDate(postingDate)
    let filter = try parseFilter(job, "--job")
    var ledger = try loadLedger(snapshot, cache: cacheOptions)
    let summary: JobWIPPosting.Summary
    do {
      summary = try JobWIPPosting.post(
        &ledger, .init(postingDate: date, jobs: filter, documentNo: documentNo, runDate: PostCommand.today()))
    } catch {
      throw refuseJobRun(error.problems)
    }
    try saveSnapshot(ledger, to: output ?? snapshot, force: force, cache: cacheOptions)
    if format == .json {
      FileHandleOutput.standardOutput(
        "{\"wipGLEntriesPosted\":\(summary.wipGLEntriesPosted),\"reversed\":\(summary.reversed),"
          + "\"glEntries\":\(summary.glEntries),\"register\":\(summary.registerNo)}")
    } else {
      FileHandleOutput.standardOutput(summary.description)
    }
  }
}

struct JobWIPToGLReport: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "job-wip-to-gl",
    abstract: "Job WIP To G/L: posted WIP per G/L account and posting group against the G/L balance.")

  @Argument(help: "Snapshot file; omitted = the bundled sample company.") var snapshot: String?
  @Option(name: .customLong("posting-date"), help: "Report date (entries up to it).") var postingDate: String
  @Option(help: "Job filter in BC syntax.") var job: String?
  @Option(help: "table (default), csv or json.") var format: OutputFormat = .table

  @OptionGroup var cacheOptions: CacheOptions

  func run() throws {
    let date = try parsePostingDate(postingDate)
    let filter = try parseFilter(job, "--job")
    let ledger = try loadLedger(snapshot, cache: cacheOptions)
    let report = JobWIPToGL(ledger, .init(postingDate: date, jobs: filter))
    emit([("jobWipToGL", report.table(decimals: ledger.amountDecimals))], as: format)
  }
}
