import ReconEngine

/// The reconciliation timings of `reconbench bench`, measured in one worker process on a loaded
/// ledger: the matrix with no filter and with a one-month date filter, and a drill into the
/// largest cell (Total × Inventory, every item's value entries) down to the entry list; and
/// posting every pending entry, per entry and per posting group (once each, on a copy).
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
    return [
      "matrix_all": try median { _ = try Reconciliation(ledger, filters: all) },
      "matrix_month": try median { _ = try Reconciliation(ledger, filters: month) },
      "drill": median {
        let drill = full.drill(.total, .inventory)
        entries = full.valueEntryRows(for: drill, in: ledger).count
      },
      "drill_entries": Double(entries),
      "post_entry": try post(.perEntry),
      "post_group": try post(.perPostingGroup),
      "posted_entries": Double(posted),
      "report_valuation": ProcessMetrics.time {
        _ = InventoryValuation(
          ledger, .init(start: LedgerDate("2025-01-01"), end: LedgerDate("2025-12-31") ?? runDate))
      },
      "report_wip": ProcessMetrics.time { _ = WIPValuation(ledger, .init(end: LedgerDate("2025-12-31"))) },
      "report_cost_spec": ProcessMetrics.time {
        _ = CostSpecification(ledger, .init(valuationDate: LedgerDate("2025-12-31") ?? runDate))
      },
      "report_cost_shares": ProcessMetrics.time { _ = CostShares(ledger, .init(mode: .sales)) },
    ]
  }
}
