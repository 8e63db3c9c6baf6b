import Foundation
import Testing

@Suite("report command", .serialized)
struct ReportCommandTests {
  let gc1 = fixtures + "/gc1-purchase-overhead-sale.json"

  @Test("valuation CSV follows cli.md")
  func valuation() throws {
    let run = try reconbench(
      "report", "valuation", gc1, "--start", "2020-01-01", "--end", "2020-01-14", "--format", "csv")
    #expect(run.status == 0)
    #expect(
      run.output
        == """
        Item No.,Description,Opening Quantity,Opening Value,Increases Quantity,Increases Value,Decreases Quantity,Decreases Value,Closing Quantity,Closing Value,Cost Posted to G/L
        ITEM1,Office Chair,0,,10,80.00,0,,10,80.00,80.00
        Total RESALE,,,,,80.00,,,,80.00,80.00
        Total,,,,,80.00,,,,80.00,80.00

        """)
  }

  @Test("the other three reports run, in every format, on the sample")
  func others() throws {
    for arguments in [
      ["report", "wip", "--end", "2025-12-31"], ["report", "cost-spec", "--valuation-date", "2025-06-30"],
      ["report", "cost-shares", "--mode", "inventory", "--details"],
      ["report", "cost-shares", "--mode", "wip"],
    ] {
      for format in ["table", "csv", "json"] {
        let run = try reconbench(arguments + ["--format", format])
        #expect(run.status == 0, "\(arguments) \(format): \(run.error)")
        #expect(run.output.count > 200)
      }
    }
  }

  @Test("missing or bad options are usage errors")
  func usage() throws {
    #expect(try reconbench("report", "valuation", gc1).status == 2)
    #expect(try reconbench("report", "valuation", gc1, "--end", "2020-02-30").status == 2)
    #expect(
      try reconbench("report", "valuation", gc1, "--start", "2020-02-01", "--end", "2020-01-01").status == 2)
    #expect(try reconbench("report", "cost-spec", gc1).status == 2)
    #expect(try reconbench("report", "cost-shares", gc1, "--mode", "everything").status == 2)
    #expect(try reconbench("report", "nonsense").status == 2)
  }
}
