import Foundation
import Testing

/// The worked examples of `jobs-wip.md` §10 as golden cases: snapshots and expected outputs in
/// `JobsGolden/`, written by hand from the spec's rules and numbers (see its NOTES.md), never from
/// the program's output. Each `gcN.commands.txt` line names an expected file and the command
/// line that must print it; `SNAPSHOT` is the case's snapshot, `OUTPUT` the file a `post-wip` of
/// the case wrote, and `@new-gl-entries OUTPUT` lists the G/L entries that post added.
@Suite("Job WIP golden cases", .serialized)
struct JobsGoldenTests {
  static let folder = packageRoot.appendingPathComponent("Tests/ReconBenchCLITests/JobsGolden").path

  static var cases: [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    return names.filter { $0.hasSuffix(".commands.txt") && $0.hasPrefix("gc") }
      .map { String($0.dropLast(".commands.txt".count)) }.sorted()
  }

  @Test("every golden case exists", .tags())
  func casesExist() {
    for number in 1...10 { #expect(JobsGoldenTests.cases.contains("gc\(number)"), "gc\(number) is missing") }
  }

  @Test("each command prints the expected output", arguments: JobsGoldenTests.cases)
  func golden(_ name: String) throws {
    let work = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: work) }
    let snapshot = JobsGoldenTests.folder + "/\(name).json"
    let output = work + "/\(name).posted.json"
    let commands = try String(
      contentsOfFile: JobsGoldenTests.folder + "/\(name).commands.txt", encoding: .utf8)
    var checked = 0
    for line in commands.split(separator: "\n") where !line.trimmingCharacters(in: .whitespaces).isEmpty {
      let parts = line.split(separator: "\t", maxSplits: 1).map(String.init)
      try #require(parts.count == 2, "malformed line: \(line)")
      let expected = try String(contentsOfFile: JobsGoldenTests.folder + "/" + parts[0], encoding: .utf8)
      let words = parts[1].split(separator: " ").map(String.init)
      let got: String
      if words.first == "@new-gl-entries" {
        got = try newGLEntries(before: snapshot, after: output)
      } else {
        let run = try reconbench(words.map { $0 == "SNAPSHOT" ? snapshot : $0 == "OUTPUT" ? output : $0 })
        #expect(run.status == 0, "\(parts[1]): exit \(run.status): \(run.error)")
        got = run.output
      }
      #expect(got == expected, "\(parts[1]) (expected \(parts[0]))")
      checked += 1
    }
    #expect(checked >= 3)
  }

  @Test("every refusal of §5.10 and §7.1 exits with its message, prints nothing and writes nothing")
  func refusals() throws {
    let work = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: work) }
    let output = work + "/refused.json"
    let lines = try String(contentsOfFile: JobsGoldenTests.folder + "/refusals.commands.txt", encoding: .utf8)
    var checked = 0
    for line in lines.split(separator: "\n") where !line.hasPrefix("#") && !line.isEmpty {
      let parts = line.split(separator: "\t", maxSplits: 2).map(String.init)
      try #require(parts.count == 3, "malformed line: \(line)")
      let words = parts[2].split(separator: " ").map(String.init).map { word in
        word == "OUTPUT" ? output : word.hasSuffix(".json") ? JobsGoldenTests.folder + "/" + word : word
      }
      let run = try reconbench(words)
      #expect(String(run.status) == parts[0], "\(parts[2]): exit \(run.status)")
      #expect(run.error.contains(parts[1]), "\(parts[2]): stderr \(run.error)")
      #expect(run.output.isEmpty, "\(parts[2]) printed \(run.output)")
      #expect(!FileManager.default.fileExists(atPath: output), "\(parts[2]) wrote its output")
      checked += 1
    }
    #expect(checked >= 15)
  }

  /// The G/L entries the posted file has beyond the input's, read with Foundation's JSON parser
  /// (not ReconBench's reader).
  func newGLEntries(before: String, after: String) throws -> String {
    func entries(_ path: String) throws -> [[String: Any]] {
      let data = try Data(contentsOf: URL(fileURLWithPath: path))
      let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
      return object?["glEntries"] as? [[String: Any]] ?? []
    }
    let old = try entries(before).compactMap { ($0["entryNo"] as? NSNumber)?.intValue }.max() ?? 0
    var lines = ["Entry No.,Posting Date,G/L Account No.,Document No.,Description,Amount,Job No."]
    for entry in try entries(after) {
      guard let number = (entry["entryNo"] as? NSNumber)?.intValue, number > old else { continue }
      // Two-decimal amounts survive the parser's binary double when printed to two decimals.
      let amount = (entry["amount"] as? NSNumber)?.doubleValue ?? 0
      let fields = [
        String(number), entry["postingDate"] as? String ?? "", entry["glAccountNo"] as? String ?? "",
        entry["documentNo"] as? String ?? "", entry["description"] as? String ?? "",
        String(format: "%.2f", amount),
        entry["jobNo"] as? String ?? "",
      ]
      lines.append(fields.joined(separator: ","))
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
