import ReconEngine

/// The reconciliation timings of `reconbench bench`, measured in one worker process on a loaded
/// ledger: the matrix with no filter and with a one-month date filter, and a drill into the
/// largest cell (Total × Inventory, every item's value entries) down to the entry list.
enum ReconcileTimings {
  static func measure(_ ledger: Ledger, runs: Int = 5) throws -> [String: Double] {
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
    return [
      "matrix_all": try median { _ = try Reconciliation(ledger, filters: all) },
      "matrix_month": try median { _ = try Reconciliation(ledger, filters: month) },
      "drill": median {
        let drill = full.drill(.total, .inventory)
        entries = full.valueEntryRows(for: drill, in: ledger).count
      },
      "drill_entries": Double(entries),
    ]
  }
}
