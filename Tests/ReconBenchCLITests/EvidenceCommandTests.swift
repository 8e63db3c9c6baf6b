import Foundation
import Testing

/// `reconbench timeline` and `reconbench evidence`: every file of a pack is what the command the
/// manifest names prints, its SHA-256 (checked with `sha256sum`, not our own hashing) is the
/// manifest's, `--verify` passes, and fails once one byte of a file or of the snapshot changes;
/// a folder that is not empty is replaced only with `--force`.
@Suite("Timeline and evidence commands", .serialized)
struct EvidenceCommandTests {
  static let sample = packageRoot.appendingPathComponent("SampleData/cronus-sample.json").path

  func sha256sum(_ path: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
    process.arguments = [path]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return String(output.prefix(64))
  }

  /// A shell-quoted command line back into arguments (the manifest quotes with '…').
  func words(_ line: String) -> [String] {
    var result: [String] = []
    var current = ""
    var quoted = false
    var started = false
    for character in line {
      if character == "'" {
        quoted.toggle()
        started = true
      } else if character == " " && !quoted {
        if started || !current.isEmpty { result.append(current) }
        current = ""
        started = false
      } else {
        current.append(character)
      }
    }
    if started || !current.isEmpty { result.append(current) }
    return result
  }

  @Test("timeline CSV: the header of the issue, one line per field and period; --first-dates")
  func timeline() throws {
    let run = try reconbench("timeline", Self.sample, "--format", "csv")
    #expect(run.status == 0)
    let lines = run.output.split(separator: "\n")
    #expect(lines.first == "Account Type,Period Start,Period End,Difference,Cumulative Difference,Causes")
    #expect(lines.count == 1 + 15 * 12)
    #expect(lines.contains("Inventory,2025-11-01,2025-11-30,1250.00,-782418.75,Direct posting 1250.00"))
    // The cumulative Difference at a period's end is the matrix up to that date.
    let matrix = try reconbench("matrix", Self.sample, "--date", "..2025-11-30", "--format", "csv")
    let difference = try #require(matrix.output.split(separator: "\n").first { $0.hasPrefix("Difference,") })
    #expect(difference.split(separator: ",", omittingEmptySubsequences: false)[1] == "-782418.75")
    let first = try reconbench("timeline", Self.sample, "--first-dates", "--format", "csv")
    #expect(first.output.hasPrefix("Account Type,First Non-Zero,Stable Since,Difference\n"))
    #expect(first.output.contains("Direct Cost Applied,2025-03-31,2025-12-31,9207.64\n"))
    let week = try reconbench(
      "timeline", Self.sample, "--by", "week", "--date", "2025-12-01..2025-12-31", "--format", "csv")
    #expect(week.output.contains("Inventory,2025-12-29,2025-12-31,"))
    #expect(try reconbench("timeline", Self.sample, "--by", "year").status == 2)
  }

