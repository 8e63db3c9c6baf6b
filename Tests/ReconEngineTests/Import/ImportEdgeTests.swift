import Foundation
import Testing

@testable import ReconEngine

/// Inputs at the edges: values that could overflow, files that disagree with each other, rows
/// of the wrong shape, versions that cannot be told apart. Each is refused with a message, or
/// accepted and said so — never a crash, never a silent loss.
@Suite("Import edges")
struct ImportEdgeTests {
  func withFolder(_ body: (String) throws -> Void) throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try body(folder)
  }

  func run(_ kind: BCImport.Kind, _ path: String, options: BCImport.Options = .init()) -> Result<
    BCImport.Result, ImportError
  > {
    Result { () throws(ImportError) in try BCImport.run(kind, path: path, options: options) }
  }

  func lines(_ result: Result<BCImport.Result, ImportError>) -> [String] {
    if case .failure(let error) = result { return error.lines }
    return []
  }

  let glEntries = "EntryNo-1,GLAccountNo-3,PostingDate-4,Amount-17\n1,\"2110\",2025-01-10,5\n"

  @Test(
    "rounding precisions with absurd exponents or text are refused, not a crash",
    arguments: [
      "1E-9223372036854775808", "0.1E-9223372036854775807", "100E9223372036854775807", "0.0.1", "cent",
    ])
  func absurdPrecision(value: String) throws {
    try withFolder { folder in
      var setup = MiniCompany.table(98).records
      setup[0]["Amount Rounding Precision"] = value
      try LakeRenderer.write(MiniCompany.with(98, setup), to: folder)
      let result = lines(run(.csv, folder))
      #expect(result.contains { $0.contains("Amount Rounding Precision") && $0.contains(value) })
    }
  }

  @Test("a setup date or boolean that does not parse is refused; two setup records with the blank key too")
  func setupValues() throws {
    try withFolder { folder in
      var setup = MiniCompany.table(98).records
      setup[0]["Allow Posting From"] = "31.01.2025"
      var inventory = MiniCompany.table(313).records
      inventory[0]["Automatic Cost Posting"] = "Ja"
      let tables = MiniCompany.with(98, setup).map {
        $0.id == 313 ? BCTableData(id: 313, records: inventory) : $0
      }
      try LakeRenderer.write(tables, to: folder)
      let result = lines(run(.csv, folder))
      #expect(
        result.contains {
          $0.contains("field 2 Allow Posting From") && $0.contains("\"31.01.2025\" is not a date")
        })
      #expect(
        result.contains {
          $0.contains("field 2 Automatic Cost Posting") && $0.contains("\"Ja\" is not a boolean")
        })
    }
    try withFolder { folder in
      let setup = MiniCompany.table(98).records
      try LakeRenderer.write(MiniCompany.with(98, setup + setup), to: folder)
      #expect(lines(run(.csv, folder)).contains { $0.contains("a second General Ledger Setup record") })
    }
  }

  @Test("one file without a required column is refused by name, even when another file of its table has it")
  func requiredPerFile() throws {
    try withFolder { folder in
      try writeFile(folder + "/GLEntry-17/a.csv", glEntries)
      try writeFile(folder + "/GLEntry-17/b.csv", "EntryNo-1,GLAccountNo-3,Amount-17\n2,\"2110\",-5\n")
      let result = lines(run(.csv, folder))
      #expect(result.count == 1)
      #expect(
        result.first?.hasPrefix(
          "GLEntry-17/b.csv: the header has no column for the required field 4 Posting Date") == true)
    }
  }

  @Test("an optional column in some files of a table only: accepted, with a warning naming it")
  func optionalPerFile() throws {
    try withFolder { folder in
      try writeFile(folder + "/GLEntry-17/a.csv", glEntries)
      try writeFile(
        folder + "/GLEntry-17/b.csv",
        "EntryNo-1,GLAccountNo-3,PostingDate-4,Amount-17,DocumentNo-6\n2,\"2110\",2025-01-11,-5,\"GJ-1\"\n")
      let result = try BCImport.run(.csv, path: folder)
      #expect(result.ledger.glEntries.count == 2)
      #expect(
        result.warnings.contains {
          $0.message.contains("fields missing from some of its files")
            && $0.message.contains("6 Document No.")
        })
    }
  }

  @Test(
    "bc2adls rows of the wrong shape: an unclosed quote and extra values are refused; a line of separators is empty"
  )
  func rowShapes() throws {
    try withFolder { folder in
      let csv =
        "EntryNo-1,GLAccountNo-3,PostingDate-4,Description-7,Amount-17\r\n"
        + "1,\"2110\",2025-01-10,\"C:\\TEMP\\\",5\r\n"
        + "2,\"2110\",2025-01-10,\"ok\",6\r\n" + ",,,,\r\n" + "3,\"2110\",2025-01-10,\"ok\",7,8\r\n"
        + "4,\"2110\",2025-01-10,\"ok\"x,7\r\n"
      try writeFile(folder + "/GLEntry-17.csv", csv)
      let result = lines(run(.csv, folder))
      #expect(result.contains { $0.contains("line 2") && $0.contains("closing quote") })
      #expect(result.contains { $0.contains("line 5") && $0.contains("6 fields, the header has 5") })
      #expect(result.contains { $0.contains("line 6") && $0.contains("text after a closing quote") })
      #expect(!result.contains { $0.contains("line 3") || $0.contains("line 4") })
    }
  }

  @Test("a <TableID> that is not a number marks no table: ignored, and said so")
  func tableIDText() throws {
    try withFolder { folder in
      var xml = RapidStartRenderer.xml(MiniCompany.tables)
      xml = xml.replacingOccurrences(
        of: "</DataList>",
        with: "  <NotesList>\r\n    <TableID>notes</TableID>\r\n  </NotesList>\r\n</DataList>")
      try writeFile(folder + "/mini.xml", encode(xml, .utf8))
      let result = try BCImport.run(.rapidStart, path: folder + "/mini.xml")
      #expect(
        result.warnings.contains {
          $0.message.contains("tables not used") && $0.message.contains("NotesList")
        })
    }
  }

  @Test("two bc2adls versions with one timestamp: the same values are one record, different ones are refused")
  func sameTimestamp() throws {
    try withFolder { folder in
      let header =
        "EntryNo-1,GLAccountNo-3,PostingDate-4,Amount-17,timestamp-0,systemId-2000000000,$Company\n"
      let row = "1,\"2110\",2025-01-10,5,100,\"{11111111-2222-3333-4444-555555555555}\",\"Mini\"\n"
      try writeFile(folder + "/data/GLEntry-17/a.csv", header + row)
      try writeFile(folder + "/deltas/GLEntry-17/a.csv", header + row)
      #expect(try BCImport.run(.csv, path: folder).ledger.glEntries.count == 1)
      try writeFile(
        folder + "/deltas/GLEntry-17/a.csv", header + row.replacingOccurrences(of: ",5,", with: ",6,"))
      #expect(
        lines(run(.csv, folder)).contains {
          $0.contains("two versions of the G/L Entry record 1 with the same timestamp")
        })
    }
  }

  @Test("a timestamp or systemId that does not parse is refused")
  func badVersionColumns() throws {
    try withFolder { folder in
      let csv =
        "EntryNo-1,GLAccountNo-3,PostingDate-4,Amount-17,timestamp-0,systemId-2000000000\n"
        + "1,\"2110\",2025-01-10,5,soon,\"{11111111-2222-3333-4444-555555555555}\"\n"
        + "2,\"2110\",2025-01-10,5,7,\"{not-a-guid}\"\n"
      try writeFile(folder + "/GLEntry-17.csv", csv)
      let result = lines(run(.csv, folder))
      #expect(result.contains { $0.contains("line 2, column timestamp-0") && $0.contains("\"soon\"") })
      #expect(
        result.contains { $0.contains("line 3, column systemId-2000000000") && $0.contains("not a GUID") })
    }
  }

  @Test("a file with a bad value on every line: the same 50 problems and total on every run, in file order")
  func deterministicProblems() throws {
    try withFolder { folder in
      var csv = "EntryNo-1,GLAccountNo-3,PostingDate-4,Amount-17\n"
      for entry in 1...20_000 { csv += "\(entry),\"2110\",2025-01-10,x\(entry)\n" }
      try writeFile(folder + "/GLEntry-17.csv", csv)
      var options = BCImport.Options()
      options.minimumPieceBytes = 32 << 10
      let first = lines(run(.csv, folder, options: options))
      let second = lines(run(.csv, folder, options: options))
      #expect(first == second)
      #expect(first.count == 51)
      #expect(first.first?.contains("line 2,") == true)
      #expect(first[49].contains("line 51,"))
      #expect(first.last?.contains("19950 more problems") == true)
    }
  }

  @Test(
    "Date Compr. Register without its No. column keeps the export's order; a No. that is no number is refused"
  )
  func dateComprNo() throws {
    try withFolder { folder in
      try writeFile(folder + "/GLEntry-17.csv", glEntries)
      try writeFile(
        folder + "/DateComprRegister-87.csv",
        "StartingDate-10,EndingDate-5,TableID-11,RegisterNo-12\n2024-01-01,2024-12-31,5802,0\n2023-01-01,2023-12-31,17,1\n"
      )
      let result = try BCImport.run(.csv, path: folder)
      #expect(result.ledger.dateCompressions.count == 2)
      try writeFile(
        folder + "/DateComprRegister-87.csv",
        "No-1,StartingDate-10,EndingDate-5,TableID-11\nfirst,2024-01-01,2024-12-31,5802\n")
      #expect(lines(run(.csv, folder)).contains { $0.contains("\"first\" is not an integer") })
    }
  }
}
