import Foundation
import Testing

@testable import ReconEngine

/// Filters BC accepts still parse; malformed ones are refused with the character at fault.
@Suite("Filter errors")
struct FilterErrorTests {
  @Test(
    "BC filter syntax parses",
    arguments: [
      "1000", "1000|1100", "1000..1999", "..1999", "1000..", "10*", "<>1000", ">=2000", "<2000", "''",
      "'A(1)'", "'1000&2000'", "1000 | 1100", "<>1000&<>1100", "1?00",
    ])
  func accepted(text: String) {
    if case .failure(let error) = CodeFilter.parse(text) { Issue.record("\(text) refused: \(error)") }
  }

  @Test(
    "malformed filters name the column",
    arguments: [
      ("(1000", 1, "parentheses"), ("1000)", 5, "parentheses"), ("1000&", 5, "nothing after “&”"),
      ("|", 1, "nothing before “|”"), ("1000||1100", 6, "nothing between “|” and “|”"),
      ("&1000", 1, "nothing before “&”"), ("'1000", 1, "not closed"), ("<>", 1, "nothing after “<>”"),
      ("1000|>=", 6, "nothing after “>=”"), ("1..2..3", 5, "a second “..”"), ("..", 1, "at least one end"),
      ("1000|..", 6, "at least one end"),
    ])
  func refused(text: String, column: Int, reason: String) {
    guard case .failure(let error) = CodeFilter.parse(text) else {
      Issue.record("\(text) accepted")
      return
    }
    #expect(error.column == column, "\(text): \(error)")
    #expect(error.reason.contains(reason), "\(text): \(error)")
    #expect(error.pointer.hasSuffix(String(repeating: " ", count: column - 1) + "^"))
    #expect(CodeFilter(parsing: text) == nil)
  }

  @Test(
    "date filters say what is wrong",
    arguments: [
      ("2025-12-31..2025-01-01", 13, "reversed: 2025-01-01 comes before 2025-12-31"),
      ("2025-02-30", 1, "2025-02-30 is no day of the calendar"),
      ("2024-02-29..2025-02-29", 13, "2025-02-29 is no day"), ("31.12.2025", 1, "YYYY-MM-DD"),
      ("2025-1-1", 1, "YYYY-MM-DD"), ("..", 1, "at least one end"),
      ("2025-01-01..2025-02-01..2025-03-01", 23, "a second"),
      ("C2025-13-31", 1, "no day of the calendar"),
    ])
  func dates(text: String, column: Int, reason: String) {
    guard case .failure(let error) = DateRange.parse(text) else {
      Issue.record("\(text) accepted")
      return
    }
    #expect(error.column == column, "\(text): \(error)")
    #expect(error.reason.contains(reason), "\(text): \(error)")
  }

  @Test("long runs of spaces around a filter are trimmed (on the bytes, so in linear time)")
  func longSpaces() throws {
    let spaces = String(repeating: " ", count: 100_000)
    #expect(try DateRange.parse(spaces + "2025-01-01" + spaces).get().start == LedgerDate("2025-01-01"))
    #expect(try CodeFilter.parse("1000" + spaces).get().matches("1000"))
    #expect((spaces + "a b" + spaces).trimmingSpaces == "a b")
    #expect(spaces.trimmingSpaces.isEmpty)
  }

  @Test("good date filters parse as before")
  func goodDates() throws {
    #expect(DateRange.parse("") == .success(.all))
    let range = try DateRange.parse(" 2025-01-01..C2025-12-31 ").get()
    #expect(range.start == LedgerDate("2025-01-01") && range.end == LedgerDate("C2025-12-31"))
    #expect(
      try DateRange.parse("2025-03-01").get()
        == DateRange(start: LedgerDate("2025-03-01"), end: LedgerDate("2025-03-01")))
    #expect(try DateRange.parse("..2025-03-01").get().start == nil)
    #expect(try DateRange.parse("2025-03-01..").get().end == nil)
  }
}

/// Exports are written atomically and their failures said in words.
@Suite("Text file writer")
struct TextFileWriterTests {
  @Test("writes atomically and leaves no temporary file; refusals say what is wrong")
  func writes() throws {
    let folder = NSTemporaryDirectory() + "reconbench-text-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try TextFileWriter.write("a,b\n1,2\n", to: folder + "/out.csv")
    #expect(try String(contentsOfFile: folder + "/out.csv", encoding: .utf8) == "a,b\n1,2\n")
    try TextFileWriter.write("new\n", to: folder + "/out.csv")
    #expect(try String(contentsOfFile: folder + "/out.csv", encoding: .utf8) == "new\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["out.csv"])
    #expect(FilePaths.exists(folder + "/out.csv"))
    #expect(!FilePaths.exists(folder + "/none.csv"))

    func reason(_ path: String) -> String {
      do {
        try TextFileWriter.write("x", to: path)
        return "written"
      } catch {
        return error.description
      }
    }
    #expect(
      reason(folder + "/missing/out.csv")
        == "Cannot write \(folder)/missing/out.csv: the folder \(folder)/missing does not exist")
    #expect(reason(folder) == "Cannot write \(folder): it is a folder; give a file name")
    #expect(reason(folder + "/out.csv/x.csv").contains("is a file, not a folder"))
    if getuid() != 0 {
      #expect(reason("/proc/x.csv").contains("no permission") || reason("/proc/x.csv").contains("read-only"))
    }
    #expect(TextFileWriter.reason(EACCES, folder: "/sys") == "no permission to write in /sys")
    #expect(FilePaths.absolute("a.csv").hasSuffix("/a.csv"))
    #expect(FilePaths.absolute("a.csv").hasPrefix("/"))
  }
}

/// The progress a load and an import report while they read.
@Suite("Progress")
struct ProgressTests {
  @Test("a snapshot load and an import count their bytes; the load ends in the checking step")
  func counts() throws {
    let folder = NSTemporaryDirectory() + "reconbench-progress-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/s.json"
    try SnapshotStore.save(SampleCompany.load(), to: path)
    let progress = ByteProgress(total: ByteProgress.size(of: path))
    #expect(progress.total > 100_000)
    #expect(progress.bytesDone == 0 && progress.currentStep == .reading)
    _ = try SnapshotStore.load(path: path, progress: progress)
    #expect(progress.bytesDone == progress.total)
    #expect(progress.currentStep == .checking)

    try BCExportWriter.writeLake(SampleCompany.load(), to: folder + "/lake")
    let lake = ByteProgress(total: ByteProgress.size(of: folder + "/lake"))
    var options = BCImport.Options()
    options.progress = lake
    _ = try BCImport.run(.csv, path: folder + "/lake", options: options)
    #expect(lake.total > 100_000)
    #expect(lake.bytesDone == lake.total)
  }
}
