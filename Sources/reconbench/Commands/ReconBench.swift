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
      PostCommand.self, ReportCommand.self, ExplainCommand.self, ImportCommand.self, GenerateCommand.self,
      ExportSampleCommand.self,
      ExportThemesCommand.self, BenchCommand.self,
      BenchWorkerCommand.self,
    ],
    defaultSubcommand: WorkbenchCommand.self
  )
}
