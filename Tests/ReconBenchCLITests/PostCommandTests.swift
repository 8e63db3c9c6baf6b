import Foundation
import Testing

@Suite("post command", .serialized)
struct PostCommandTests {
  let sample = packageRoot.appendingPathComponent("SampleData/cronus-sample.json").path

  @Test("--dry-run prints the test report and changes nothing")
  func dryRun() throws {
    let before = try Data(contentsOf: URL(fileURLWithPath: sample))
    let run = try reconbench(
      "post", sample, "--method", "posting-group", "--document-no", "IPC-1", "--dry-run", "--format", "csv")
    #expect(run.status == 0)
    let sections = run.output.components(separatedBy: "\n\n")
    #expect(sections.count == 5)
    #expect(
      sections[4].hasPrefix(
        "Entry No.,Item No.,Item Ledger Entry Type,Entry Type,Posting Date,Document No.,Error\n"))
    #expect(
      sections[0].hasPrefix(
        "Entry No.,Item No.,Item Ledger Entry Type,Entry Type,Posting Date,Document No.,G/L Account No.,G/L Account Name,Description,Amount,Problems\n"
      ))
    #expect(
      sections[1].hasPrefix(
        "Item No.,Description,Posting Date,Inventory Posting Group,Document No.,Item Ledger Entry Type,Entry No.,Source No.,Expected Cost,COGS,Inventory Adjustment,Direct Cost Applied,Overhead Applied,Purchase Variance,Mfg. Direct Cost Variance,Manufacturing Ovhd Variance,WIP Inventory,Inventory\n"
      ))
    #expect(sections[1].contains("\nTotal,"))
    #expect(
      sections[2].hasPrefix("Posting Date,Account Type,G/L Account No.,Document No.,Description,Amount\n"))
    #expect(try Data(contentsOf: URL(fileURLWithPath: sample)) == before)
  }

  @Test("post --output writes the posted ledger; a second run has nothing to post")
  func postTwice() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let copy = folder + "/company.json"
    try FileManager.default.copyItem(atPath: sample, toPath: copy)
    let posted = folder + "/posted.json"
    let first = try reconbench("post", copy, "--method", "entry", "--output", posted)
    #expect(first.status == 0)
    #expect(first.output.hasPrefix("31 value entries posted, ") && first.output.hasSuffix(" 0 skipped\n"))
    let matrix = try reconbench("matrix", posted, "--format", "csv")
    #expect(matrix.output.contains("\nDifference,-782418.75,,,,,,\n"))
    let second = try reconbench("post", posted, "--method", "entry", "--in-place")
    #expect(second.status == 1)
    #expect(second.error == "reconbench: there is nothing to post\n")
  }

  @Test("usage errors exit 2")
  func usage() throws {
    #expect(try reconbench("post", sample, "--method", "posting-group", "--dry-run").status == 2)
    #expect(
      try reconbench("post", sample, "--method", "entry", "--document-no", "X", "--dry-run").status == 2)
    #expect(try reconbench("post", sample, "--method", "entry").status == 2)
    #expect(
      try reconbench("post", sample, "--method", "entry", "--in-place", "--output", "/tmp/x").status == 2)
    #expect(try reconbench("post", sample, "--method", "sideways", "--dry-run").status == 2)
  }
}
