import Foundation
import Testing

@testable import ReconEngine

/// Every input the fuzzer ever failed on (`Fuzz/regressions/`), and its seed corpus, replayed
/// through the fuzzer's checks: the one- and two-thread readers agree, what loads round-trips to
/// equal bytes, and the engine's work on it does not crash.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Fuzz")

  static var inputs: [String] {
    ["regressions", "corpus"].flatMap { folder -> [String] in
      let path = root.appendingPathComponent(folder).path
      let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
      return names.filter { !$0.hasPrefix(".") }.sorted().map { folder + "/" + $0 }
    }
  }

  func decode(_ bytes: [UInt8], parallel: Bool) -> Result<Ledger, SnapshotError> {
    bytes.withUnsafeBufferPointer { buffer in
      Result { () throws(SnapshotError) in
        try SnapshotStore.decode(
          buffer, name: "fuzz.json", consumed: nil, parallelThreshold: parallel ? 0 : .max,
          blockRows: parallel ? 2 : nil)
      }
    }
  }

  @Test("the corpus is there")
  func corpus() {
    #expect(Self.inputs.filter { $0.hasPrefix("corpus/") }.count >= 4)
  }

  @Test("each input passes the fuzzer's checks", arguments: inputs)
  func replay(name: String) throws {
    let bytes = try [UInt8](Data(contentsOf: Self.root.appendingPathComponent(name)))
    switch (decode(bytes, parallel: false), decode(bytes, parallel: true)) {
    case (.success(let ledger), .success(let other)):
      let encoded = SnapshotStore.encode(ledger)
      #expect(encoded == SnapshotStore.encode(other))
      let reread = try decode(encoded, parallel: false).get()
      #expect(SnapshotStore.encode(reread) == encoded)
      _ = try? Reconciliation(ledger, filters: ReconciliationFilters())
      _ = try? Explanation(ledger, filters: ReconciliationFilters())
      var copy = ledger
      _ = try? InventoryCostPosting.post(
        &copy,
        .init(
          method: .perPostingGroup, documentNo: "FUZZ", runDate: LedgerDate("2026-01-01") ?? .init(ordinal: 0)
        ))
    case (.failure(let error), .failure(let other)):
      #expect(error.problems == other.problems)
      #expect(error.totalProblems == other.totalProblems)
    default:
      Issue.record("\(name): one reader loaded it and the other refused it")
    }
  }
}
