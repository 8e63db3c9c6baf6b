import Foundation
import Testing

@testable import ReconEngine

let sampleData = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent().appendingPathComponent("SampleData").path

/// The bundled sample company and its documented problems (SampleData/README.md).
@Suite("Sample company")
struct SampleCompanyTests {
  let sample = SampleCompany.load()

  @Test("the committed files are exactly what the engine builds")
  func committedFilesMatch() throws {
    for (name, expectedCost) in [
      (SampleCompany.fileName, true), (SampleCompany.expectedCostOffFileName, false),
    ] {
      let onDisk = try Data(contentsOf: URL(fileURLWithPath: sampleData + "/" + name))
      let built = SnapshotStore.encode(SampleCompany.build(expectedCostPosting: expectedCost))
      #expect(Array(onDisk) == built, "\(name) is stale: run `reconbench export-sample`")
      _ = try SnapshotStore.load(path: sampleData + "/" + name)
    }
  }

  @Test("a real company's year: 30 items, three groups, three locations, every kind of entry")
  func shape() throws {
    #expect(sample.items.count == 30)
    #expect(sample.locations.count == 3)
    #expect(Set(sample.items.ids(Columns.item.inventoryPostingGroup)).count == 3)
    let methods = Set(sample.items.indices.map { sample.items[Columns.item.costingMethod, $0] })
    #expect(methods == [.fifo, .average, .standard])
    #expect((2_000...5_000).contains(sample.valueEntries.count))
    let ve = Columns.valueEntry
    var variances = Set<VarianceType>()
    var kinds = Set<String>()
    for row in sample.valueEntries.indices {
      variances.insert(sample.valueEntries[ve.varianceType, row])
      kinds.insert(
        sample.valueEntries[ve.itemLedgerEntryType, row].caption + "/"
          + sample.valueEntries[ve.entryType, row].caption)
      if !sample.valueEntries[ve.itemChargeNo, row].isBlank { kinds.insert("item charge") }
    }
    #expect(variances == Set(VarianceType.allCases))
    for kind in [
      "Purchase/Direct Cost", "Sale/Direct Cost", "Transfer/Direct Cost", "Positive Adjmt./Direct Cost",
      "Negative Adjmt./Direct Cost", "item charge", "Consumption/Direct Cost", "/Direct Cost",
      "/Indirect Cost",
      "Output/Direct Cost", "Output/Variance",
    ] {
      #expect(kinds.contains(kind), "missing \(kind)")
    }
    #expect(kinds.contains { $0.hasSuffix("/Revaluation") } && kinds.contains { $0.hasSuffix("/Rounding") })
    #expect(sample.expectedCostPostingToGL)
  }

  @Test("all dates: unposted last days, the setup change and the manual line, Post Cost to G/L")
  func allDates() throws {
    let result = try reconcile(sample)
    // −783,668.75 (old account) − 9,316.33 (unposted) + 1,250.00 (manual line)
    #expect(result.difference[.inventory] == ExactDecimal(units: -79_173_508_000))
    #expect(result.difference[.inventoryInterim] == ExactDecimal(units: -199_591_000))
    #expect(result.warnings?.chain == .postCostToGL)
    #expect(result.cell(.warning, .inventory) == .warning(.postCostToGL, .inventory))
  }

  @Test("..2025-09-30: the old resale account's balance and the deleted account's entries")
  func toSeptember() throws {
    let result = try reconcile(sample, date: "..2025-09-30")
    #expect(result.difference[.inventory] == ExactDecimal(units: -78_366_875_000))
    #expect(result.difference[.inventoryInterim].isZero && result.difference[.wipInventory].isZero)
    #expect(result.cell(.warning, .inventory) == .warning(.deletedAccounts, .inventory))
  }

  @Test("2025-10-01..2025-12-27: the manual journal line, Direct Posting")
  func lastQuarter() throws {
    let result = try reconcile(sample, date: "2025-10-01..2025-12-27")
    #expect(result.difference[.inventory] == ExactDecimal(1_250))
    #expect(result.cell(.warning, .inventory) == .warning(.directPosting, .inventory))
  }

