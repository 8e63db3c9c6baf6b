import ArgumentParser
import Foundation
import ReconEngine

/// `reconbench cache`: where the snapshot cache is, what it holds, and `--clear`.
struct CacheCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "cache",
    abstract: "List the cached ledgers (re-opening an unchanged snapshot reads them instead of its JSON).",
    discussion: """
      The cache is $XDG_CACHE_HOME/reconbench (else ~/.cache/reconbench), limited to 5 GiB \
      (RECONBENCH_CACHE_SIZE, e.g. 10G); least recently used entries go first. Snapshots under 4 MiB \
      are not cached. An entry is used only for the very file it was made from (path, inode, size, \
      times and sampled content) and only when its checksums hold.
      """)

  @Flag(help: "Remove every cached ledger.")
  var clear = false

  func run() throws {
    guard let cache = SnapshotCache.standard(environment: ProcessInfo.processInfo.environment) else {
      FileHandleOutput.standardOutput("The cache is off (RECONBENCH_NO_CACHE) or no cache folder is known.")
      return
    }
    if clear {
      let removed = cache.clear()
      FileHandleOutput.standardOutput(
        "\(cache.folder): removed \(removed) cached ledger\(removed == 1 ? "" : "s")")
      return
    }
    let entries = cache.entries()
    let total = entries.reduce(0) { $0 + $1.bytes }
    FileHandleOutput.standardOutput(
      "\(cache.folder): \(entries.count) cached ledger\(entries.count == 1 ? "" : "s"), \(megabytes(total)) of \(megabytes(cache.sizeLimit))"
    )
    for entry in entries {
      let used = Date(timeIntervalSince1970: TimeInterval(entry.lastUsed))
      FileHandleOutput.standardOutput(
        "  \(megabytes(entry.bytes))  last used \(ISO8601DateFormatter().string(from: used))  \(entry.snapshot ?? "(unreadable: removed on next use)")"
      )
    }
  }

  private func megabytes(_ bytes: Int) -> String {
    String(format: "%.1f MB", Double(bytes) / 1_000_000)
  }
}
