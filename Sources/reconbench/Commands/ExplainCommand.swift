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

  @Option(
    help: "Print the value entries and G/L entries behind reconciling item N (1 = the first line) instead.")
  var entries: Int?

  @Option(help: "table (default), csv or json.")
  var format: OutputFormat = .table

  @OptionGroup var cacheOptions: CacheOptions

  func run() throws {
    let filters = try filterOptions.filters(warnings: true)
    if filters.hidesGLSide {
      throw ValidationError(
        "an item or location filter hides the G/L side; add --attribute-gl to attribute the G/L to items")
    }
    let ledger = try loadLedger(snapshot, cache: cacheOptions)
    let explanation: Explanation
    do {
      explanation = try Explanation(ledger, filters: filters)
    } catch {
      FileHandleOutput.standardError("reconbench: \(error.description)")
      throw ExitCode(1)
    }
    if let entries {
      guard !explanation.items.isEmpty, (1...explanation.items.count).contains(entries) else {
        FileHandleOutput.standardError(
          "reconbench explain: --entries \(entries): there are \(explanation.items.count) reconciling items")
        throw ExitCode(2)
      }
      FileHandleOutput.write(1, explanation.entriesCSV(of: entries - 1, ledger))
      return
    }
    emit([("items", explanation.table(ledger, abbreviatingEntryLists: format == .table))], as: format)
  }
}
