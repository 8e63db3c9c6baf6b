import Foundation
import Testing

/// A small closed year written as a snapshot file by hand: a purchase and a sale of 2019 with
/// their G/L, and the closing entries of C2019-12-31.
let closedYearSnapshot = """
  {"format":"reconbench.snapshot","version":1,"company":{"name":"Closed Year Ltd."},
  "glAccounts":[{"no":"2110"},{"no":"7290"},{"no":"7291"},{"no":"3000"}],
  "items":[{"no":"A","inventoryPostingGroup":"RESALE","genProdPostingGroup":"RETAIL"}],
  "inventoryPostingSetup":[{"locationCode":"","inventoryPostingGroup":"RESALE","inventoryAccount":"2110"}],
  "generalPostingSetup":[{"genBusPostingGroup":"","genProdPostingGroup":"RETAIL","cogsAccount":"7290",
    "directCostAppliedAccount":"7291"}],
  "accountingPeriods":[{"startingDate":"2019-01-01","newFiscalYear":true,"closed":true},
    {"startingDate":"2019-07-01","closed":true},{"startingDate":"2020-01-01","newFiscalYear":true}],
  "itemLedgerEntries":[{"entryNo":1,"itemNo":"A","postingDate":"2019-03-10","entryType":"Purchase","quantity":5},
    {"entryNo":2,"itemNo":"A","postingDate":"2019-06-10","entryType":"Sale","quantity":-2}],
  "valueEntries":[
    {"entryNo":1,"itemNo":"A","postingDate":"2019-03-10","itemLedgerEntryType":"Purchase","itemLedgerEntryNo":1,
     "entryType":"Direct Cost","genProdPostingGroup":"RETAIL","inventoryPostingGroup":"RESALE",
     "costAmountActual":500,"costPostedToGL":500},
    {"entryNo":2,"itemNo":"A","postingDate":"2019-06-10","itemLedgerEntryType":"Sale","itemLedgerEntryNo":2,
     "entryType":"Direct Cost","genProdPostingGroup":"RETAIL","inventoryPostingGroup":"RESALE",
     "costAmountActual":-200,"costPostedToGL":-200}],
  "glEntries":[
    {"entryNo":1,"glAccountNo":"2110","postingDate":"2019-03-10","amount":500},
    {"entryNo":2,"glAccountNo":"7291","postingDate":"2019-03-10","amount":-500},
    {"entryNo":3,"glAccountNo":"2110","postingDate":"2019-06-10","amount":-200},
    {"entryNo":4,"glAccountNo":"7290","postingDate":"2019-06-10","amount":200},
    {"entryNo":5,"glAccountNo":"7291","postingDate":"C2019-12-31","amount":500},
    {"entryNo":6,"glAccountNo":"7290","postingDate":"C2019-12-31","amount":-200},
    {"entryNo":7,"glAccountNo":"3000","postingDate":"C2019-12-31","amount":-300}],
  "glItemLedgerRelations":[{"glEntryNo":1,"valueEntryNo":1},{"glEntryNo":2,"valueEntryNo":1},
    {"glEntryNo":3,"valueEntryNo":2},{"glEntryNo":4,"valueEntryNo":2}]}
  """

@Suite("closing dates and posting errors on the command line", .serialized)
struct ClosingDateCommandTests {
  func write(_ text: String) throws -> (folder: String, file: String) {
    let folder = try temporaryFolder()
    let file = folder + "/snapshot.json"
    try text.write(toFile: file, atomically: true, encoding: .utf8)
    return (folder, file)
  }

  func row(_ csv: String, _ caption: String) -> String? {
    csv.split(separator: "\n").first { $0.hasPrefix(caption + ",") }.map(String.init)
  }

  @Test("--date ..D leaves the closing entries out, ..CD and CD take them in")
  func matrixDates() throws {
    let (folder, file) = try write(closedYearSnapshot)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let before = try reconbench("matrix", file, "--date", "..2019-12-31", "--format", "csv")
    #expect(before.status == 0)
    #expect(row(before.output, "COGS") == "COGS,200.00,,,200.00,200.00,,")
    #expect(row(before.output, "Difference") == "Difference,,,,,,,")
    let after = try reconbench("matrix", file, "--date", "..C2019-12-31", "--format", "csv")
    #expect(row(after.output, "COGS") == "COGS,200.00,,,200.00,,-200.00,Closed Fiscal Year")
    let closing = try reconbench("matrix", file, "--date", "C2019-12-31", "--format", "csv")
    // No accounting period starts inside C2019-12-31, so BC's closing walk finds nothing here.
    #expect(row(closing.output, "COGS") == "COGS,,,,,-200.00,-200.00,Direct Posting")
    let day = try reconbench("matrix", file, "--date", "2019-12-31", "--format", "csv")
    #expect(row(day.output, "COGS") == "COGS,,,,,,,")
    let explain = try reconbench("explain", file, "--date", "..2019-12-31", "--format", "csv")
    #expect(
      explain.output
        == "Account Type,G/L Account No.,Cause,Amount,Value Entry Nos.,G/L Entry Nos.,Description\n")
    let closed = try reconbench("explain", file, "--date", "..C2019-12-31", "--format", "csv")
    #expect(closed.output.contains("COGS,7290,Closing entries,-200.00,,6,"))
    let drill = try reconbench(
      "drill", file, "--row", "Direct Cost Applied", "--column", "G/L Total", "--date", "..2019-12-31",
      "--entries",
      "--format", "csv")
    #expect(drill.output.split(separator: "\n").count == 2)  // header and entry 2, not the closing entry 5
    #expect(drill.output.contains("\n2,2019-03-10,7291"))
  }

  @Test("post refuses a run BC would stop: exit 1, one line naming the entry, file unchanged")
  func refusedPost() throws {
    // The sale's value entry becomes an unposted Indirect Cost entry: a combination BC refuses.
    var broken = closedYearSnapshot.replacingOccurrences(
      of: "\"costAmountActual\":-200,\"costPostedToGL\":-200", with: "\"costAmountActual\":-200")
    let sale = try #require(broken.range(of: "\"itemLedgerEntryType\":\"Sale\""))
    let direct = try #require(broken.range(of: "\"Direct Cost\"", range: sale.upperBound..<broken.endIndex))
    broken.replaceSubrange(direct, with: "\"Indirect Cost\"")
    #expect(broken != closedYearSnapshot)
    let (folder, file) = try write(broken)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
    let run = try reconbench("post", file, "--method", "entry", "--in-place")
    #expect(run.status == 1)
    #expect(
      run.error
        == "reconbench: value entry 2: the combination Item Ledger Entry Type = 'Sale', Entry Type = 'Indirect Cost' and Expected Cost = No is not allowed; nothing was posted\n"
    )
    #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == bytes)
    let dry = try reconbench("post", file, "--method", "entry", "--dry-run", "--format", "csv")
    #expect(dry.status == 0)
    #expect(dry.output.contains("Error, stops the run: the combination"))
  }
}
