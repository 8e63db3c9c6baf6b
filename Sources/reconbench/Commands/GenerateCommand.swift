import ArgumentParser
import ReconEngine

struct GenerateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "generate",
    abstract: "Write a seeded synthetic company with about N value entries."
  )

  @Option(name: .customLong("value-entries"), help: "Number of value entries (at least 1).")
  var valueEntries: Int

  @Option(help: "Random seed: the same seed always gives the same file.")
  var seed: UInt64 = 1

  @Option(help: "Fiscal year of the activity.")
  var year: Int = 2025

  @Flag(name: .customLong("no-expected-cost-posting"), help: "Switch expected cost posting to G/L off.")
  var noExpectedCostPosting = false

  @Option(help: "Output file (written atomically).")
  var output: String

  func validate() throws {
    guard valueEntries >= 1 else { throw ValidationError("--value-entries must be at least 1") }
    guard (1900...9000).contains(year) else { throw ValidationError("--year must be between 1900 and 9000") }
  }

  func run() throws {
    var options = GeneratorOptions(valueEntries: valueEntries, seed: seed)
    options.year = year
    options.expectedCostPostingToGL = !noExpectedCostPosting
    let ledger = LedgerGenerator.generate(options)
    do {
      try SnapshotStore.save(ledger, to: output)
    } catch {
      FileHandleOutput.standardError(error.description)
      throw ExitCode(1)
    }
    let counts = ledger.tableCounts.filter { $0.count > 0 }.map { "\($0.count) \($0.name)" }
    FileHandleOutput.standardOutput("\(output): \(counts.joined(separator: ", "))")
  }
}
