import Foundation
import Testing

@testable import ReconEngine

/// Every kind of bad input gives a clear message naming where, never a crash.
@Suite("Snapshot bad input")
struct SnapshotBadInputTests {
  /// The single problem `text` produces.
  func onlyProblem(_ text: String) throws -> SnapshotProblem {
    let found = problems(text)
    try #require(found.count == 1, "expected one problem, got \(found)")
    return found[0]
  }

  @Test("a truncated file names the end of the file")
  func truncated() throws {
    let full = String(decoding: SnapshotStore.encode(smallCompany), as: UTF8.self)
    let cut = String(full.prefix(full.utf8.count / 2))
    let problem = try onlyProblem(cut)
    #expect(problem.message.contains("truncated"))
    #expect(problem.line > 1 && problem.column >= 1)
  }

  @Test("text that is not JSON gives line and column")
  func notJSON() throws {
    let problem = try onlyProblem("{\"format\":\"reconbench.snapshot\",\n  \"version\": 1,\n  oops}")
    #expect(problem.line == 3 && problem.column == 3)
    #expect(problem.message.contains("key"))
    #expect(try onlyProblem("hello").message.contains("JSON object"))
    #expect(
      try onlyProblem("{\"format\":\"reconbench.snapshot\",\"version\":1} trailing").message.contains("after")
    )
  }

  @Test("an empty file says so")
  func empty() throws {
    #expect(try onlyProblem("").message.contains("empty"))
    #expect(try onlyProblem("  \n ").message.contains("empty"))
  }

  @Test("a wrong format or an unknown version names both")
  func formatAndVersion() throws {
    let wrongFormat = try onlyProblem("{\"format\":\"something.else\",\"version\":1}")
    #expect(wrongFormat.path == "format")
    #expect(
      wrongFormat.message.contains("something.else") && wrongFormat.message.contains("reconbench.snapshot"))
    let wrongVersion = try onlyProblem("{\"format\":\"reconbench.snapshot\",\"version\":7}")
    #expect(wrongVersion.path == "version" && wrongVersion.message.contains("7"))
    let missing = problems("{\"items\":[]}").map(\.path)
    #expect(missing == ["format", "version"])
  }

  @Test("a string where a number belongs, and other wrong kinds")
  func wrongKinds() throws {
    let problem = try onlyProblem(
      snapshot(
        #""itemLedgerEntries":[{"entryNo":"7","itemNo":"A","postingDate":"2024-01-01","entryType":"Sale"}]"#))
    #expect(problem.path == "itemLedgerEntries[0].entryNo")
    #expect(problem.message.contains("found a string"))
    #expect(problem.line == 2)
    let found = problems(
      snapshot(
        #""glAccounts":[{"no":5},{"no":"1","blocked":"yes"}],"setup":{"expectedCostPostingToGL":1,"allowPostingFrom":null}"#
      ))
    #expect(
      found.map(\.path) == ["glAccounts[0].no", "glAccounts[1].blocked", "setup.expectedCostPostingToGL"])
  }

  @Test("amounts: too many decimals, too large to sum, a bad date")
  func amounts() throws {
    let found = problems(
      snapshot(
        """
        "glEntries":[
        {"entryNo":1,"glAccountNo":"","postingDate":"2024-01-01","amount":1.234},
        {"entryNo":2,"glAccountNo":"","postingDate":"2024-02-30","amount":1e20},
        {"entryNo":3,"glAccountNo":"","postingDate":"2024-01-01","amount":0.000001}]
        """))
    let byPath = Dictionary(found.map { ($0.path, $0.message) }, uniquingKeysWith: { $0 + "; " + $1 })
    #expect(byPath["glEntries[0].amount"]?.contains("more than 2 decimals") == true)
    #expect(byPath["glEntries[1].amount"]?.contains("too large") == true)
    #expect(byPath["glEntries[1].postingDate"]?.contains("\"2024-02-30\" is not a valid date") == true)
    #expect(byPath["glEntries[2].amount"]?.contains("decimals") == true)
    // With amountDecimals 3 the first amount is fine, wherever setup stands in the file.
    let later = problems(
      snapshot(
        #""glEntries":[{"entryNo":1,"glAccountNo":"","postingDate":"2024-01-01","amount":1.234}],"setup":{"amountDecimals":3}"#
      ))
    #expect(later.isEmpty)
  }

  @Test("duplicate entry numbers are named at the second occurrence")
  func duplicates() throws {
    let problem = try onlyProblem(
      snapshot(
        """
        "valueEntries":[{"entryNo":1,"postingDate":"2024-01-01","entryType":"Direct Cost"},
        {"entryNo":2,"postingDate":"2024-01-01","entryType":"Direct Cost"},
        {"entryNo":1,"postingDate":"2024-01-01","entryType":"Direct Cost"}]
        """))
    #expect(problem.path == "valueEntries[2].entryNo")
    #expect(problem.message.contains("more than once"))
  }

  @Test("references to missing entries and accounts")
  func danglingReferences() throws {
    let found = problems(
      snapshot(
        """
        "glAccounts":[{"no":"2130"}],
        "inventoryPostingSetup":[{"inventoryPostingGroup":"RESALE","inventoryAccount":"2130","wipAccount":"9999"}],
        "valueEntries":[{"entryNo":1,"postingDate":"2024-01-01","entryType":"Direct Cost","itemLedgerEntryNo":5}],
        "glEntries":[{"entryNo":1,"glAccountNo":"2130","postingDate":"2024-01-01"}],
        "glItemLedgerRelations":[{"glEntryNo":1,"valueEntryNo":1},{"glEntryNo":2,"valueEntryNo":3}]
        """))
    #expect(
      found.map(\.path) == [
        "valueEntries[0].itemLedgerEntryNo", "glItemLedgerRelations[1].glEntryNo",
        "glItemLedgerRelations[1].valueEntryNo", "inventoryPostingSetup[0].wipAccount",
      ])
    #expect(found[3].message.contains("9999"))
  }

  @Test("unknown enumeration values and unknown keys")
  func unknownValues() throws {
    let found = problems(
      snapshot(
        """
        "valueEntries":[{"entryNo":1,"postingDate":"2024-01-01","entryType":"Direct cost","costAmmount":5}],
        "itemLedgerEntries":[{"entryNo":1,"itemNo":"A","postingDate":"2024-01-01","entryType":""}],
        "colour":"red"
        """))
    #expect(
      found.map(\.path) == [
        "valueEntries[0].entryType", "valueEntries[0].costAmmount", "itemLedgerEntries[0].entryType",
        "colour",
      ])
    #expect(found[0].message.contains("\"Direct cost\" is not a valid value"))
    #expect(found[1].message.contains("unknown key"))
  }

  @Test("missing required fields")
  func requiredFields() throws {
    let found = problems(snapshot(#""glEntries":[{"entryNo":1}]"#))
    #expect(found.map(\.path) == ["glEntries[0].glAccountNo", "glEntries[0].postingDate"])
  }

  @Test("a byte that is not UTF-8")
  func notUTF8() throws {
    var bytes = Array(snapshot(#""company":{"name":"Caf?"}"#).utf8)
    let question = try #require(bytes.firstIndex(of: UInt8(ascii: "?")))
    bytes[question] = 0xE9  // Latin-1 é
    do {
      _ = try SnapshotStore.decode(bytes, name: "latin1.json")
      Issue.record("a Latin-1 file loaded")
    } catch {
      #expect(error.problems.count == 1)
      #expect(error.problems[0].message.contains("0xE9 is not valid UTF-8"))
      #expect(error.description.hasPrefix("latin1.json: line 2:"))
    }
  }

  @Test("every problem is reported, not only the first")
  func allProblems() {
    let found = problems(
      snapshot(
        (0..<50).map { #"{"entryNo":\#($0 + 1),"glAccountNo":"","postingDate":"bad"}"# }.joined(
          separator: ","
        )
        .wrappedAsArray("glEntries")))
    #expect(found.count == 50)
  }

  @Test("a file that does not exist, and a directory")
  func files() throws {
    #expect(throws: SnapshotError.self) { try SnapshotStore.load(path: "/nonexistent/x.json") }
    do {
      _ = try SnapshotStore.load(path: "/nonexistent/x.json")
    } catch {
      #expect(error.description == "/nonexistent/x.json: no such file")
    }
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    do {
      _ = try SnapshotStore.load(path: folder)
      Issue.record("a directory loaded")
    } catch {
      #expect(error.description.contains("is a directory"))
    }
  }

  @Test("a failed save leaves the old file untouched and no temporary file behind")
  func failedSave() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/company.json"
    let old = Array("old content".utf8)
    #expect(FileManager.default.createFile(atPath: path, contents: Data(old)))
    #expect(throws: SnapshotError.self) {
      try SnapshotStore.save(smallCompany, to: path, failAfterBytes: 10_000)
    }
    #expect(Array(try Data(contentsOf: URL(fileURLWithPath: path))) == old)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["company.json"])
    // A folder that does not exist, and a target that is a directory.
    #expect(throws: SnapshotError.self) { try SnapshotStore.save(smallCompany, to: folder + "/no/such.json") }
    #expect(throws: SnapshotError.self) { try SnapshotStore.save(smallCompany, to: folder) }
  }

  @Test("a read-only folder refuses the save and keeps the old file", .enabled(if: getuid() != 0))
  func readOnlyFolder() throws {
    let folder = try temporaryFolder()
    defer {
      chmod(folder, 0o755)
      try? FileManager.default.removeItem(atPath: folder)
    }
    let path = folder + "/company.json"
    #expect(FileManager.default.createFile(atPath: path, contents: Data("old".utf8)))
    chmod(folder, 0o555)
    do {
      try SnapshotStore.save(smallCompany, to: path)
      Issue.record("saved into a read-only folder")
    } catch {
      #expect(error.description.contains("Permission denied"))
    }
    #expect(String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self) == "old")
  }
}

extension String {
  fileprivate func wrappedAsArray(_ name: String) -> String { "\"\(name)\":[\(self)]" }
}
