import ArgumentParser
import ReconEngine

struct ExplainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "explain",
    abstract: "List the reconciling items behind every non-zero Difference, each with its cause and entries."
  )

  @Argument(help: "Snapshot file; omitted = the bundled sample company.")
  var snapshot: String?

  @OptionGroup var filterOptions: FilterOptions

  @Option(help: "table (default), csv or json.")
  var format: OutputFormat = .table

  func run() throws {
    let filters = try filterOptions.filters(warnings: true)
    if filters.hidesGLSide {
      throw ValidationError(
        "an item or location filter hides the G/L side; add --attribute-gl to attribute the G/L to items")
    }
    let ledger = try loadLedger(snapshot)
    do {
      let explanation = try Explanation(ledger, filters: filters)
      emit([("items", explanation.table(ledger, abbreviatingEntryLists: format == .table))], as: format)
    } catch {
      FileHandleOutput.standardError("reconbench: \(error.description)")
      throw ExitCode(1)
    }
  }
}
