import Foundation
import Testing

/// `reconbench import` as a user runs it, on the sample company's committed exports.
@Suite("import command", .serialized)
struct ImportCommandTests {
  let package = packageRoot.appendingPathComponent("SampleData/cronus-sample.rapidstart").path
  let lake = packageRoot.appendingPathComponent("SampleData/cronus-sample-bc2adls").path
  let sample = packageRoot.appendingPathComponent("SampleData/cronus-sample.json").path

  @Test("a package and a lake import to snapshots with the sample's matrix; the summary is the last line")
  func imports() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let expected = try reconbench("matrix", sample, "--format", "csv")
    for (kind, input) in [("rapidstart", package), ("csv", lake)] {
      let output = folder + "/\(kind).json"
      let run = try reconbench("import", kind, input, "--output", output)
      #expect(run.status == 0, "\(run.error)")
      #expect(run.error.isEmpty)
      let last = run.output.split(separator: "\n").last.map(String.init) ?? ""
      #expect(last.hasPrefix(output + ": imported: "))
      #expect(last.contains("2504 valueEntries"))
      #expect(try reconbench("validate", output).status == 0)
      #expect(try reconbench("matrix", output, "--format", "csv").output == expected.output)
      // Deterministic: the same input gives the same bytes.
      let again = folder + "/\(kind)-again.json"
      _ = try reconbench("import", kind, input, "--output", again)
      #expect(
        try Data(contentsOf: URL(fileURLWithPath: output)) == Data(contentsOf: URL(fileURLWithPath: again)))
    }
  }

  @Test("a refused import exits 1, names file, line and column, writes nothing and leaves an old file alone")
  func refused() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let input = folder + "/export"
    try FileManager.default.createDirectory(
      atPath: input + "/ValueEntry-5802", withIntermediateDirectories: true)
    try "EntryNo-1,PostingDate-3,EntryType-105\r\n1,2025-01-10,Direct Cost\r\n2,2025-13-01,Direct Cost\r\n"
      .write(
        toFile: input + "/ValueEntry-5802/a.csv", atomically: true, encoding: .utf8)
    let output = folder + "/out.json"
    try "old".write(toFile: output, atomically: true, encoding: .utf8)
    let run = try reconbench("import", "csv", input, "--output", output)
    #expect(run.status == 1)
    #expect(
      run.error.contains("ValueEntry-5802/a.csv: line 3, column PostingDate-3: \"2025-13-01\" is not a date"))
    #expect(try String(contentsOfFile: output, encoding: .utf8) == "old")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["export", "out.json"])
  }

  @Test("warnings go to standard error and keep status 0; --strict refuses them")
  func warnings() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let input = folder + "/export"
    try FileManager.default.createDirectory(atPath: input, withIntermediateDirectories: true)
    try "EntryNo-1,PostingDate-3,EntryType-105\n1,2025-01-10,Direct Cost\n".write(
      toFile: input + "/ValueEntry-5802.csv", atomically: true, encoding: .utf8)
    let run = try reconbench("import", "csv", input, "--output", folder + "/out.json")
    #expect(run.status == 0)
    let warnings = run.error.split(separator: "\n")
    #expect(!warnings.isEmpty)
    #expect(warnings.allSatisfy { $0.contains(": warning: ") })
    #expect(warnings.contains { $0.contains("G/L Entry is not in the export") })
    let strict = try reconbench("import", "csv", input, "--output", folder + "/strict.json", "--strict")
    #expect(strict.status == 1)
    #expect(strict.error.contains("(refused: --strict)"))
    #expect(!FileManager.default.fileExists(atPath: folder + "/strict.json"))
  }

  @Test("usage errors exit 2: no --output, --output naming the input, an unknown kind")
  func usage() throws {
    #expect(try reconbench("import", "rapidstart", package).status == 2)
    #expect(try reconbench("import", "rapidstart", package, "--output", package).status == 2)
    #expect(try reconbench("import", "excel", package, "--output", "/tmp/x.json").status == 2)
  }

  @Test("a folder given as a package, a package given as a folder: refused with a message")
  func wrongKind() throws {
    let asPackage = try reconbench("import", "rapidstart", lake, "--output", "/tmp/reconbench-never.json")
    #expect(asPackage.status == 1)
    #expect(asPackage.error.hasPrefix(lake))
    let asFolder = try reconbench("import", "csv", package, "--output", "/tmp/reconbench-never.json")
    #expect(asFolder.status == 1)
    #expect(asFolder.error.contains("no such folder"))
    #expect(!FileManager.default.fileExists(atPath: "/tmp/reconbench-never.json"))
  }
}
