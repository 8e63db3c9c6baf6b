import Foundation

@testable import ReconEngine

/// Decodes snapshot text held in a test.
func decodeSnapshot(_ text: String, parallelThreshold: Int? = nil, blockRows: Int? = nil)
  throws(SnapshotError)
  -> Ledger
{
  var bytes = Array(text.utf8)
  let count = bytes.count
  let result: Result<Ledger, SnapshotError> = bytes.withUnsafeMutableBufferPointer { buffer in
    do throws(SnapshotError) {
      return .success(
        try SnapshotStore.decode(
          UnsafeBufferPointer(rebasing: buffer[0..<count]), name: "test.json", consumed: nil,
          parallelThreshold: parallelThreshold, blockRows: blockRows))
    } catch {
      return .failure(error)
    }
  }
  return try result.get()
}

/// The problems a snapshot produces, or [] when it loads.
func problems(_ text: String) -> [SnapshotProblem] {
  do {
    _ = try decodeSnapshot(text)
    return []
  } catch {
    return error.problems
  }
}

/// A snapshot with the required header around `body` (more top-level members).
func snapshot(_ body: String) -> String {
  "{\"format\":\"reconbench.snapshot\",\"version\":1" + (body.isEmpty ? "" : ",\n" + body) + "}"
}

/// A fresh folder under the system temporary folder, removed by the caller.
func temporaryFolder() throws -> String {
  let path = NSTemporaryDirectory() + "reconbench-tests-" + UUID().uuidString
  try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  return path
}

/// A small generated company, made once per process.
let smallCompany: Ledger = LedgerGenerator.generate(GeneratorOptions(valueEntries: 3_000, seed: 7))
