import Foundation
import Testing

@Suite("explain command", .serialized)
struct ExplainCommandTests {
  @Test("explain CSV: the columns of cli.md, items summing to the matrix's Differences")
  func csv() throws {
    let run = try reconbench("explain", "--date", "2025-10-01..2025-12-27", "--format", "csv")
    #expect(run.status == 0)
    #expect(
      run.output
        == """
        Account Type,G/L Account No.,Cause,Amount,Value Entry Nos.,G/L Entry Nos.,Description
        Inventory,2120,Direct posting,1250.00,,5833,1 G/L entries with no value entry behind them

        """)
    let all = try reconbench("explain", "--format", "csv")
    #expect(all.status == 0 && !all.output.contains("Unexplained"))
    #expect(all.output.contains("Inventory,2110,Posting setup changed,-783668.75,"))
  }

  @Test("explain refuses item and location filters, and reads table and json")
  func formats() throws {
    #expect(try reconbench("explain", "--item", "1000").status == 2)
    let attributed = try reconbench("explain", "--item", "1000..1999", "--attribute-gl", "--format", "csv")
    #expect(
      attributed.status == 0 && attributed.output.contains("Inventory,2110,Posting setup changed,-783668.75,")
    )
    let matrix = try reconbench("matrix", "--item", "1000..1999", "--attribute-gl", "--format", "csv")
    #expect(
      matrix.output.hasPrefix("Row,Inventory,Inventory (Interim),WIP Inventory,Total,G/L Total,Difference\n"))
    #expect(matrix.output.contains("\nDifference,-792400.72,-3811.27,,,,\n"))
    #expect(try reconbench("explain", "--format", "table").output.contains("Reconciling items"))
    let json = try reconbench("explain", "--format", "json")
    let object = try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any]
    #expect((object?["rows"] as? [Any])?.isEmpty == false)
  }
}
