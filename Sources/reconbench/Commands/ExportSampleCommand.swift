import ArgumentParser
import ReconEngine

/// Writes the bundled sample company's two snapshots, as committed under SampleData/.
struct ExportSampleCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export-sample",
    abstract: "Write the bundled sample company (and its expected-cost-off twin) as snapshot files."
  )

  @Option(help: "Folder to write into.")
  var outputDirectory: String = "SampleData"

  func run() throws {
    let files = [
      (SampleCompany.fileName, SampleCompany.build(expectedCostPosting: true)),
      (SampleCompany.expectedCostOffFileName, SampleCompany.build(expectedCostPosting: false)),
    ]
    for (name, ledger) in files {
      let path = outputDirectory + "/" + name
      do {
        try SnapshotStore.save(ledger, to: path)
      } catch {
        FileHandleOutput.standardError(error.description)
        throw ExitCode(1)
      }
      FileHandleOutput.standardOutput("\(path): \(ledger.valueEntries.count) value entries")
    }
  }
}
