import ArgumentParser
import ReconEngine

#if canImport(Glibc)
  import Glibc
#endif

struct GenerateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "generate",
    abstract: "Write a seeded synthetic company with about N value entries."
  )

  @Option(name: .customLong("value-entries"), help: "Number of value entries (at least 1).")
  var valueEntries: Int

  @Option(help: "Random seed: the same seed always gives the same file.")
  var seed: UInt64 = 1

  @Option(help: "Fiscal year of the activity.")
  var year: Int = 2025

  @Flag(name: .customLong("no-expected-cost-posting"), help: "Switch expected cost posting to G/L off.")
  var noExpectedCostPosting = false

  @Option(help: "Projects (jobs) to add, with their tasks, planning lines and job ledger entries.")
  var jobs: Int = 0

  @Option(name: .customLong("job-tasks"), help: "Posting tasks per job (in WIP groups of up to four).")
  var jobTasks: Int = 6

  @Option(name: .customLong("job-ledger-entries"), help: "Job ledger entries in all (default: 100 per job).")
  var jobLedgerEntries: Int?

  @Option(help: "Output file (written atomically).")
  var output: String

  @OptionGroup var cacheOptions: CacheOptions

  func validate() throws {
    guard valueEntries >= 1 else { throw ValidationError("--value-entries must be at least 1") }
    guard (1900...9000).contains(year) else { throw ValidationError("--year must be between 1900 and 9000") }
    guard jobs >= 0, jobs <= 10_000_000 else {
      throw ValidationError("--jobs must be between 0 and 10,000,000")
    }
    guard (1...1_000).contains(jobTasks) else {
      throw ValidationError("--job-tasks must be between 1 and 1,000")
    }
    if let count = jobLedgerEntries, count < 0 || count > 100_000_000 {
      throw ValidationError("--job-ledger-entries must be between 0 and 100,000,000")
    }
  }

  /// Measured on the 1M file: 850 bytes of JSON per value entry (with the other tables), and
  /// generating holds about 1 KB per entry at its peak.
  static let fileBytesPerEntry = 850
  static let memoryBytesPerEntry = 1_024

  func run() throws {
    if let refusal = Self.refusal(valueEntries: valueEntries, output: output) {
      FileHandleOutput.standardError("reconbench generate: \(refusal)")
      throw ExitCode(1)
    }
    var options = GeneratorOptions(valueEntries: valueEntries, seed: seed)
    options.year = year
    options.expectedCostPostingToGL = !noExpectedCostPosting
    var ledger = LedgerGenerator.generate(options)
    if jobs > 0 {
      var jobOptions = JobGeneratorOptions(
        jobs: jobs, postingTasksPerJob: jobTasks, ledgerEntries: jobLedgerEntries ?? jobs * 100, seed: seed,
        year: year)
      jobOptions.year = year
      JobGenerator.addJobs(to: &ledger, jobOptions)
      ledger.rebuildIndexes()
    }
    try saveSnapshot(ledger, to: output, cache: cacheOptions)
    let counts = ledger.tableCounts.filter { $0.count > 0 }.map { "\($0.count) \($0.name)" }
    FileHandleOutput.standardOutput("\(output): \(counts.joined(separator: ", "))")
  }

  /// Why a size cannot be generated here (memory or disk too small), or nil.
  static func refusal(valueEntries: Int, output: String) -> String? {
    let (memoryNeed, memoryOverflow) = valueEntries.multipliedReportingOverflow(by: memoryBytesPerEntry)
    let (diskNeed, diskOverflow) = valueEntries.multipliedReportingOverflow(by: fileBytesPerEntry)
    let memory = Int(sysconf(Int32(_SC_PHYS_PAGES))) &* Int(sysconf(Int32(_SC_PAGESIZE)))
    let folder = FilePaths.folder(of: output)
    var disk = Int.max
    var info = statvfs()
    if statvfs(folder, &info) == 0 { disk = Int(info.f_bavail) &* Int(info.f_frsize) }
    let needsMemory = memoryOverflow || memoryNeed > memory
    let needsDisk = diskOverflow || diskNeed > disk
    guard needsMemory || needsDisk else { return nil }
    let memoryText = memoryOverflow ? "more than \(bytes(Int.max))" : bytes(memoryNeed)
    let diskText = diskOverflow ? "more than \(bytes(Int.max))" : bytes(diskNeed)
    return "\(valueEntries) value entries need about \(memoryText) of memory and \(diskText) of disk; "
      + "this machine has \(bytes(memory)) of memory and \(disk == Int.max ? "unknown" : bytes(disk)) free in \(folder)"
  }

  static func bytes(_ count: Int) -> String {
    let units = ["bytes", "KB", "MB", "GB", "TB", "PB", "EB"]
    var value = Double(count)
    var unit = 0
    while value >= 1024 && unit < units.count - 1 {
      value /= 1024
      unit += 1
    }
    return unit == 0 ? "\(count) bytes" : "\((value * 10).rounded() / 10) \(units[unit])"
  }
}
