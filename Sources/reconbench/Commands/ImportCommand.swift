import ArgumentParser
import Foundation
import ReconEngine

struct ImportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract:
      "Turn a Business Central export into a snapshot: a RapidStart package or a folder of CSV files.",
    subcommands: [ImportRapidStart.self, ImportCSV.self]
  )
}

/// The options both kinds of import take.
struct ImportOptions: ParsableArguments {
  @Option(help: "The snapshot to write (atomically).")
  var output: String

  @Option(help: "The company to take when the export holds several.")
  var company: String?

  @Flag(
    name: .customLong("drop-dangling"),
    help:
      "Drop references to entries the export does not hold (a date-filtered export), with a warning per kind."
  )
  var dropDangling = false

  @Flag(help: "Refuse the import when there is any warning.")
  var strict = false

  @OptionGroup var cacheOptions: CacheOptions

  /// Imports `input`, prints the warnings and the summary line, saves the snapshot.
  func run(_ kind: BCImport.Kind, input: String) throws {
    let inputPath = URL(fileURLWithPath: input).standardizedFileURL.path
    if URL(fileURLWithPath: output).standardizedFileURL.path == inputPath {
      throw ValidationError("--output names the input; write the snapshot somewhere else")
    }
    let result: BCImport.Result
    do {
      result = try BCImport.run(
        kind, path: input, options: .init(company: company, dropDangling: dropDangling, strict: strict))
    } catch {
      FileHandleOutput.standardError(error.description)
      throw ExitCode(1)
    }
    for warning in result.warnings { FileHandleOutput.standardError(warning.description) }
    try saveSnapshot(result.ledger, to: output, cache: cacheOptions)
    let counts = result.ledger.tableCounts.map { "\($0.count) \($0.name)" }.joined(separator: ", ")
    FileHandleOutput.standardOutput("\(output): imported: \(counts)")
  }
}

struct ImportRapidStart: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rapidstart", abstract: "Import a configuration package (.rapidstart, GZip or plain XML).")

  @Argument(help: "The package file.") var file: String
  @OptionGroup var options: ImportOptions

  func run() throws { try options.run(.rapidStart, input: file) }
}

struct ImportCSV: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "csv", abstract: "Import a folder of per-table CSV files (bc2adls or an SQL export).")

  @Argument(help: "The folder.") var folder: String
  @OptionGroup var options: ImportOptions

  func run() throws { try options.run(.csv, input: folder) }
}
