import Testing

@testable import ReconEngine

/// The two worked cases of examples.md, every visible cell asserted.
@Suite("Worked examples")
struct WorkedExampleTests {
  @Test("GC-1 all dates: reconciled; raw flag Posting Date but no visible warning")
  func gc1AllDates() throws {
    let ledger = try fixture("gc1-purchase-overhead-sale")
    #expect(
      try matrixCSV(ledger)
        == fullGrid([
          "Direct Cost Applied": "-70.00,,,-70.00,-70.00,,",
          "Overhead Applied": "-10.00,,,-10.00,-10.00,,",
          "COGS": "80.00,,,80.00,80.00,,",
        ]))
    let result = try reconcile(ledger)
    #expect(result.warnings == WarningFlags(expectedCostSetup: false, chain: .postingDate))
    #expect(result.glLines.count == 3)  // 7291, 7292, 7290; no line for 2130 (net change 0)
  }

  @Test("GC-1 ..2020-01-14: before the sale; raw flag Direct Posting, nothing visible")
  func gc1BeforeSale() throws {
    let ledger = try fixture("gc1-purchase-overhead-sale")
    #expect(
      try matrixCSV(ledger, date: "..2020-01-14")
        == fullGrid([
          "Direct Cost Applied": "-70.00,,,-70.00,-70.00,,",
          "Overhead Applied": "-10.00,,,-10.00,-10.00,,",
          "Total": "80.00,,,,,,",
          "G/L Total": "80.00,,,,,,",
        ]))
    #expect(try reconcile(ledger, date: "..2020-01-14").warnings?.chain == .directPosting)
  }

  @Test("GC-1 with an item filter hides G/L Total, Difference and Warning")
  func gc1ItemFilter() throws {
    let ledger = try fixture("gc1-purchase-overhead-sale")
    var expected = ["Row,Inventory,Inventory (Interim),WIP Inventory,Total"]
    for row in MatrixRow.allCases.prefix(15) {
      let values: [MatrixRow: String] = [
        .directCostApplied: "-70.00,,,-70.00", .overheadApplied: "-10.00,,,-10.00", .cogs: "80.00,,,80.00",
      ]
      expected.append(row.caption + "," + (values[row] ?? ",,,"))
    }
    #expect(try matrixCSV(ledger, item: "ITEM1") == expected.joined(separator: "\n") + "\n")
    #expect(try reconcile(ledger, item: "ITEM1").warnings == nil)
    // An item filter that matches nothing leaves every cell empty.
    let nothing = try matrixCSV(ledger, date: "2020-01-01..2020-01-31", item: "OTHER*")
    #expect(nothing.split(separator: "\n").dropFirst().allSatisfy { $0.hasSuffix(",,,,") })
  }

  @Test("GC-1 without warnings: rows 1–17, six columns")
  func gc1NoWarnings() throws {
    let csv = try matrixCSV(try fixture("gc1-purchase-overhead-sale"), warnings: false)
    let lines = csv.split(separator: "\n")
    #expect(lines.first == "Row,Inventory,Inventory (Interim),WIP Inventory,Total,G/L Total,Difference")
    #expect(lines.count == 18)
    #expect(lines.last == "Difference,,,,,,")
  }

  @Test("GC-3 expected cost, posting on: after receipt and after invoice")
  func gc3() throws {
    let ledger = try fixture("gc3-expected-cost")
    #expect(
      try matrixCSV(ledger, date: "..2020-01-10")
        == fullGrid([
          "Invt. Accrual (Interim)": ",-95.00,,-95.00,-95.00,,",
          "Total": ",95.00,,,,,",
          "G/L Total": ",95.00,,,,,",
        ]))
    #expect(
      try matrixCSV(ledger, date: "..2020-01-31")
        == fullGrid([
          "Direct Cost Applied": "-100.00,,,-100.00,-100.00,,",
          "Total": "100.00,,,,,,",
          "G/L Total": "100.00,,,,,,",
        ]))
  }

  @Test("GC-3b expected cost posting off: the Expected Cost Setup warning")
  func gc3b() throws {
    let ledger = try fixture("gc3b-expected-cost-posting-off")
    #expect(
      try matrixCSV(ledger, date: "..2020-01-10")
        == fullGrid([
          "Invt. Accrual (Interim)": ",-95.00,,-95.00,,95.00,Expected Cost Setup",
          "Total": ",95.00,,,,,",
          "Difference": ",-95.00,,,,,",
          "Warning": ",Expected Cost Setup,,,,,",
        ]))
    let result = try reconcile(ledger, date: "..2020-01-10")
    #expect(result.warnings == WarningFlags(expectedCostSetup: true, chain: nil))
    // At the end of the month both sides net to zero: nothing visible.
    #expect(
      try matrixCSV(ledger, date: "..2020-01-31")
        == fullGrid([
          "Direct Cost Applied": "-100.00,,,-100.00,-100.00,,",
          "Total": "100.00,,,,,,",
          "G/L Total": "100.00,,,,,,",
        ]))
  }

  @Test("GC-3c expected cost not yet posted: BC's chain says Posting Date")
  func gc3c() throws {
    let ledger = try fixture("gc3c-expected-cost-unposted")
    #expect(
      try matrixCSV(ledger, date: "..2020-01-10")
        == fullGrid([
          "Invt. Accrual (Interim)": ",-95.00,,-95.00,,95.00,Posting Date",
          "Total": ",95.00,,,,,",
          "Difference": ",-95.00,,,,,",
          "Warning": ",Posting Date,,,,,",
        ]))
  }

  @Test("drill-down: cell → report lines → entries → related entries")
  func drill() throws {
    let ledger = try fixture("gc1-purchase-overhead-sale")
    let result = try reconcile(ledger)
    let items = result.drill(.directCostApplied, .inventory)
    #expect(items.itemLines.count == 1 && items.glLines.isEmpty)
    #expect(items.itemLines[0].amount == ExactDecimal(-70))
    let entries = result.valueEntryRows(for: items, in: ledger)
    #expect(entries.map { ledger.valueEntries[Columns.valueEntry.entryNo, $0] } == [1])
    let gl = result.drill(.directCostApplied, .glTotal)
    #expect(gl.itemLines.isEmpty && gl.glLines.count == 1)
    let glRows = result.glEntryRows(for: gl, in: ledger)
    #expect(glRows.map { ledger.glEntries[Columns.glEntry.entryNo, $0] } == [2])
    // Third level: value entry 1 was posted to G/L entries 1 and 2, and G/L entry 2 leads back.
    #expect(
      ledger.glEntryRows(ofValueEntryRow: entries[0]).map { ledger.glEntries[Columns.glEntry.entryNo, $0] }
        == [1, 2])
    #expect(ledger.valueEntryRows(ofGLEntryRow: glRows[0]) == entries)
    // A Difference cell opens both sides, and the lines add up to the cell.
    let difference = result.drill(.difference, .inventory)
    #expect(difference.itemLines.isEmpty && difference.glLines.isEmpty)  // 2130 nets to 0, ITEM1 too
    let before = try reconcile(ledger, date: "..2020-01-14").drill(.directCostApplied, .difference)
    #expect(before.itemLines.count == 1 && before.glLines.count == 1)
    #expect(before.itemLines[0].amount.units + before.glLines[0].amount.units == 0)
  }
}