  @Test("March and April: the freight charge whose G/L entries sit in the wrong month")
  func postingDateMismatch() throws {
    #expect(
      try reconcile(sample, date: "2025-03-01..2025-03-31").difference[.directCostApplied]
        == ExactDecimal(units: -48_620_000))
    #expect(
      try reconcile(sample, date: "2025-04-01..2025-04-30").difference[.directCostApplied]
        == ExactDecimal(units: 48_620_000))
    #expect(try reconcile(sample, date: "2025-03-01..2025-04-30").difference[.directCostApplied].isZero)
  }

  @Test("expected cost posting off: Expected Cost Setup on the interim cells")
  func expectedCostOff() throws {
    let ledger = SampleCompany.build(expectedCostPosting: false)
    let result = try reconcile(ledger)
    #expect(result.warnings?.expectedCostSetup == true)
    #expect(result.difference[.cogsInterim] == ExactDecimal(units: -6_250_756_000))
    #expect(result.difference[.invtAccrualInterim] == ExactDecimal(units: 3_706_144_000))
    #expect(result.cell(.warning, .inventoryInterim) == .warning(.expectedCostSetup, .inventoryInterim))
    #expect(result.cell(.cogsInterim, .warning) == .warning(.expectedCostSetup, .cogsInterim))
    #expect(result.cell(.warning, .inventory) == .warning(.postCostToGL, .inventory))
  }

  @Test("the sample shows at least four different warnings across its files and periods")
  func fourWarnings() throws {
    var seen = Set<ReconciliationWarning>()
    let off = SampleCompany.build(expectedCostPosting: false)
    for (ledger, date) in [
      (sample, nil), (sample, "..2025-09-30"), (sample, "2025-10-01..2025-12-27"), (off, nil),
    ] as [(Ledger, String?)] {
      let result = try reconcile(ledger, date: date)
      for row in MatrixRow.allCases {
        for column in MatrixColumn.allCases {
          if case .warning(let warning?, _) = result.cell(row, column) { seen.insert(warning) }
        }
      }
    }
    #expect(seen == [.postCostToGL, .deletedAccounts, .directPosting, .expectedCostSetup])
  }

  @Test(
    "every invalid sample file is refused with its documented message",
    arguments: [
      ("truncated.json", ["line 161:93: unexpected end of file (the file is truncated)"]),
      (
        "wrong-types.json",
        [
          "setup.amountDecimals (line 4:29): expected an integer ≥ 0, found a string",
          "setup.expectedCostPostingToGL (line 4:63): expected true or false, found a string",
          "glAccounts[0].no (line 5:23): expected a code (string), found a number",
          "valueEntries[0].postingDate (line 7:33): \"2025-02-30\" is not a valid date; expected YYYY-MM-DD or CYYYY-MM-DD",
          "valueEntries[0].costAmountActual (line 7:95): \"12.3.4\" is not a number; expected an amount",
          "valueEntries[1].entryType (line 8:60): \"Direct\" is not a valid value; expected one of \"Direct Cost\", \"Revaluation\", \"Rounding\", \"Indirect Cost\", \"Variance\"",
          "valueEntries[1].valuedQuantity (line 8:88): 1.123456 has more than 5 decimals",
        ]
      ),
      (
        "dangling-references.json",
        [
          "valueEntries[0].itemLedgerEntryNo: item ledger entry 7 does not exist",
          "glItemLedgerRelations[1].glEntryNo: G/L entry 9 does not exist",
          "glItemLedgerRelations[1].valueEntryNo: value entry 4 does not exist",
          "inventoryPostingSetup[0].inventoryAccountInterim: G/L account \"2111\" does not exist in glAccounts",
        ]
      ),
      (
        "duplicate-entry-numbers.json",
        [
          "itemLedgerEntries[1].entryNo: entry number 1 is used more than once",
          "glEntries[2].entryNo: entry number 4 is used more than once",
        ]
      ),
    ] as [(String, [String])])
  func invalidFiles(name: String, messages: [String]) {
    do {
      _ = try SnapshotStore.load(path: sampleData + "/invalid/" + name)
      Issue.record("\(name) loaded")
    } catch {
      #expect(error.problems.map(\.description) == messages)
    }
  }
}
