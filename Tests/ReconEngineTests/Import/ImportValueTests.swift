import Foundation
import Testing

@testable import ReconEngine

/// Values in every form bc-import.md §5 and §6 accept, in files written out by hand.
@Suite("Import values")
struct ImportValueTests {
  func importLake(_ files: [String: String], options: BCImport.Options = .init()) throws -> BCImport.Result {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    for (name, text) in files { try writeFile(folder + "/" + name, text) }
    return try BCImport.run(.csv, path: folder, options: options)
  }

  func expectSnapshot(_ ledger: Ledger, _ json: String, sourceLocation: SourceLocation = #_sourceLocation)
    throws
  {
    let expected = try ExpectedSnapshot.canonical(json)
    if let difference = firstDifference(canonical(ledger), expected) {
      Issue.record("\(difference)", sourceLocation: sourceLocation)
    }
  }

  @Test("decimals: shortest form, trailing zeros, decimal(38,20), signs, exponents")
  func decimals() throws {
    let csv = """
      EntryNo-1,PostingDate-3,EntryType-105,CostAmountActual-43,ValuedQuantity-12,CostperUnit-15
      1,2025-01-10,Direct Cost,70,1,7
      2,2025-01-10,Direct Cost,70.0,1.5,0.5
      3,2025-01-10,Direct Cost,70.00000000000000000000,-0.01000000000000000000,1E-05
      4,2025-01-10,Direct Cost,-1.5E+2,+3,2.5e-3
      5,2025-01-10,Direct Cost,1e2,-0,1234567890.5

      """
    let result = try importLake(["ValueEntry-5802.csv": csv])
    try expectSnapshot(
      result.ledger,
      """
      {"format":"reconbench.snapshot","version":1,"valueEntries":[
      {"entryNo":1,"postingDate":"2025-01-10","entryType":"Direct Cost","costAmountActual":70,"valuedQuantity":1,"costPerUnit":7},
      {"entryNo":2,"postingDate":"2025-01-10","entryType":"Direct Cost","costAmountActual":70,"valuedQuantity":1.5,"costPerUnit":0.5},
      {"entryNo":3,"postingDate":"2025-01-10","entryType":"Direct Cost","costAmountActual":70,"valuedQuantity":-0.01,"costPerUnit":0.00001},
      {"entryNo":4,"postingDate":"2025-01-10","entryType":"Direct Cost","costAmountActual":-150,"valuedQuantity":3,"costPerUnit":0.0025},
      {"entryNo":5,"postingDate":"2025-01-10","entryType":"Direct Cost","costAmountActual":100,"valuedQuantity":0,"costPerUnit":1234567890.5}]}
      """)
  }

  @Test("dates: plain, with a time, the blank date as empty, 0001-01-01 or 1753-01-01")
  func dates() throws {
    let csv = """
      EntryNo-1,PostingDate-3,ValuationDate-104,EntryType-105
      1,2025-01-10,,Direct Cost
      2,2025-01-11T00:00:00.000Z,0001-01-01,Direct Cost
      3,2025-01-12 00:00:00.000,1753-01-01 00:00:00.000,Direct Cost
      4,2025-01-13T08:15:00,1753-01-01T00:00:00Z,Direct Cost
      5,2025-01-14,0001-01-01T00:00:00.000Z,Direct Cost
      6,2025-01-15,2025-01-15 00:00:00,Direct Cost

      """
    let result = try importLake(["ValueEntry-5802.csv": csv])
    try expectSnapshot(
      result.ledger,
      """
      {"format":"reconbench.snapshot","version":1,"valueEntries":[
      {"entryNo":1,"postingDate":"2025-01-10","entryType":"Direct Cost"},
      {"entryNo":2,"postingDate":"2025-01-11","entryType":"Direct Cost"},
      {"entryNo":3,"postingDate":"2025-01-12","entryType":"Direct Cost"},
      {"entryNo":4,"postingDate":"2025-01-13","entryType":"Direct Cost"},
      {"entryNo":5,"postingDate":"2025-01-14","entryType":"Direct Cost"},
      {"entryNo":6,"postingDate":"2025-01-15","valuationDate":"2025-01-15","entryType":"Direct Cost"}]}
      """)
  }

  @Test(
    "closing dates: a C prefix, an SQL time of 23:59:59, $ClosingDate true; false or absent keeps the date normal"
  )
  func closingDates() throws {
    let lake = """
      EntryNo-1,GLAccountNo-3,PostingDate-4,Amount-17,SourceCode-28,timestamp-0,$Company,$ClosingDate
      1,"8000",C2025-12-31,10,"CLSINCOME",1,"Mini Ltd.",false
      2,"8000",2025-12-31,-10,"CLSINCOME",2,"Mini Ltd.",true
      3,"8000",2025-12-31,5,"GENJNL",3,"Mini Ltd.",false
      4,"8000",2025-12-31T23:59:59.997Z,-5,"GENJNL",4,"Mini Ltd.",

      """
    let result = try importLake(["GLEntry-17.csv": lake])
    try expectSnapshot(
      result.ledger,
      """
      {"format":"reconbench.snapshot","version":1,"company":{"name":"Mini Ltd."},"glEntries":[
      {"entryNo":1,"glAccountNo":"8000","postingDate":"C2025-12-31","amount":10,"sourceCode":"CLSINCOME"},
      {"entryNo":2,"glAccountNo":"8000","postingDate":"C2025-12-31","amount":-10,"sourceCode":"CLSINCOME"},
      {"entryNo":3,"glAccountNo":"8000","postingDate":"2025-12-31","amount":5,"sourceCode":"GENJNL"},
      {"entryNo":4,"glAccountNo":"8000","postingDate":"C2025-12-31","amount":-5,"sourceCode":"GENJNL"}]}
      """)
    let sql = """
      timestamp,Entry No_,G_L Account No_,Posting Date,Amount,Source Code
      0x01,1,8000,2025-12-31 23:59:59.000,10.00000000000000000000,CLSINCOME
      0x02,2,8000,2025-12-31 00:00:00.000,-10.00000000000000000000,GENJNL

      """
    let fromSQL = try importLake(["dbo.Mini Ltd_$G_L Entry$437dbf0e-84ff-417a-965d-ed2bb9650972.csv": sql])
    try expectSnapshot(
      fromSQL.ledger,
      """
      {"format":"reconbench.snapshot","version":1,"company":{"name":"Mini Ltd_"},"glEntries":[
      {"entryNo":1,"glAccountNo":"8000","postingDate":"C2025-12-31","amount":10,"sourceCode":"CLSINCOME"},
      {"entryNo":2,"glAccountNo":"8000","postingDate":"2025-12-31","amount":-10,"sourceCode":"GENJNL"}]}
      """)
  }

  @Test("a package loses closing dates: the import warns when year-end closing entries may have lost them")
  func lostClosingDates() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    var entries = MiniCompany.table(17).records
    entries.append([
      "Entry No.": "5", "G/L Account No.": "7290", "Posting Date": "C2025-12-31", "Amount": "71.23",
      "Source Code": "CLSINCOME", "Transaction No.": "3",
    ])
    entries.append([
      "Entry No.": "6", "G/L Account No.": "1000", "Posting Date": "C2025-12-31", "Amount": "-71.23",
      "Source Code": "CLSINCOME", "Transaction No.": "3",
    ])
    var periods = MiniCompany.table(50).records
    periods.append(["Starting Date": "2026-01-01", "New Fiscal Year": "true"])
    let tables = MiniCompany.with(17, entries).map {
      $0.id == 50 ? BCTableData(id: 50, records: periods) : $0
    }
    let path = folder + "/mini.rapidstart"
    try writeFile(path, gzip(encode(RapidStartRenderer.xml(tables), .utf16LE)))
    let result = try BCImport.run(.rapidStart, path: path)
    try expectSnapshot(result.ledger, ExpectedSnapshot.json(tables, keepClosing: false))
    #expect(
      result.warnings.contains {
        $0.message.contains("closing dates may have been lost") && $0.message.contains("2025-12-31")
      })
    // A C prefix in the package is read (accepted in every format), and then nothing is lost.
    let marked = RapidStartRenderer.xml(tables).replacingOccurrences(
      of: "<PostingDate>2025-12-31</PostingDate>", with: "<PostingDate>C2025-12-31</PostingDate>")
    try writeFile(path, encode(marked, .utf8))
    let kept = try BCImport.run(.rapidStart, path: path)
    try expectSnapshot(kept.ledger, ExpectedSnapshot.json(tables))
    #expect(!kept.warnings.contains { $0.message.contains("closing dates") })
  }

  @Test("booleans: 1 0 true false yes no, in any case")
  func booleans() throws {
    let csv = """
      EntryNo-1,PostingDate-3,EntryType-105,ExpectedCost-98,Inventoriable-103,Adjustment-5818
      1,2025-01-10,Direct Cost,1,0,TRUE
      2,2025-01-10,Direct Cost,true,false,Yes
      3,2025-01-10,Direct Cost,No,YES,False
      4,2025-01-10,Direct Cost,,,

      """
    let result = try importLake(["ValueEntry-5802.csv": csv])
    // An empty Inventoriable is BC's default, false — not the snapshot default true (§9.2).
    try expectSnapshot(
      result.ledger,
      """
      {"format":"reconbench.snapshot","version":1,"valueEntries":[
      {"entryNo":1,"postingDate":"2025-01-10","entryType":"Direct Cost","expectedCost":true,"inventoriable":false,"adjustment":true},
      {"entryNo":2,"postingDate":"2025-01-10","entryType":"Direct Cost","expectedCost":true,"inventoriable":false,"adjustment":true},
      {"entryNo":3,"postingDate":"2025-01-10","entryType":"Direct Cost","expectedCost":false,"inventoriable":true,"adjustment":false},
      {"entryNo":4,"postingDate":"2025-01-10","entryType":"Direct Cost","inventoriable":false}]}
      """)
  }

  @Test("a missing Inventoriable column takes the snapshot default true, with a warning naming it")
  func missingColumnDefault() throws {
    let csv = "EntryNo-1,PostingDate-3,EntryType-105\n1,2025-01-10,Direct Cost\n"
    let result = try importLake(["ValueEntry-5802.csv": csv])
    try expectSnapshot(
      result.ledger,
      """
      {"format":"reconbench.snapshot","version":1,"valueEntries":[
      {"entryNo":1,"postingDate":"2025-01-10","entryType":"Direct Cost","inventoriable":true}]}
      """)
    #expect(
      result.warnings.contains { $0.message.contains("Inventoriable") && $0.message.contains("Value Entry") })
  }

  /// Every value of every enumeration the import reads, as ordinal, AL name and caption (padded
  /// and in other case), through the field that holds it.
  @Test("every enumeration value as ordinal, name and caption, in any case and padded")
  func enumerations() throws {
    let fields: [(table: Int, field: String, enumName: String)] = [
      (5802, "Item Ledger Entry Type", "Item Ledger Entry Type"), (5802, "Entry Type", "Cost Entry Type"),
      (5802, "Variance Type", "Cost Variance Type"), (5802, "Order Type", "Inventory Order Type"),
      (5802, "Document Type", "Item Ledger Document Type"), (5802, "Source Type", "Analysis Source Type"),
      (17, "Document Type", "Gen. Journal Document Type"), (15, "Account Type", "G/L Account Type"),
      (15, "Income/Balance", "Income/Balance"), (27, "Costing Method", "Costing Method"),
      (27, "Type", "Item Type"),
      (5405, "Status", "Production Order Status"),
    ]
    let refused: Set<String> = ["Total", "Direct Cost - Non Inventory", "Material - Non Inventory"]
    for (tableID, fieldName, enumName) in fields {
      let table = Spec.table(tableID)
      let field = try #require(table.field(fieldName))
      let values = try #require(Spec.enums[enumName])
      for (ordinal, name) in values where !refused.contains(name) {
        if tableID == 5405 && ordinal < 3 { continue }  // skipped rows, tested with the mini company
        let caption = name == " " ? "" : name
        for form in [String(ordinal), name, "  " + caption.uppercased() + " ", caption.lowercased()] {
          var header = [table.fields[0].lake, field.lake]
          var row = ["7", form]
          if tableID == 5802 {
            header += ["PostingDate-3", "EntryType-105"]
            row += ["2025-01-10", field.id == 105 ? form : "Direct Cost"]
            if field.id == 105 { header.removeLast(); row.removeLast() }
          } else if tableID == 17 {
            header += ["PostingDate-4", "GLAccountNo-3"]
            row += ["2025-01-10", "\"1\""]
          } else if tableID == 5405 {
            header = ["Status-1", "No-2"]
            row = [form, "\"PO-1\""]
          } else {
            row[0] = "\"7\""
          }
          var files = [
            "\(table.entity).csv": header.joined(separator: ",") + "\n" + row.joined(separator: ",") + "\n"
          ]
          if tableID != 5802 && tableID != 17 {
            files["GLEntry-17.csv"] = "EntryNo-1,GLAccountNo-3,PostingDate-4\n"
          }
          let result: BCImport.Result
          do {
            result = try importLake(files)
          } catch let error as ImportError {
            Issue.record("\(enumName) \(ordinal) as “\(form)”: \(error.description)")
            continue
          } catch {
            Issue.record("\(error)")
            continue
          }
          let json = canonical(result.ledger)
          let expected = "\"\(field.snapshot)\":\"\(caption)\""
          // A default caption may be omitted by the writer; then the field is absent.
          let defaults: Set<String> = ["", "Posting", "Inventory", "Released"]
          if !json.contains(expected)
            && !(defaults.contains(caption) && !json.contains("\"\(field.snapshot)\":"))
          {
            Issue.record("\(enumName) \(ordinal) as “\(form)” did not become “\(caption)”")
          }
        }
      }
    }
  }

  @Test("the blank Item Ledger Entry Type is ordinal 7, never 0 (Purchase), in every format")
  func blankEntryType() throws {
    let lake = """
      EntryNo-1,PostingDate-3,ItemLedgerEntryType-4,EntryType-105
      1,2025-01-10, ,Direct Cost
      2,2025-01-10,7,Direct Cost
      3,2025-01-10,,Direct Cost
      4,2025-01-10,0,Direct Cost

      """
    let result = try importLake(["ValueEntry-5802.csv": lake])
    try expectSnapshot(
      result.ledger,
      """
      {"format":"reconbench.snapshot","version":1,"valueEntries":[
      {"entryNo":1,"postingDate":"2025-01-10","entryType":"Direct Cost"},
      {"entryNo":2,"postingDate":"2025-01-10","entryType":"Direct Cost"},
      {"entryNo":3,"postingDate":"2025-01-10","entryType":"Direct Cost"},
      {"entryNo":4,"postingDate":"2025-01-10","itemLedgerEntryType":"Purchase","entryType":"Direct Cost"}]}
      """)
  }

  @Test("Income/Balance 2 is read as Balance Sheet with a warning (§12.10)")
  func incomeBalanceTwo() throws {
    let result = try importLake([
      "GLAccount-15.csv": "No-1,IncomeBalance-9\n\"2110\",2\n\"8000\",0\n",
      "GLEntry-17.csv": "EntryNo-1,GLAccountNo-3,PostingDate-4\n",
    ])
    try expectSnapshot(
      result.ledger,
      """
      {"format":"reconbench.snapshot","version":1,"glAccounts":[
      {"no":"2110","incomeBalance":"Balance Sheet"},{"no":"8000","incomeBalance":"Income Statement"}]}
      """)
    #expect(result.warnings.contains { $0.message.contains("Income/Balance 2") })
  }

  @Test(
    "quoted bc2adls text: \\\" and \\\\ escapes, \"\" too, a separator inside quotes; unquoted fields as they are"
  )
  func quoting() throws {
    let csv = #"""
      EntryNo-1,PostingDate-3,EntryType-105,Description-7,DocumentNo-6,ExternalDocumentNo-61
      1,2025-01-10,Direct Cost,"He said \"hi\", then left","A\\B","x""y"
      2,2025-01-10,Direct Cost,"","",plain text

      """#
    let result = try importLake(["ValueEntry-5802.csv": csv])
    try expectSnapshot(
      result.ledger,
      #"""
      {"format":"reconbench.snapshot","version":1,"valueEntries":[
      {"entryNo":1,"postingDate":"2025-01-10","entryType":"Direct Cost","description":"He said \"hi\", then left","documentNo":"A\\B","externalDocumentNo":"x\"y"},
      {"entryNo":2,"postingDate":"2025-01-10","entryType":"Direct Cost","externalDocumentNo":"plain text"}]}
      """#)
  }

  @Test("RFC 4180 SQL text: doubled quotes, a quoted field across lines, short lines, empty lines, a BOM")
  func sqlQuoting() throws {
    let csv =
      "\u{FEFF}Entry No_;Posting Date;Entry Type;Description;Cost Amount (Actual)\r\n"
      + "1;2025-01-10 00:00:00.000;0;\"A \"\"quoted\"\"; line\r\nand more\";1,5\r\n" + "\r\n"
      + "2;2025-01-10 00:00:00.000;1\r\n"
    let result = try importLake(["dbo.Mini$Value Entry$437dbf0e-84ff-417a-965d-ed2bb9650972.csv": csv])
    try expectSnapshot(
      result.ledger,
      """
      {"format":"reconbench.snapshot","version":1,"company":{"name":"Mini"},"valueEntries":[
      {"entryNo":1,"postingDate":"2025-01-10","entryType":"Direct Cost","description":"A \\"quoted\\"; line\\r\\nand more","costAmountActual":1.5},
      {"entryNo":2,"postingDate":"2025-01-10","entryType":"Revaluation"}]}
      """)
  }

  @Test("UTF-16 CSV files, with a BOM")
  func utf16CSV() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let csv =
      "EntryNo-1,PostingDate-3,EntryType-105,Description-7\r\n1,2025-01-10,Direct Cost,\"Größe €\"\r\n"
    try writeFile(folder + "/ValueEntry-5802.csv", encode(csv, .utf16LE))
    try writeFile(folder + "/GLEntry-17.CSV", encode("EntryNo-1,GLAccountNo-3,PostingDate-4\n", .utf16BE))
    let result = try BCImport.run(.csv, path: folder)
    try expectSnapshot(
      result.ledger,
      """
      {"format":"reconbench.snapshot","version":1,"valueEntries":[
      {"entryNo":1,"postingDate":"2025-01-10","entryType":"Direct Cost","description":"Größe €"}]}
      """)
  }

  @Test(
    "how files find their table: SQL names, entity file names, entity folders, plain names; others ignored")
  func tableDetection() throws {
    let entry = "Entry No_,Posting Date,Entry Type\n1,2025-01-10,0\n"
    let lakeEntry = "EntryNo-1,PostingDate-3,EntryType-105\n2,2025-01-10,Direct Cost\n"
    let result = try importLake([
      "sql/dbo.Mini$Value Entry$437dbf0e-84ff-417a-965d-ed2bb9650972.csv": entry,
      "lake/deltas/ValueEntry-5802/1F2E3D4C_full.csv": lakeEntry.replacingOccurrences(
        of: "\n2,", with: "\n3,"),
      "ValueEntry-5802.csv": lakeEntry,
      "by-name/Value Entry.csv": lakeEntry.replacingOccurrences(of: "\n2,", with: "\n4,"),
      "by-name/GLEntry/part1.csv": "EntryNo-1,GLAccountNo-3,PostingDate-4\n",
      "other/dbo.Mini$Value Entry$11111111-2222-3333-4444-555555555555.csv": "Entry No_,My Field\n1,x\n",
      "export-2025/readme.csv": "a,b\n1,2\n",
      "lake/ValueEntry-5802.cdm.json": "{}",
    ])
    #expect(result.ledger.valueEntries.count == 4)
    #expect(result.warnings.contains { $0.message.contains("companion table") })
  }
}
