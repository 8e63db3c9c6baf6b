import ArgumentParser
import ReconEngine

struct ValidateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "validate",
    abstract: "Check a snapshot: print every problem and exit 1, or a one-line summary and exit 0."
  )

  @Argument(help: "Snapshot file.")
  var snapshot: String

  @OptionGroup var cacheOptions: CacheOptions

  func run() throws {
    do {
      // Always the JSON: checking the file is the point (a cache hit would only say it was
      // valid when it was cached). A valid file is cached for the commands after it.
      let ledger = try SnapshotStore.load(path: snapshot, cache: cacheOptions.cache, readJSON: true)
      let counts = ledger.tableCounts.map { "\($0.count) \($0.name)" }.joined(separator: ", ")
      FileHandleOutput.standardOutput("\(snapshot): valid: \(counts)")
    } catch {
      FileHandleOutput.standardError(error.description)
      throw ExitCode(1)
    }
  }
}
