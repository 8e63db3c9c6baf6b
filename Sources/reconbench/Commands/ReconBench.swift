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
      PostCommand.self, ReportCommand.self, GenerateCommand.self, ExportSampleCommand.self, BenchCommand.self,
      BenchWorkerCommand.self,
    ],
    defaultSubcommand: WorkbenchCommand.self
  )
}

struct WorkbenchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "workbench", abstract: "Open the interactive workbench (the default).")

  @Argument(help: "Snapshot file to open; omitted = the bundled sample company.")
  var snapshot: String?

  func run() throws {
    // The interactive workbench is built in a later issue; until then say so plainly.
    FileHandleOutput.standardError(
      "reconbench: the interactive workbench is not built yet; use a subcommand (reconbench --help).")
    throw ExitCode(2)
  }
}
