import Foundation
import ReconEngine
import ReconTUI

/// The reconciliation timings of `reconbench bench`, measured in one worker process on a loaded
/// ledger: the matrix with no filter and with a one-month date filter, and a drill into the
/// largest cell (Total × Inventory, every item's value entries) down to the entry list; and
/// posting every pending entry, per entry and per posting group (once each, on a copy).
enum ReconcileTimings {
  /// The workbench through its pure renderer at 120×40: the first frame after loading, a key
  /// press in the matrix and in a list of every value entry, and a date filter change.
  static func workbench(_ ledger: Ledger, runDate: LedgerDate) throws -> [String: Double] {
    var state: AppState?
    let first = try ProcessMetrics.time {
      var made = try AppState(
        ledger: ledger, snapshotName: "bench", snapshotPath: nil, width: 120, height: 40, today: runDate)
      _ = Render.frame(made)
      made.matrixRow = 14  // Total
      state = made
    }
    guard var state else { return [:] }
    func keyFrame(_ key: Key) -> Double {
      var times: [Double] = []
      for _ in 0..<9 {
        times.append(
          ProcessMetrics.time {
            _ = Reducer.update(&state, .key(key))
            _ = Render.frame(state)
          })
      }
      return times.sorted()[times.count / 2]
    }
    let matrixKey = keyFrame(.right)
    _ = Reducer.update(&state, .key(.enter))  // Total × Inventory: every item
    _ = Reducer.update(&state, .key(.enter))  // the first item's entries
    let listKey = keyFrame(.down)
    let filter = ProcessMetrics.time {
      var filters = state.filters
      filters.dates = DateRange(parsing: "2025-06-01..2025-06-30") ?? .all
      try? state.setFilters(filters)
      _ = Render.frame(state)
    }
    return ["tui_first": first, "tui_key_matrix": matrixKey, "tui_key_list": listKey, "tui_filter": filter]
  }

  /// The evidence pack of the whole ledger as `reconbench evidence` makes it: the files, their
  /// hashes, the snapshot's digest and the manifest, written into a folder (removed afterwards).
  static func evidence(_ ledger: Ledger, snapshot: String) throws -> Double {
    let folder = NSTemporaryDirectory() + "reconbench-bench-evidence-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: folder) }
    return try ProcessMetrics.time {
      let digest = try EvidenceCommand.digest(snapshot, ledger)
      let pack = try EvidencePack(
        ledger, filters: ReconciliationFilters(), snapshotArgument: snapshot,
        snapshotLabel: EvidenceCommand.label(snapshot, digest))
      let manifest = EvidenceCommand.manifest(
        pack, snapshot: snapshot, digest: digest, filters: ReconciliationFilters())
      try EvidenceFolder.write(
        pack.files.map { ($0.name, $0.contents) } + [("manifest.json", manifest)], to: folder, force: false)
    }
  }

  /// The engine steps timed once each on the whole ledger, by their key in the results (also
  /// what `bench-worker step:KEY` runs on its own, for profiling).
  static let engineSteps: [String: @Sendable (Ledger) throws -> Void] = [
    "matrix_all": { _ = try Reconciliation($0, filters: ReconciliationFilters()) },
    "report_valuation": {
      _ = InventoryValuation(
        $0, .init(start: LedgerDate("2025-01-01"), end: LedgerDate("2025-12-31") ?? LedgerTable.noDate))
    },
    "report_wip": { _ = WIPValuation($0, .init(end: LedgerDate("2025-12-31"))) },
    "report_cost_spec": {
      _ = CostSpecification($0, .init(valuationDate: LedgerDate("2025-12-31") ?? LedgerTable.noDate))
    },
    "report_cost_shares": { _ = CostShares($0, .init(mode: .sales)) },
    "explain": { _ = try Explanation($0, filters: ReconciliationFilters()) },
    "timeline_month": { _ = try Timeline($0, .init(by: .month)) },
  ]

  static func measure(_ ledger: Ledger, snapshot: String, runs: Int = 5) throws -> [String: Double] {
    func median(_ body: () throws -> Void) rethrows -> Double {
      var times: [Double] = []
      for _ in 0..<runs { times.append(try ProcessMetrics.time(body)) }
      return times.sorted()[times.count / 2]
    }
    let all = ReconciliationFilters()
    var month = ReconciliationFilters()
    month.dates = DateRange(parsing: "2025-06-01..2025-06-30") ?? .all
    let full = try Reconciliation(ledger, filters: all)
    var entries = 0
    var posted = 0
    let runDate = LedgerDate("2026-01-05") ?? LedgerTable.noDate
    func post(_ method: InventoryCostPosting.Method) throws -> Double {
      var copy = ledger
      let options = InventoryCostPosting.Options(
        method: method, documentNo: method == .perPostingGroup ? "IPC-BENCH" : nil, runDate: runDate)
      return try ProcessMetrics.time {
        posted = try InventoryCostPosting.post(&copy, options).valueEntriesPosted
      }
    }
    // Each step's time, and its peak resident memory (`<key>_peak_kb`, the ledger included).
    var results: [String: Double] = [:]
    func step(_ key: String, _ body: () throws -> Double) rethrows {
      ProcessMetrics.resetPeak()
      results[key] = try body()
      results[key + "_peak_kb"] = Double(ProcessMetrics.peakResidentKilobytes())
    }
    try step("matrix_all") { try median { try engineSteps["matrix_all"]?(ledger) } }
    try step("matrix_month") { try median { _ = try Reconciliation(ledger, filters: month) } }
    step("drill") {
      median {
        let drill = full.drill(.total, .inventory)
        entries = full.valueEntryRows(for: drill, in: ledger).count
      }
    }
    results["drill_entries"] = Double(entries)
    try step("post_entry") { try post(.perEntry) }
    try step("post_group") { try post(.perPostingGroup) }
    results["posted_entries"] = Double(posted)
    for key in [
      "report_valuation", "report_wip", "report_cost_spec", "report_cost_shares", "explain", "timeline_month",
    ] {
      guard let run = engineSteps[key] else { continue }
      try step(key) { try ProcessMetrics.time { try run(ledger) } }
    }
    try step("timeline_first_dates") {
      try ProcessMetrics.time { _ = try Timeline(ledger, .init(), causes: false).firstDates }
    }
    try step("evidence") { try evidence(ledger, snapshot: snapshot) }
    ProcessMetrics.resetPeak()
    return results.merging(try workbench(ledger, runDate: runDate)) { $1 }
  }
}