  @Test("a snapshot of several read blocks (8 MiB each) is hashed as sha256sum hashes it, and verifies")
  func largeSnapshotDigest() throws {
    let work = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: work) }
    // The sample with 20 MiB of trailing whitespace (valid JSON): three blocks, the last partial.
    let snapshot = work + "/large.json"
    var bytes = try Data(contentsOf: URL(fileURLWithPath: Self.sample))
    bytes.append(Data(repeating: UInt8(ascii: " "), count: 20 << 20))
    bytes.append(UInt8(ascii: "\n"))
    try bytes.write(to: URL(fileURLWithPath: snapshot))
    let made = try reconbench("evidence", snapshot, "--output", work + "/pack", "--no-cache")
    #expect(made.status == 0, "\(made.error)")
    let data = try Data(contentsOf: URL(fileURLWithPath: work + "/pack/manifest.json"))
    let manifest = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let snapshotInfo = try #require(manifest["snapshot"] as? [String: Any])
    #expect(snapshotInfo["sha256"] as? String == (try sha256sum(snapshot)))
    #expect(snapshotInfo["bytes"] as? Int == bytes.count)
    let readme = try String(contentsOfFile: work + "/pack/README.md", encoding: .utf8)
    #expect(readme.contains("large.json (\(bytes.count) bytes)"))
    #expect(try reconbench("evidence", "--verify", work + "/pack", "--no-cache").status == 0)
  }

  @Test("every file of a pack is what its command prints, hashed as the manifest says; verify passes")
  func pack() throws {
    let work = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: work) }
    let snapshot = work + "/company.json"
    try FileManager.default.copyItem(atPath: Self.sample, toPath: snapshot)
    let made = try reconbench("evidence", snapshot, "--date", "..2025-12-31", "--output", work + "/pack")
    #expect(made.status == 0, "\(made.error)")
    let data = try Data(contentsOf: URL(fileURLWithPath: work + "/pack/manifest.json"))
    let manifest = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let files = try #require(manifest["files"] as? [[String: Any]])
    let names = files.compactMap { $0["name"] as? String }
    for expected in [
      "README.md", "matrix.csv", "explain.csv", "timeline.csv", "first-dates.csv", "report-valuation.csv",
      "report-wip.csv", "report-cost-spec.csv", "report-cost-shares.csv",
    ] {
      #expect(names.contains(expected), "\(expected) missing")
    }
    #expect(names.contains { $0.hasPrefix("items/") && $0.contains("direct-posting") })
    let snapshotInfo = try #require(manifest["snapshot"] as? [String: Any])
    #expect(snapshotInfo["sha256"] as? String == (try sha256sum(snapshot)))
    #expect(
      (snapshotInfo["bytes"] as? Int)
        == (try FileManager.default.attributesOfItem(atPath: snapshot)[.size] as? Int))
    for file in files {
      let name = try #require(file["name"] as? String)
      let path = work + "/pack/" + name
      #expect(file["sha256"] as? String == (try sha256sum(path)), "\(name)")
      let command = words(try #require(file["command"] as? String))
      guard command.first == "reconbench", command.dropFirst().first != "evidence" else { continue }
      let run = try reconbench(Array(command.dropFirst()))
      #expect(run.status == 0, "\(command)")
      let contents = try String(contentsOfFile: path, encoding: .utf8)
      #expect(run.output == contents, "\(name) is not what \(command.joined(separator: " ")) prints")
    }
    let readme = try String(contentsOfFile: work + "/pack/README.md", encoding: .utf8)
    #expect(readme.contains("| Inventory | -791,735.08 | 2025-01-03 | 2025-12-31 |"))
    #expect(readme.contains("**Direct posting**"))
    let verified = try reconbench("evidence", "--verify", work + "/pack")
    #expect(verified.status == 0, "\(verified.error)")
    #expect(verified.output.contains("all match"))

    // One byte of one file: verify fails and names it.
    let explain = work + "/pack/explain.csv"
    var bytes = try Data(contentsOf: URL(fileURLWithPath: explain))
    bytes[bytes.count / 2] ^= 0x01
    try bytes.write(to: URL(fileURLWithPath: explain))
    let tampered = try reconbench("evidence", "--verify", work + "/pack")
    #expect(tampered.status == 1)
    #expect(tampered.error.contains("explain.csv: changed"))
    bytes[bytes.count / 2] ^= 0x01
    try bytes.write(to: URL(fileURLWithPath: explain))
    #expect(try reconbench("evidence", "--verify", work + "/pack").status == 0)

    // One byte of the snapshot (an amount): verify fails, names the snapshot and what changed.
    var text = try String(contentsOfFile: snapshot, encoding: .utf8)
    let range = try #require(text.range(of: "\"amount\":1250.00"))
    text.replaceSubrange(range, with: "\"amount\":1250.10")
    try text.write(toFile: snapshot, atomically: true, encoding: .utf8)
    let changed = try reconbench("evidence", "--verify", work + "/pack")
    #expect(changed.status == 1)
    #expect(changed.error.contains("SHA-256 is not the manifest's"))
    #expect(changed.error.contains("matrix.csv: the snapshot now gives other contents"))
  }

  @Test("a folder that is not empty is kept unless --force; nothing is left beside it")
  func folders() throws {
    let work = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: work) }
    let target = work + "/pack"
    try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
    try "mine".write(toFile: target + "/notes.txt", atomically: true, encoding: .utf8)
    let refused = try reconbench("evidence", Self.sample, "--output", target)
    #expect(refused.status == 1)
    #expect(refused.error.contains("not empty"))
    #expect(FileManager.default.fileExists(atPath: target + "/notes.txt"))
    #expect(!FileManager.default.fileExists(atPath: target + "/manifest.json"))
    let forced = try reconbench("evidence", Self.sample, "--output", target, "--force")
    #expect(forced.status == 0)
    #expect(FileManager.default.fileExists(atPath: target + "/manifest.json"))
    #expect(!FileManager.default.fileExists(atPath: target + "/notes.txt"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: work) == ["pack"])
    // A trailing slash names the same folder.
    #expect(try reconbench("evidence", Self.sample, "--output", target + "/", "--force").status == 0)
    // A file the manifest does not list is reported.
    try "extra".write(toFile: target + "/extra.txt", atomically: true, encoding: .utf8)
    let extra = try reconbench("evidence", "--verify", target)
    #expect(extra.status == 1)
    #expect(extra.error.contains("extra.txt: in the folder, but not in the manifest"))
    // The snapshot inside the folder to replace: refused, nothing removed.
    let inside = target + "/company.json"
    try FileManager.default.copyItem(atPath: Self.sample, toPath: inside)
    let refusedInside = try reconbench("evidence", inside, "--output", target, "--force")
    #expect(refusedInside.status == 1)
    #expect(refusedInside.error.contains("holds the snapshot"))
    #expect(FileManager.default.fileExists(atPath: inside))
    #expect(try reconbench("evidence", Self.sample).status == 2)
    #expect(try reconbench("evidence", "--verify", work + "/nothing").status == 1)
  }
}
