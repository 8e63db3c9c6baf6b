import ArgumentParser

struct ReconBench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "reconbench",
    abstract: "Reconcile an inventory ledger with its general ledger, Business Central style.",
    discussion: """
      With no subcommand, opens the interactive workbench. Every subcommand runs headless, prints \
      to standard output and exits: 0 success, 1 invalid snapshot or refused operation, 2 bad usage.
      """,
    subcommands: [
      WorkbenchCommand.self, MatrixCommand.self, DrillCommand.self, ValidateCommand.self,
      PostCommand.self, ReportCommand.self, JobsCommand.self, TimelineCommand.self, EvidenceCommand.self,
      ExplainCommand.self,
      ImportCommand.self, CacheCommand.self,
      GenerateCommand.self,
      ExportSampleCommand.self,
      ExportThemesCommand.self, BenchCommand.self,
      BenchWorkerCommand.self,
    ],
    defaultSubcommand: WorkbenchCommand.self
  )
}

extension ReconBench {
  /// `reconbench report wip: --start 2025-12-31 is after --end 2025-01-01`: the subcommands
  /// named on the command line, then ArgumentParser's message without its usage lines.
  static func usageLine(for error: Error, arguments: [String]) -> String {
    var path = ["reconbench"]
    var commands: [ParsableCommand.Type] = configuration.subcommands
    for argument in arguments.dropFirst() {
      guard let match = commands.first(where: { $0._commandName == argument }) else { break }
      path.append(argument)
      commands = match.configuration.subcommands
    }
    var message = message(for: error)
    if message.hasPrefix("Error: ") { message.removeFirst("Error: ".count) }
    let firstLine =
      message.split(separator: "\n", omittingEmptySubsequences: true).first.map(String.init) ?? message
    return path.joined(separator: " ") + ": " + firstLine
  }
}
