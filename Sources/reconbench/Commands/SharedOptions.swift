import ArgumentParser
import Foundation
import ReconEngine

/// The output formats of the headless commands.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  case table, csv, json
}

/// The Inventory – G/L Reconciliation filters as options (cli.md "Filters").
struct FilterOptions: ParsableArguments {
  @Option(
    help:
      "Posting date filter: 2020-01-01..2020-01-31, ..2020-01-14, 2020-02-01.. or one date; C2019-12-31 is the closing date, which ..2019-12-31 leaves out."
  )
  var date: String?

  @Option(help: "Item filter in BC syntax: 1000, 1000|1100, 1000..1999, 10*, <>1000.")
  var item: String?

  @Option(help: "Location filter in BC syntax; '' selects the blank location.")
  var location: String?

  @Flag(
    name: .customLong("attribute-gl"),
    help:
      "With an item or location filter, attribute the G/L to items through the relations instead of hiding it."
  )
  var attributeGL = false

  func filters(warnings: Bool) throws -> ReconciliationFilters {
    var filters = ReconciliationFilters(warnings: warnings, attributeGL: attributeGL)
    if let range = try parseDateRange(date) { filters.dates = range }
    filters.items = try parseFilter(item, "--item")
    filters.locations = try parseFilter(location, "--location")
    return filters
  }
}

/// A `--date` option in BC syntax; a bad range is a usage error that says what is wrong.
func parseDateRange(_ text: String?) throws -> DateRange? {
  guard let text else { return nil }
  switch DateRange.parse(text) {
  case .success(let range): return range
  case .failure(let error): throw ValidationError("--date \(error.description)")
  }
}

/// An item, location or order filter in BC syntax; a malformed one is a usage error naming the
/// character at fault.
func parseFilter(_ text: String?, _ option: String) throws -> CodeFilter? {
  guard let text else { return nil }
  switch CodeFilter.parse(text) {
  case .success(let filter): return filter
  case .failure(let error): throw ValidationError("\(option) \(error.description)")
  }
}

/// `--no-cache` on every command that reads or writes a snapshot.
struct CacheOptions: ParsableArguments {
  @Flag(
    name: .customLong("no-cache"),
    help:
      "Read the snapshot's JSON even if a cached copy of this very file exists, and cache nothing (also: RECONBENCH_NO_CACHE=1)."
  )
  var noCache = false

  /// The user's snapshot cache, unless switched off here or by the environment.
  var cache: SnapshotCache? {
    noCache ? nil : SnapshotCache.standard(environment: ProcessInfo.processInfo.environment)
  }
}

/// Loads the named snapshot, or the bundled sample; a bad file exits 1 with its problems.
func loadLedger(_ path: String?, cache: CacheOptions) throws -> Ledger {
  guard let path else { return SampleCompany.load() }
  do {
    return try SnapshotStore.load(path: path, cache: cache.cache)
  } catch {
    FileHandleOutput.standardError(error.description)
    throw ExitCode(1)
  }
}

/// Writes export tables in the chosen format; several tables are separated by a blank line
/// (CSV, text) or become members of one object (JSON).
func emit(_ tables: [(key: String, table: ExportTable)], as format: OutputFormat) {
  switch format {
  case .csv:
    FileHandleOutput.write(1, tables.map(\.table.csv).joined(separator: "\n"))
  case .table:
    FileHandleOutput.write(1, tables.map(\.table.text).joined(separator: "\n"))
  case .json:
    if tables.count == 1 {
      FileHandleOutput.write(1, tables[0].table.jsonObject + "\n")
    } else {
      let members = tables.map { "\(JSONText.quoted($0.key)):\($0.table.jsonObject)" }
      FileHandleOutput.write(1, "{" + members.joined(separator: ",\n") + "}\n")
    }
  }
}

func reconcile(_ ledger: Ledger, _ filters: ReconciliationFilters) throws -> Reconciliation {
  do {
    return try Reconciliation(ledger, filters: filters)
  } catch {
    FileHandleOutput.standardError("reconbench: \(error.description)")
    throw ExitCode(1)
  }
}

/// Saves a snapshot for a command: a failure exits 1 with its message; temporaries of earlier,
/// interrupted saves that the save removed are named on standard error.
func saveSnapshot(_ ledger: Ledger, to path: String, force: Bool = false, cache: CacheOptions) throws {
  do {
    let report = try SnapshotStore.save(ledger, to: path, overwriteReadOnly: force, cache: cache.cache)
    for name in report.removedTemporaries {
      FileHandleOutput.standardError("reconbench: removed \(name), left by an interrupted save")
    }
  } catch {
    FileHandleOutput.standardError(error.description)
    throw ExitCode(1)
  }
}
