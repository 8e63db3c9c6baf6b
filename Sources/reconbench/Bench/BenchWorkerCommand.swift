import ArgumentParser
import Foundation
import ReconEngine
import ReconTUI

/// One measurement in a fresh process, so each peak-memory figure belongs to that measurement
/// alone. Prints `seconds=S peak_kb=K`. Used by `reconbench bench`; hidden from help.
struct BenchWorkerCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench-worker", abstract: "One benchmark measurement (internal).", shouldDisplay: false)

  @Argument(
    help:
      "load, save, reconcile, jobs, jsondecoder, import-csv, import-rapidstart, cache-write, cache-open or step:<a key of ReconcileTimings.engineSteps, e.g. explain, report_cost_shares>"
  )
  var task: String

  @Argument(help: "Snapshot file.")
  var file: String

  func run() throws {
    var seconds = 0.0
    switch task {
    case "load":
      seconds = try ProcessMetrics.time { _ = try SnapshotStore.load(path: file) }
    case "save":
      let ledger = try SnapshotStore.load(path: file)
      let target = file + ".resaved"
      seconds = try ProcessMetrics.time { try SnapshotStore.save(ledger, to: target) }
      unlink(target)
    case "cache-write":
      // The cache entry written as the workbench writes it after a first load (here timed in
      // the foreground), into a folder beside the file.
      let ledger = try SnapshotStore.load(path: file)
      guard let identity = SnapshotIdentity(path: file) else { throw ExitCode(1) }
      let cache = SnapshotCache(folder: file + ".cache", minimumSnapshotBytes: 0)
      seconds = try ProcessMetrics.time { try cache.store(ledger, identity: identity) }
    case "cache-open":
      // Re-opening from the cache up to the first full workbench frame (120×40).
      let cache = SnapshotCache(folder: file + ".cache", minimumSnapshotBytes: 0)
      var load = 0.0
      seconds = try ProcessMetrics.time {
        var ledger: Ledger?
        load = ProcessMetrics.time {
          guard let identity = SnapshotIdentity(path: file), case .hit(let hit) = cache.lookup(identity)
          else { return }
          ledger = hit
        }
        guard let ledger else { throw ValidationError("no cache entry for \(file)") }
        let state = try AppState(
          ledger: ledger, snapshotName: "bench", snapshotPath: file, width: 120, height: 40,
          today: LedgerDate("2025-12-31") ?? LedgerTable.noDate)
        _ = Render.frame(state)
      }
      print("seconds=\(seconds) load=\(load) peak_kb=\(ProcessMetrics.peakResidentKilobytes())")
      return
    case let step where step.hasPrefix("step:"):
      // One engine step, five times on a ledger loaded through a cache beside the file (for
      // profiling a step without its load: `perf record … bench-worker step:explain FILE`).
      let cache = SnapshotCache(folder: file + ".cache", minimumSnapshotBytes: 0)
      let ledger = try SnapshotStore.load(path: file, cache: cache)
      SnapshotCache.finishWriting()
      guard let run = ReconcileTimings.engineSteps[String(step.dropFirst(5))] else {
        throw ValidationError(
          "unknown step \(step.dropFirst(5)); one of \(ReconcileTimings.engineSteps.keys.sorted().joined(separator: ", "))"
        )
      }
      let times = try (0..<5).map { _ in try ProcessMetrics.time { try run(ledger) } }
      print("seconds=\(times.sorted()[2]) all=\(times) peak_kb=\(ProcessMetrics.peakResidentKilobytes())")
      return
    case "reconcile":
      let ledger = try SnapshotStore.load(path: file)
      let timings = try ReconcileTimings.measure(ledger, snapshot: file)
      print(timings.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))
      return
    case "jobs":
      // Job Calculate WIP, Job Post WIP to G/L and Job WIP To G/L at the end of the year.
      let ledger = try SnapshotStore.load(path: file)
      let date = LedgerDate("2025-12-31") ?? LedgerTable.noDate
      var run: JobWIPRun?
      let calculate = ProcessMetrics.time { run = JobWIPRun(ledger, .init(postingDate: date)) }
      var posted = ledger
      var summary: JobWIPPosting.Summary?
      let post = try ProcessMetrics.time {
        summary = try JobWIPPosting.post(
          &posted, .init(postingDate: date, documentNo: "WIP-BENCH", runDate: date))
      }
      var report: JobWIPToGL?
      let reportSeconds = ProcessMetrics.time { report = JobWIPToGL(posted, .init(postingDate: date)) }
      print(
        "calculate=\(calculate) post=\(post) report=\(reportSeconds) entries=\(run?.entries.count ?? 0)"
          + " posted=\(summary?.wipGLEntriesPosted ?? 0) lines=\(report?.lines.count ?? 0)"
          + " peak_kb=\(ProcessMetrics.peakResidentKilobytes())")
      return
    case "import-csv", "import-rapidstart":
      let kind: BCImport.Kind = task == "import-csv" ? .csv : .rapidStart
      seconds = try ProcessMetrics.time { _ = try BCImport.run(kind, path: file) }
    case "jsondecoder":
      seconds = try ProcessMetrics.time {
        let data = try Data(contentsOf: URL(fileURLWithPath: file))
        let decoded = try JSONDecoder().decode(BaselineSnapshot.self, from: data)
        if decoded.version != 1 { throw ExitCode(1) }
      }
    default:
      throw ValidationError("unknown task \(task)")
    }
    print("seconds=\(seconds) peak_kb=\(ProcessMetrics.peakResidentKilobytes())")
  }

}
