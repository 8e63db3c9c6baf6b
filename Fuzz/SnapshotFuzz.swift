// The snapshot reader under libFuzzer (built with `Fuzz/run`, not by SwiftPM): compiled into
// one module with the engine's sources, so it reaches the reader's internals.
//
// For every input: decode it with one thread and with two (tiny blocks, so the background
// reader and the block stealing both run); the two must agree — the same ledger or the same
// problems. What loads is encoded, decoded again and encoded again to equal bytes, and the
// matrix, the explanation, the posting plan and the posting run on it. Any disagreement traps,
// which libFuzzer reports with the input.

#if canImport(Glibc)
  import Glibc
#endif

func decoded(_ bytes: UnsafeBufferPointer<UInt8>, parallel: Bool) -> Result<Ledger, SnapshotError> {
  Result { () throws(SnapshotError) in
    try SnapshotStore.decode(
      bytes, name: "fuzz.json", consumed: nil, parallelThreshold: parallel ? 0 : .max,
      blockRows: parallel ? 2 : nil)
  }
}

func check(_ condition: Bool, _ message: @autoclosure () -> String) {
  if !condition {
    fputs("fuzz check failed: \(message())\n", stderr)
    abort()
  }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func snapshotFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = UnsafeBufferPointer(start: data, count: size)
  let one = decoded(bytes, parallel: false)
  let two = decoded(bytes, parallel: true)
  switch (one, two) {
  case (.success(let ledger), .success(let other)):
    let encoded = SnapshotStore.encode(ledger)
    check(encoded == SnapshotStore.encode(other), "the one- and two-thread ledgers differ")
    let again = encoded.withUnsafeBufferPointer { decoded($0, parallel: false) }
    guard case .success(let reread) = again else {
      check(false, "the encoded ledger does not load: \(again)")
      return 0
    }
    check(SnapshotStore.encode(reread) == encoded, "encode → decode → encode changed the bytes")
    exercise(ledger)
  case (.failure(let error), .failure(let other)):
    check(error.problems == other.problems, "problems differ:\n\(error.problems)\n---\n\(other.problems)")
    check(error.totalProblems == other.totalProblems, "problem counts differ")
  default:
    check(false, "one reader loaded the input and the other refused it")
  }
  return 0
}

/// The engine's work on a ledger that loaded: none of it may crash.
func exercise(_ ledger: Ledger) {
  for filters in [ReconciliationFilters(), ReconciliationFilters(warnings: false, attributeGL: true)] {
    _ = try? Reconciliation(ledger, filters: filters)
    _ = try? Explanation(ledger, filters: filters)
  }
  for method in [InventoryCostPosting.Method.perEntry, .perPostingGroup] {
    let options = InventoryCostPosting.Options(
      method: method, documentNo: "FUZZ", runDate: LedgerDate("2026-01-01") ?? LedgerTable.noDate)
    _ = try? InventoryCostPosting.plan(ledger, options)
    var copy = ledger
    _ = try? InventoryCostPosting.post(&copy, options)
  }
  // The timeline, and project WIP: calculate, post and report at a year end.
  _ = try? Timeline(ledger, .init(by: .month))
  let date = LedgerDate("2025-12-31") ?? LedgerTable.noDate
  _ = JobWIPRun(ledger, .init(postingDate: date))
  var posted = ledger
  _ = try? JobWIPPosting.post(&posted, .init(postingDate: date, documentNo: "FUZZ", runDate: date))
  _ = JobWIPToGL(posted, .init(postingDate: date))
}
