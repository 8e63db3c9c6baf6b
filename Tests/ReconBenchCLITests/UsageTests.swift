import Foundation
import Testing

/// Usage errors: one line naming the subcommand, exit 2 (cli.md), nothing on standard output.
@Suite("Usage errors", .serialized)
struct UsageTests {
  @Test("each usage error is one line that names its subcommand")
  func oneLine() throws {
    let cases: [([String], String)] = [
      (
        ["report"],
        "reconbench report: name the report: valuation, wip, cost-spec, cost-shares or job-wip-to-gl"
      ),
      (["jobs"], "reconbench jobs: name the job command: wip or post-wip"),
      (
        ["jobs", "wip", "--posting-date", "2025-13-01"],
        "reconbench jobs wip: --posting-date 2025-13-01: not a date (YYYY-MM-DD)"
      ),
      (
        ["jobs", "wip", "--posting-date", "2025-12-31", "--job", "J1&"],
        "reconbench jobs wip: --job “J1&” column 3: nothing after “&”"
      ),
      (
        ["report", "wip", "--start", "2025-12-31", "--end", "2025-01-01"],
        "reconbench report wip: --start 2025-12-31 is after --end 2025-01-01"
      ),
      (
        ["report", "cost-shares", "--start", "2025-12-31", "--end", "2025-01-01"],
        "reconbench report cost-shares: --start 2025-12-31 is after --end 2025-01-01"
      ),
      (
        ["report", "valuation", "--start", "2025-12-31", "--end", "2025-01-01"],
        "reconbench report valuation: --start 2025-12-31 is after --end 2025-01-01"
      ),
      (["matrix", "--bogus"], "reconbench matrix: Unknown option '--bogus'"),
      (["matrix", "--item", "1000&"], "reconbench matrix: --item “1000&” column 5: nothing after “&”"),
      (["drill", "--row", "Total"], "reconbench drill: "),
    ]
    for (arguments, expected) in cases {
      let run = try reconbench(arguments)
      #expect(run.status == 2, "\(arguments)")
      #expect(run.output.isEmpty, "\(arguments)")
      let lines = run.error.split(separator: "\n")
      #expect(lines.count == 1, "\(arguments): \(run.error)")
      #expect(run.error.hasPrefix(expected), "\(arguments): \(run.error)")
    }
  }

  @Test(
    "an unknown subcommand is a usage error, a missing file is not; without a terminal the workbench exits 2")
  func subcommandsAndTerminal() throws {
    let unknown = try reconbench("matirx")
    #expect(unknown.status == 2)
    #expect(unknown.error.contains("unknown subcommand “matirx”") && unknown.error.contains("matrix"))
    let missing = try reconbench("no-such-dir/ledger.json")
    #expect(missing.status == 1)
    #expect(missing.error == "no-such-dir/ledger.json: no such file or folder\n")
    // The test runner's standard input and output are no terminal.
    let workbench = try reconbench()
    #expect(workbench.status == 2)
    #expect(workbench.error.contains("the workbench needs a terminal"))
  }
}

@Suite("Generate sizes")
struct GenerateSizeTests {
  @Test("a size that cannot fit in memory or on disk is refused in one line, before any work")
  func tooLarge() throws {
    let run = try reconbench("generate", "--value-entries", "1000000000000", "--output", "/tmp/never.json")
    #expect(run.status == 1)
    #expect(run.error.split(separator: "\n").count == 1)
    #expect(run.error.contains("1000000000000 value entries need about") && run.error.contains("of memory"))
    #expect(!FileManager.default.fileExists(atPath: "/tmp/never.json"))
  }
}
