import Foundation
import Testing

let fixtures = packageRoot.appendingPathComponent("Tests/ReconEngineTests/Fixtures").path

@Suite("matrix and drill commands", .serialized)
struct ReconciliationCommandTests {
  @Test("matrix --format csv follows cli.md to the character")
  func matrixCSV() throws {
    let run = try reconbench(
      "matrix", fixtures + "/gc3b-expected-cost-posting-off.json", "--date", "..2020-01-10", "--format", "csv"
    )
    #expect(run.status == 0)
    let lines = run.output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(lines[0] == "Row,Inventory,Inventory (Interim),WIP Inventory,Total,G/L Total,Difference,Warning")
    #expect(lines[7] == "Invt. Accrual (Interim),,-95.00,,-95.00,,95.00,Expected Cost Setup")
    #expect(lines[17] == "Difference,,-95.00,,,,,")
    #expect(lines[18] == "Warning,,Expected Cost Setup,,,,,")
    #expect(lines.count == 20 && lines[19].isEmpty)
  }

  @Test("matrix table and json")
  func matrixFormats() throws {
    let table = try reconbench("matrix", fixtures + "/gc1-purchase-overhead-sale.json")
    #expect(table.status == 0)
    #expect(table.output.contains("Direct Cost Applied"))
    #expect(table.output.contains("-70.00"))
    let json = try reconbench(
      "matrix", fixtures + "/gc1-purchase-overhead-sale.json", "--format", "json", "--item", "ITEM1")
    #expect(json.status == 0)
    let object = try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any]
    let columns = object?["columns"] as? [String]
    #expect(columns == ["Row", "Inventory", "Inventory (Interim)", "WIP Inventory", "Total"])
    let rows = object?["rows"] as? [[String: String]]
    #expect(rows?.count == 15)
    #expect(
      rows?[7] == [
        "Row": "COGS", "Inventory": "80.00", "Inventory (Interim)": "", "WIP Inventory": "", "Total": "80.00",
      ])
  }

  @Test("drill lists report lines, then entries")
  func drill() throws {
    let file = fixtures + "/gc1-purchase-overhead-sale.json"
    let lines = try reconbench(
      "drill", file, "--row", "Direct Cost Applied", "--column", "Inventory", "--format", "csv")
    #expect(lines.status == 0)
    #expect(lines.output == "Type,No.,Description,Amount\nItem,ITEM1,Office Chair,-70.00\n")
    let entries = try reconbench(
      "drill", file, "--row", "COGS", "--column", "Total", "--entries", "--format", "csv")
    #expect(
      entries.output
        == "Entry No.,Posting Date,Item No.,Item Ledger Entry Type,Entry Type,Document No.,Location Code,Valued Quantity,Cost Amount (Actual),Cost Amount (Expected),Cost Posted to G/L,Expected Cost Posted to G/L\n3,2020-01-15,ITEM1,Sale,Direct Cost,102001,,-10,-80.00,,-80.00,\n"
    )
    let gl = try reconbench(
      "drill", file, "--row", "COGS", "--column", "G/L Total", "--entries", "--format", "csv")
    #expect(
      gl.output
        == "Entry No.,Posting Date,G/L Account No.,Document No.,Description,Amount\n6,2020-01-15,7290,102001,Inventory posting,80.00\n"
    )
  }

  @Test("drill into a warning cell prints its explanation")
  func warningCell() throws {
    let run = try reconbench(
      "drill", fixtures + "/gc3b-expected-cost-posting-off.json", "--date", "..2020-01-10", "--row",
      "Warning", "--column",
      "Inventory (Interim)", "--format", "csv")
    #expect(run.status == 0)
    #expect(
      run.output.hasPrefix(
        "Warning,Explanation\nExpected Cost Setup,\"Expected-cost posting is switched off, so"))
  }

  @Test("bad rows, columns, filters and hidden cells are usage errors")
  func usage() throws {
    let file = fixtures + "/gc1-purchase-overhead-sale.json"
    #expect(try reconbench("drill", file, "--row", "Nope", "--column", "Total").status == 2)
    #expect(try reconbench("drill", file, "--row", "COGS", "--column", "Nope").status == 2)
    #expect(try reconbench("matrix", file, "--date", "2020-13-01").status == 2)
    let hidden = try reconbench("drill", file, "--row", "COGS", "--column", "G/L Total", "--item", "ITEM1")
    #expect(hidden.status == 2 && hidden.error.contains("not shown"))
  }

  @Test("matrix with no snapshot uses the bundled sample")
  func sample() throws {
    let run = try reconbench("matrix", "--format", "csv")
    #expect(run.status == 0)
    #expect(run.output.hasPrefix("Row,Inventory,"))
  }

  @Test("a malformed filter is a usage error naming the bad character; exit 2, nothing on standard output")
  func malformedFilters() throws {
    for (arguments, expected) in [
      (["matrix", "--item", "1000&"], "--item “1000&” column 5: nothing after “&”"),
      (["matrix", "--location", "(BLUE"], "--location “(BLUE” column 1: “(”"),
      (["explain", "--item", "|"], "--item “|” column 1: nothing before “|”"),
      (["matrix", "--date", "2025-12-31..2025-01-01"], "the range is reversed"),
      (
        ["drill", "--row", "Total", "--column", "Inventory", "--date", "2025-02-30"],
        "2025-02-30 is no day of the calendar"
      ),
      (
        ["report", "valuation", "--end", "2025-12-31", "--item", "10*&"],
        "--item “10*&” column 4: nothing after “&”"
      ),
    ] {
      let run = try reconbench(arguments)
      #expect(run.status == 2, "\(arguments)")
      #expect(run.output.isEmpty, "\(arguments)")
      #expect(run.error.contains(expected), "\(arguments): \(run.error)")
    }
  }
}
