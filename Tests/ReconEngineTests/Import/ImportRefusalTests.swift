import Foundation
import Testing

@testable import ReconEngine

/// Every refusal of bc-import.md §11, each with the message it must carry, and the warnings that
/// `--strict` turns into refusals.
@Suite("Import refusals")
struct ImportRefusalTests {
  /// The refusal's lines, or an issue when the import went through.
  func refusal(
    _ kind: BCImport.Kind, _ path: String, options: BCImport.Options = .init(),
    sourceLocation: SourceLocation = #_sourceLocation
  ) -> [String] {
    do {
      _ = try BCImport.run(kind, path: path, options: options)
      Issue.record("the import was not refused", sourceLocation: sourceLocation)
      return []
    } catch {
      return error.lines
    }
  }

  func package(_ tables: [BCTableData], _ folder: String, edit: (String) -> String = { $0 }) throws -> String
  {
    let path = folder + "/mini.rapidstart"
    try writeFile(path, gzip(encode(edit(RapidStartRenderer.xml(tables)), .utf16LE)))
    return path
  }

  func lake(_ tables: [BCTableData], _ folder: String, style: LakeStyle = LakeStyle()) throws -> String {
    try LakeRenderer.write(tables, to: folder, style: style)
    return folder
  }

  func withFolder(_ body: (String) throws -> Void) throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try body(folder)
  }

  // MARK: The input itself

  @Test("a missing file, a missing folder, an empty file")
  func missing() throws {
    try withFolder { folder in
      #expect(
        refusal(.rapidStart, folder + "/none.rapidstart").first?.hasPrefix(folder + "/none.rapidstart")
          == true)
      #expect(refusal(.csv, folder + "/none").first?.contains("no such folder") == true)
      try writeFile(folder + "/empty.rapidstart", [])
      #expect(refusal(.rapidStart, folder + "/empty.rapidstart").first?.contains("empty") == true)
    }
  }

  @Test("an Excel workbook, a file that is neither GZip nor XML, a GZip that does not inflate")
  func notAPackage() throws {
    try withFolder { folder in
      try writeFile(folder + "/book.xlsx", [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00])
      #expect(
        refusal(.rapidStart, folder + "/book.xlsx").first?.contains(
          "an Excel workbook, not a configuration package (use Export Package)") == true)
      try writeFile(folder + "/notes.rapidstart", "EntryNo,Amount\n1,2\n")
      #expect(
        refusal(.rapidStart, folder + "/notes.rapidstart").first?.hasPrefix(folder + "/notes.rapidstart")
          == true)
      var broken = gzip(encode(RapidStartRenderer.xml(MiniCompany.tables), .utf16LE))
      broken.removeLast(broken.count / 2)
      try writeFile(folder + "/cut.rapidstart", broken)
      let lines = refusal(.rapidStart, folder + "/cut.rapidstart")
      #expect(lines.first?.hasPrefix(folder + "/cut.rapidstart") == true)
      var garbage = broken
      for index in 20..<min(200, garbage.count) { garbage[index] ^= 0x5A }
      try writeFile(folder + "/garbage.rapidstart", garbage)
      #expect(!refusal(.rapidStart, folder + "/garbage.rapidstart").isEmpty)
    }
  }

  @Test("malformed XML names line and column; a root other than DataList is refused")
  func malformedXML() throws {
    try withFolder { folder in
      let path = try package(MiniCompany.tables, folder) { xml in
        xml.replacingOccurrences(of: "Blue Warehouse</Name>", with: "Blue Warehouse</Nme>")
      }
      let lines = refusal(.rapidStart, path)
      let line = try #require(lines.first)
      #expect(line.hasPrefix(path))
      #expect(line.range(of: #":\d+:\d+"#, options: .regularExpression) != nil || line.contains("line "))
      let other = folder + "/other.xml"
      try writeFile(other, "<?xml version=\"1.0\"?>\n<Workbook><Sheet/></Workbook>\n")
      #expect(refusal(.rapidStart, other).first?.contains("DataList") == true)
    }
  }

  @Test("a folder with no CSV file of a §3 table; an export with neither Value Entry nor G/L Entry")
  func nothingToReconcile() throws {
    try withFolder { folder in
      try writeFile(folder + "/export-2025/Customer-18.csv", "No-1,Name-2\n\"C1\",\"Customer\"\n")
      try writeFile(folder + "/notes.txt", "hello")
      #expect(refusal(.csv, folder).first?.contains("no CSV file of a table") == true)
    }
    try withFolder { folder in
      let path = try package(MiniCompany.tables.filter { ![5802, 17].contains($0.id) }, folder)
      #expect(
        refusal(.rapidStart, path).contains { $0.contains("neither Value Entry (5802) nor G/L Entry (17)") })
    }
  }

  // MARK: Fields and values

  @Test("a present table without a required field names the table, the field ID and name")
  func requiredField() throws {
    try withFolder { folder in
      var style = LakeStyle()
      style.enabled[5802] = ["Entry No.", "Item No.", "Posting Date", "Cost Amount (Actual)"]
      let lines = refusal(.csv, try lake(MiniCompany.tables, folder, style: style))
      #expect(
        lines.contains { $0.contains("Value Entry") && $0.contains("105") && $0.contains("Entry Type") })
    }
    try withFolder { folder in
      var style = PackageStyle()
      style.excluded[17] = ["Posting Date"]
      let path = folder + "/mini.xml"
      try writeFile(path, encode(RapidStartRenderer.xml(MiniCompany.tables, style: style), .utf8))
      #expect(
        refusal(.rapidStart, path).contains {
          $0.contains("G/L Entry") && $0.contains("4") && $0.contains("Posting Date")
        })
    }
  }

  @Test(
    "a value that does not parse names file, table, record, field and value",
    arguments: [
      ("Cost Amount (Actual)", "71,23"), ("Posting Date", "31.01.2025"), ("Posting Date", "2025-02-30"),
      ("Expected Cost", "maybe"), ("Valued Quantity", "1e"), ("Item Ledger Entry No.", "1.5"),
      ("Entry No.", "x7"),
    ])
  func badValue(field: String, value: String) throws {
    try withFolder { folder in
      var entries = MiniCompany.table(5802).records
      entries[3][field] = value
      let path = try package(MiniCompany.with(5802, entries), folder)
      let lines = refusal(.rapidStart, path)
      let line = try #require(lines.first { $0.contains(value) })
      #expect(line.hasPrefix(path))
      #expect(line.contains("ValueEntry"))
      #expect(line.contains(Spec.table(5802).field(field)?.rapidStart ?? "?"))
      if field != "Entry No." { #expect(line.contains("Entry No. 4")) }
    }
  }

  @Test("an amount with more decimals than the precision, a quantity with more than 5")
  func tooPrecise() throws {
    try withFolder { folder in
      var entries = MiniCompany.table(5802).records
      entries[0]["Cost Amount (Actual)"] = "71.234"
      try LakeRenderer.write(MiniCompany.with(5802, entries), to: folder)
      let lines = refusal(.csv, folder)
      #expect(
        lines.contains { $0.contains("ValueEntry-5802") && $0.contains("line 2") && $0.contains("71.234") })
    }
    try withFolder { folder in
      var entries = MiniCompany.table(5802).records
      entries[1]["Valued Quantity"] = "-2.000001"
      try LakeRenderer.write(MiniCompany.with(5802, entries), to: folder)
      let lines = refusal(.csv, folder)
      #expect(lines.contains { $0.contains("line 3, column ValuedQuantity-12") && $0.contains("-2.000001") })
    }
    // Trailing zeros are no extra decimals.
    try withFolder { folder in
      var entries = MiniCompany.table(5802).records
      entries[0]["Cost Amount (Actual)"] = "71.2300000"
      entries[1]["Valued Quantity"] = "-2.0000000000"
      try LakeRenderer.write(MiniCompany.with(5802, entries), to: folder)
      let result = try BCImport.run(.csv, path: folder)
      let expected = try ExpectedSnapshot.canonical(ExpectedSnapshot.json(MiniCompany.tables))
      #expect(firstDifference(canonical(result.ledger), expected) == nil)
    }
  }

  @Test(
    "an unknown enumeration value, and the BC 26 non-inventory values the snapshot cannot hold, name the known values",
    arguments: [
      ("Entry Type", "Total"), ("Entry Type", "Direct Cost - Non Inventory"),
      ("Variance Type", "Material - Non Inventory"),
      ("Entry Type", "Freight"), ("Item Ledger Entry Type", "42"),
    ])
  func badEnum(field: String, value: String) throws {
    try withFolder { folder in
      var entries = MiniCompany.table(5802).records
      entries[2][field] = value
      var style = LakeStyle()
      style.enumAsInteger = Int(value) != nil
      try LakeRenderer.write(MiniCompany.with(5802, entries), to: folder, style: style)
      let lines = refusal(.csv, folder)
      let line = try #require(lines.first { $0.contains(value) })
      #expect(line.contains("line 4"))
      if field == "Entry Type" { #expect(line.contains("Direct Cost") && line.contains("Revaluation")) }
    }
  }

  @Test("two records with one primary key, in a package and in an SQL export")
  func duplicateKey() throws {
    try withFolder { folder in
      var entries = MiniCompany.table(5802).records
      entries[4]["Entry No."] = "3"
      let path = try package(MiniCompany.with(5802, entries), folder)
      #expect(refusal(.rapidStart, path).contains { $0.contains("Value Entry") && $0.contains("key 3") })
    }
    try withFolder { folder in
      var locations = MiniCompany.table(14).records
      locations.append(["Code": "BLUE", "Name": "Again"])
      try SQLRenderer.write(MiniCompany.with(14, locations), to: folder)
      #expect(refusal(.csv, folder).contains { $0.contains("Location") && $0.contains("BLUE") })
    }
  }

  @Test("a precision of more than 5 decimals")
  func precision() throws {
    try withFolder { folder in
      var setup = MiniCompany.table(98).records
      setup[0]["Amount Rounding Precision"] = "0.000001"
      let path = try package(MiniCompany.with(98, setup), folder)
      #expect(refusal(.rapidStart, path).contains { $0.contains("6 decimals") })
    }
  }

  // MARK: Companies

  @Test("several companies: refused without --company, one picked with it, an unknown one refused")
  func companies() throws {
    try withFolder { folder in
      try LakeRenderer.write(MiniCompany.tables, to: folder)
      // The second company's G/L accounts, in the same entity folder.
      var other = LakeStyle()
      other.company = "Other Corp."
      let rows = [
        LakeRow(
          record: ["No.": "1", "Name": "Other"], timestamp: 5000,
          systemId: "BBBBBBBB-0000-0000-0000-000000000001")
      ]
      try writeFile(folder + "/data/GLAccount-15/other.csv", LakeRenderer.csv(15, rows, style: other))
      let lines = refusal(.csv, folder)
      #expect(lines.contains { $0.contains("Mini Ltd.") && $0.contains("Other Corp.") })
      let picked = try BCImport.run(.csv, path: folder, options: .init(company: "Mini Ltd."))
      let expected = try ExpectedSnapshot.canonical(ExpectedSnapshot.json(MiniCompany.tables))
      #expect(firstDifference(canonical(picked.ledger), expected) == nil)
      #expect(
        refusal(.csv, folder, options: .init(company: "Nobody")).contains {
          $0.contains("Nobody") && $0.contains("Other Corp.")
        })
    }
    try withFolder { folder in
      try SQLRenderer.write(MiniCompany.tables, to: folder)
      var other = SQLStyle()
      other.company = "Other Corp."
      try SQLRenderer.write([MiniCompany.table(15)], to: folder, style: other)
      #expect(refusal(.csv, folder).contains { $0.contains("Other Corp_") })
      let picked = try BCImport.run(.csv, path: folder, options: .init(company: "Mini Ltd."))
      #expect(picked.ledger.glAccounts.count == 4)
    }
  }

  // MARK: Validation

  @Test(
    "dangling references of a date-filtered export: refused with a count per kind, or dropped with --drop-dangling"
  )
  func dangling() throws {
    try withFolder { folder in
      // The export of G/L entries stops before entry 2; the item ledger before entry 3.
      var tables = MiniCompany.with(17, Array(MiniCompany.table(17).records.prefix(1)))
      tables = tables.map { $0.id == 32 ? BCTableData(id: 32, records: Array($0.records.prefix(2))) : $0 }
      let path = try package(tables, folder)
      let lines = refusal(.rapidStart, path)
      #expect(
        lines.contains { $0.contains("1 G/L – Item Ledger Relation rows") && $0.contains("G/L entry 2") })
      #expect(
        lines.contains {
          $0.contains("1 value entries name item ledger entries") && $0.contains("value entry 4")
        })
      #expect(lines.contains { $0.contains("whole") || $0.contains("--drop-dangling") })
      let dropped = try BCImport.run(.rapidStart, path: path, options: .init(dropDangling: true))
      #expect(dropped.ledger.glItemLedgerRelations.count == 1)
      #expect(dropped.warnings.filter { $0.message.contains("--drop-dangling") }.count >= 2)
    }
  }

  @Test("--strict refuses an import that only warns")
  func strict() throws {
    try withFolder { folder in
      let path = try package(MiniCompany.tables, folder)
      let warned = try BCImport.run(.rapidStart, path: path)
      #expect(!warned.warnings.isEmpty)
      let lines = refusal(.rapidStart, path, options: .init(strict: true))
      #expect(lines.count == warned.warnings.count)
      #expect(lines.allSatisfy { $0.contains("--strict") })
    }
  }
}
