import ArgumentParser
import Foundation
import ReconEngine

/// `reconbench bench`: generates snapshots of growing size and measures loading and saving
/// against Foundation's JSONDecoder on the same file, each measurement in its own process.
struct BenchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench",
    abstract:
      "Measure load, save, matrix and drill at 10k / 100k / 1M value entries; load against JSONDecoder."
  )

  @Option(help: "Comma-separated value-entry counts.")
  var sizes: String = "10000,100000,1000000"

  @Option(help: "Folder for the generated files (deleted afterwards unless --keep).")
  var directory: String = "/tmp/reconbench-bench"

  @Option(help: "Runs per measurement; the median is reported.")
  var repeats: Int = 3

  @Flag(help: "Skip the JSONDecoder baseline.")
  var noBaseline = false

  @Flag(help: "Keep the generated files.")
  var keep = false

  @Flag(name: .customLong("no-import"), help: "Skip the import rows (writing the exports takes a while).")
  var noImport = false

  @Flag(help: "Count each load's instructions with valgrind's callgrind (about 50× slower than the load).")
  var instructions = false

  @Option(help: "Jobs of the project WIP rows (0: no such rows); 10 tasks and 100 job ledger entries each.")
  var jobs: Int = 10_000

  func run() throws {
    let counts = sizes.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    guard !counts.isEmpty else { throw ValidationError("--sizes needs numbers, e.g. 10000,100000") }
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let executable = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
    print(
      "Snapshot load/save benchmark (\(ProcessInfo.processInfo.activeProcessorCount) cores, median of \(repeats))"
    )
    print("")
    let header = [
      "value entries", "file MB", "generate s", "load s", "load peak MB", "save s", "save peak MB",
      "JSONDecoder s", "JSONDecoder peak MB", "load speed-up", "python json.load s", "vs python",
    ]
    var rows: [[String]] = []
    var reconcileRows: [[String]] = []
    var reportRows: [[String]] = []
    var workbenchRows: [[String]] = []
    var importRows: [[String]] = []
    var loadSpeed = 0.0
    var timelineRows: [[String]] = []
    var instructionRows: [[String]] = []
    var cacheRows: [[String]] = []
    var memoryRows: [[String]] = []
    for count in counts {
      let file = "\(directory)/bench-\(count).json"
      let generateSeconds = try ProcessMetrics.time {
        try SnapshotStore.save(
          LedgerGenerator.generate(GeneratorOptions(valueEntries: count, seed: 42)), to: file)
      }
      let size =
        (try FileManager.default.attributesOfItem(atPath: file)[.size] as? NSNumber)?.doubleValue ?? 0
      let load = try measure(executable, "load", file)
      let save = try measure(executable, "save", file)
      var row = [
        String(count), format(size / 1_048_576, 1), format(generateSeconds, 2), format(load.seconds, 3),
        format(Double(load.peakKB) / 1024, 0), format(save.seconds, 3), format(Double(save.peakKB) / 1024, 0),
      ]
      if noBaseline {
        row += ["-", "-", "-", "-", "-"]
      } else {
        let baseline = try measure(executable, "jsondecoder", file, runs: 1)
        row += [
          format(baseline.seconds, 2), format(Double(baseline.peakKB) / 1024, 0),
          format(baseline.seconds / max(load.seconds, 1e-9), 1) + "×",
        ]
        if let python = pythonJSONLoad(file) {
          row += [format(python, 2), format(python / max(load.seconds, 1e-9), 1) + "×"]
        } else {
          row += ["-", "-"]
        }
      }
      rows.append(row)
      cacheRows.append(try measureCache(executable, file, count: count, firstLoad: load.seconds))
      loadSpeed = size / 1_048_576 / max(load.seconds, 1e-9)
      let timings = try measureReconcile(executable, file)
      reconcileRows.append([
        String(count), format((timings["matrix_all"] ?? 0) * 1000, 1),
        format((timings["matrix_month"] ?? 0) * 1000, 1),
        format((timings["drill"] ?? 0) * 1000, 1), String(Int(timings["drill_entries"] ?? 0)),
        format((timings["post_entry"] ?? 0) * 1000, 0), format((timings["post_group"] ?? 0) * 1000, 0),
        String(Int(timings["posted_entries"] ?? 0)),
      ])
      workbenchRows.append(
        [String(count), format(load.seconds * 1000, 0)]
          + ["tui_first", "tui_key_matrix", "tui_key_list", "tui_filter"].map {
            format((timings[$0] ?? 0) * 1000, 1)
          })
      reportRows.append(
        [String(count)]
          + ["report_valuation", "report_wip", "report_cost_spec", "report_cost_shares", "explain"].map {
            format((timings[$0] ?? 0) * 1000, 0)
          })
      if instructions {
        let counted = try countInstructions(executable, file)
        instructionRows.append([
          String(count), format(load.seconds, 3), counted.map(String.init) ?? "-",
          counted.map { String($0 / max(1, count)) } ?? "-",
        ])
      }
      memoryRows.append(
        [String(count), format(Double(load.peakKB) / 1024, 0)]
          + [
            "matrix_all", "drill", "post_entry", "report_valuation", "report_wip", "report_cost_spec",
            "report_cost_shares", "explain", "timeline_month", "evidence",
          ].map { format((timings[$0 + "_peak_kb"] ?? 0) / 1024, 0) } + [
            format(Double(save.peakKB) / 1024, 0)
          ])
      timelineRows.append(
        [String(count)]
          + ["timeline_month", "timeline_first_dates", "evidence"].map {
            format((timings[$0] ?? 0) * 1000, 0)
          })
      if !noImport {
        importRows += try measureImports(executable, file, count: count, loadPeakKB: load.peakKB)
      }
      if !keep { try? FileManager.default.removeItem(atPath: file) }
    }
    print(table(header, rows))
    print("")
    print(
      "Re-opening an unchanged snapshot from the cache (entry written once; re-open median of \(repeats), each in a fresh process: the entry read and checked, then the first workbench frame at 120x40)"
    )
    print("")
    print(
      table(
        [
          "value entries", "cache MB", "write s", "re-open s", "to first screen s", "re-open peak MB",
          "first load s", "re-open speed-up",
        ], cacheRows))
    print("")
    print("Reconciliation on the loaded ledger (median of 5 in one process; posting once each)")
    print("")
    print(
      table(
        [
          "value entries", "matrix ms", "matrix 1 month ms", "drill ms", "drilled entries",
          "post per entry ms",
          "post per group ms", "posted entries",
        ], reconcileRows))
    print("")
    print("Valuation reports and the full explanation over the whole ledger (once each)")
    print("")
    print(
      table(
        ["value entries", "valuation ms", "WIP ms", "cost spec ms", "cost shares ms", "explain ms"],
        reportRows))
    print("")
    print(
      "Timeline over the whole ledger (by month with the causes; the first dates of every field) and the evidence pack (built, hashed, written), once each"
    )
    print("")
    print(table(["value entries", "timeline by month ms", "first dates ms", "evidence ms"], timelineRows))
    print("")
    print(
      "Peak resident memory of each step, MB (the loaded ledger included; load and save in their own processes, the rest one after the other in one, the peak started over before each)"
    )
    print("")
    print(
      table(
        [
          "value entries", "load", "matrix", "drill", "post", "valuation", "WIP", "cost spec", "cost shares",
          "explain", "timeline", "evidence", "save",
        ], memoryRows))
    if !importRows.isEmpty {
      print("")
      print("Import of Business Central exports of the same ledger (written by the test exporter)")
      print("")
      print(
        table(
          [
            "value entries", "export", "files MB", "import s", "MB/s", "import peak MB",
            "snapshot load peak MB", "peak ratio",
          ],
          importRows))
    }
    if jobs > 0 {
      print("")
      print(
        "Project WIP: \(jobs) jobs, \(jobs * 10) tasks, \(jobs * 100) job ledger entries (median of \(repeats); calculate, post and report once per run)"
      )
      print("")
      print(
        table(
          [
            "jobs", "file MB", "load s", "load MB/s", "value-entry load MB/s", "calculate s", "post s",
            "report s", "WIP entries", "peak MB",
          ], [try measureJobs(executable, valueEntryLoadSpeed: loadSpeed)]))
    }
    if !instructionRows.isEmpty {
      print("")
      print(
        "Instructions of one load (valgrind --tool=callgrind on a stripped copy of the binary: repeatable whatever the machine does)"
      )
      print("")
      print(
        table(["value entries", "load s", "instructions", "instructions per value entry"], instructionRows))
    }
    print("")
    print("Workbench through the pure renderer at 120x40 (key presses: median of 9)")
    print("")
    print(
      table(
        [
          "value entries", "load ms", "first screen after load ms", "key in matrix ms", "key in list ms",
          "filter change ms",
        ], workbenchRows))
  }

  /// The project WIP rows: a snapshot of `jobs` jobs (6 posting tasks in two WIP groups, 10 tasks
  /// in all, 100 job ledger entries each) over a small inventory ledger; load, then calculate,
  /// post and report in one process, each run in its own.
  func measureJobs(_ executable: String, valueEntryLoadSpeed: Double) throws -> [String] {
    let file = "\(directory)/bench-jobs-\(jobs).json"
    var ledger = LedgerGenerator.generate(GeneratorOptions(valueEntries: 1_000, seed: 42))
    JobGenerator.addJobs(
      to: &ledger, JobGeneratorOptions(jobs: jobs, postingTasksPerJob: 6, ledgerEntries: jobs * 100, seed: 42)
    )
    ledger.rebuildIndexes()
    try SnapshotStore.save(ledger, to: file)
    defer { if !keep { try? FileManager.default.removeItem(atPath: file) } }
    let size = try sizeOf(file)
    let load = try measure(executable, "load", file)
    var runs: [[String: Double]] = []
    for _ in 0..<max(1, repeats) { runs.append(try worker(executable, "jobs", file)) }
    func median(_ key: String) -> Double {
      let values = runs.map { $0[key] ?? 0 }.sorted()
      return values[values.count / 2]
    }
    return [
      String(jobs), format(size / 1_048_576, 1), format(load.seconds, 3),
      format(size / 1_048_576 / max(load.seconds, 1e-9), 0),
      valueEntryLoadSpeed > 0 ? format(valueEntryLoadSpeed, 0) : "-", format(median("calculate"), 3),
      format(median("post"), 3), format(median("report"), 3), String(Int(median("entries"))),
      format(median("peak_kb") / 1024, 0),
    ]
  }

  /// The instructions of `bench-worker load FILE` under callgrind, or nil when valgrind or
  /// strip is missing. valgrind's reader gives up on the release binary's debug information,
  /// so it runs a stripped copy (counts do not need symbols).
  func countInstructions(_ executable: String, _ file: String) throws -> Int? {
    let stripped = "\(directory)/reconbench-stripped"
    defer { try? FileManager.default.removeItem(atPath: stripped) }
    func run(_ tool: String, _ arguments: [String]) throws -> (status: Int32, error: String) {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      process.arguments = [tool] + arguments
      let errorPath = "\(directory)/\(tool).stderr"
      _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
      let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
      process.standardError = handle
      process.standardOutput = FileHandle.nullDevice
      try process.run()
      process.waitUntilExit()
      try handle.close()
      let text = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
      try? FileManager.default.removeItem(atPath: errorPath)
      return (process.terminationStatus, text)
    }
    guard try run("strip", ["-o", stripped, executable]).status == 0 else { return nil }
    let result = try run(
      "valgrind",
      ["--tool=callgrind", "--callgrind-out-file=/dev/null", stripped, "bench-worker", "load", file])
    guard result.status == 0,
      let line = result.error.split(separator: "\n").first(where: { $0.contains("Collected :") })
    else { return nil }
    return Int(line.split(separator: ":").last?.trimmingCharacters(in: .whitespaces) ?? "")
  }

  /// Writes the ledger as a bc2adls lake and as a RapidStart package, and times importing each.
  func measureImports(_ executable: String, _ file: String, count: Int, loadPeakKB: Int) throws -> [[String]]
  {
    let ledger = try SnapshotStore.load(path: file)
    let lake = "\(directory)/lake-\(count)"
    let package = "\(directory)/package-\(count).rapidstart"
    try? FileManager.default.removeItem(atPath: lake)
    try BCExportWriter.writeLake(ledger, to: lake)
    try BCExportWriter.writePackage(ledger, to: package)
    defer {
      if !keep {
        try? FileManager.default.removeItem(atPath: lake)
        try? FileManager.default.removeItem(atPath: package)
      }
    }
    var rows: [[String]] = []
    for (label, task, path) in [
      ("bc2adls CSV", "import-csv", lake), (".rapidstart", "import-rapidstart", package),
    ] {
      let bytes = try sizeOf(path)
      let result = try measure(executable, task, path, runs: min(repeats, 2))
      rows.append([
        String(count), label, format(bytes / 1_048_576, 1), format(result.seconds, 2),
        format(bytes / 1_048_576 / max(result.seconds, 1e-9), 0), format(Double(result.peakKB) / 1024, 0),
        format(Double(loadPeakKB) / 1024, 0),
        format(Double(result.peakKB) / Double(max(loadPeakKB, 1)), 2) + "×",
      ])
    }
    return rows
  }

  /// Bytes of a file, or of every file below a folder.
  func sizeOf(_ path: String) throws -> Double {
    var isDirectory: ObjCBool = false
    _ = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
    guard isDirectory.boolValue else {
      return (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.doubleValue ?? 0
    }
    var total = 0.0
    for relative in FileManager.default.subpaths(atPath: path) ?? [] {
      let attributes = try FileManager.default.attributesOfItem(atPath: path + "/" + relative)
      if attributes[.type] as? FileAttributeType == .typeRegular {
        total += (attributes[.size] as? NSNumber)?.doubleValue ?? 0
      }
    }
    return total
  }

  struct Measurement {
    var seconds: Double
    var peakKB: Int
  }

  /// Writes the file's cache entry once (into a folder beside it), re-opens from it `repeats`
  /// times, removes it.
  func measureCache(_ executable: String, _ file: String, count: Int, firstLoad: Double) throws -> [String] {
    let folder = file + ".cache"
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let write = try measure(executable, "cache-write", file, runs: 1)
    let entryBytes = SnapshotCache(folder: folder).entries().reduce(0) { $0 + $1.bytes }
    var runs: [[String: Double]] = []
    for _ in 0..<max(1, repeats) { runs.append(try worker(executable, "cache-open", file)) }
    runs.sort { ($0["seconds"] ?? 0) < ($1["seconds"] ?? 0) }
    let median = runs[runs.count / 2]
    return [
      String(count), format(Double(entryBytes) / 1_048_576, 1), format(write.seconds, 2),
      format(median["load"] ?? 0, 3), format(median["seconds"] ?? 0, 3),
      format((median["peak_kb"] ?? 0) / 1024, 0), format(firstLoad, 3),
      format(firstLoad / max(median["load"] ?? 0, 1e-9), 1) + "×",
    ]
  }

  /// Python's `json.load` of the file in seconds (the baseline), or nil without python3.
  func pythonJSONLoad(_ file: String) -> Double? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
      "python3", "-c",
      "import json,sys,time\nt=time.perf_counter()\nwith open(sys.argv[1],'rb') as f: json.load(f)\nprint(time.perf_counter()-t)",
      file,
    ]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return nil }
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    return Double(output.trimmingCharacters(in: .whitespacesAndNewlines))
  }

  func measure(_ executable: String, _ task: String, _ file: String, runs: Int? = nil) throws -> Measurement {
    var results: [Measurement] = []
    for _ in 0..<max(1, runs ?? repeats) {
      let values = try worker(executable, task, file)
      results.append(Measurement(seconds: values["seconds"] ?? 0, peakKB: Int(values["peak_kb"] ?? 0)))
    }
    results.sort { $0.seconds < $1.seconds }
    return results[results.count / 2]
  }

  /// The `key=value` timings of the reconcile worker.
  func measureReconcile(_ executable: String, _ file: String) throws -> [String: Double] {
    try worker(executable, "reconcile", file)
  }

  /// Runs one `bench-worker` task in its own process and reads its `key=value` output.
  func worker(_ executable: String, _ task: String, _ file: String) throws -> [String: Double] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = ["bench-worker", task, file]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw ValidationError("bench-worker \(task) failed with status \(process.terminationStatus)")
    }
    var values: [String: Double] = [:]
    for part in output.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
      let pair = part.split(separator: "=")
      if pair.count == 2 { values[String(pair[0])] = Double(pair[1]) }
    }
    return values
  }

  func format(_ value: Double, _ decimals: Int) -> String {
    String(format: "%.\(decimals)f", value)
  }

  /// A Markdown table, so the output can be pasted into the README as is.
  func table(_ header: [String], _ rows: [[String]]) -> String {
    var widths = header.map(\.count)
    for row in rows {
      for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
    }
    func line(_ cells: [String]) -> String {
      "| "
        + cells.enumerated().map { index, cell in
          String(repeating: " ", count: widths[index] - cell.count) + cell
        }.joined(separator: " | ") + " |"
    }
    let rule = "|" + widths.map { String(repeating: "-", count: $0 + 1) + ":" }.joined(separator: "|") + "|"
    return ([line(header), rule] + rows.map(line)).joined(separator: "\n")
  }
}
