import Foundation
import Testing

/// The `reconbench` executable as a user runs it. It must be built first (`swift build`), which
/// the README's test command and `.ci/run` do.
struct Run {
  var status: Int32
  var output: String
  var error: String
}

let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent()

func reconbench(_ arguments: String...) throws -> Run {
  try reconbench(arguments)
}

/// Runs with the test process's environment, `environment` added; the snapshot cache goes to a
/// folder of the test run unless `environment` names one, never to the user's own.
func reconbench(_ arguments: [String], environment: [String: String] = [:]) throws -> Run {
  let binary = packageRoot.appendingPathComponent(".build/debug/reconbench").path
  guard FileManager.default.isExecutableFile(atPath: binary) else {
    throw CLIError("no binary at \(binary): run `swift build` before `swift test`")
  }
  // The child writes to files, read once it has exited: Foundation's
  // `FileHandle.readDataToEndOfFile` on a pipe traps when a read is interrupted by a signal
  // (SIGCHLD from another test's child), which parallel suites make likely.
  let folder = NSTemporaryDirectory() + "reconbench-run-" + UUID().uuidString
  try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(atPath: folder) }
  let outPath = folder + "/stdout", errPath = folder + "/stderr"
  guard FileManager.default.createFile(atPath: outPath, contents: nil),
    FileManager.default.createFile(atPath: errPath, contents: nil)
  else { throw CLIError("cannot create the output files in \(folder)") }
  let output = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
  let error = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
  let process = Process()
  process.executableURL = URL(fileURLWithPath: binary)
  process.arguments = arguments
  var variables = ProcessInfo.processInfo.environment
  variables["XDG_CACHE_HOME"] = NSTemporaryDirectory() + "reconbench-cli-cache-\(getpid())"
  variables.merge(environment) { $1 }
  process.environment = variables
  process.standardOutput = output
  process.standardError = error
  try process.run()
  process.waitUntilExit()
  try output.close()
  try error.close()
  let outData = try Data(contentsOf: URL(fileURLWithPath: outPath))
  let errData = try Data(contentsOf: URL(fileURLWithPath: errPath))
  return Run(
    status: process.terminationStatus, output: String(decoding: outData, as: UTF8.self),
    error: String(decoding: errData, as: UTF8.self))
}

struct CLIError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}

func temporaryFolder() throws -> String {
  let path = NSTemporaryDirectory() + "reconbench-cli-" + UUID().uuidString
  try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  return path
}

@Suite("Command line", .serialized)
struct CommandLineTests {
  @Test("generate writes a company that validate accepts, the same for the same seed")
  func generateAndValidate() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let first = try reconbench(
      "generate", "--value-entries", "2000", "--seed", "5", "--output", folder + "/a.json")
    #expect(first.status == 0)
    #expect(first.output.contains("valueEntries"))
    _ = try reconbench("generate", "--value-entries", "2000", "--seed", "5", "--output", folder + "/b.json")
    let a = try Data(contentsOf: URL(fileURLWithPath: folder + "/a.json"))
    let b = try Data(contentsOf: URL(fileURLWithPath: folder + "/b.json"))
    #expect(a == b)
    let check = try reconbench("validate", folder + "/a.json")
    #expect(check.status == 0)
    #expect(check.output.hasPrefix(folder + "/a.json: valid: "))
    #expect(check.output.contains(" valueEntries"))
    #expect(check.error.isEmpty)
  }

  @Test("validate prints every problem to standard error and exits 1")
  func invalid() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/bad.json"
    let text = """
      {"format":"reconbench.snapshot","version":1,
      "glEntries":[{"entryNo":1,"glAccountNo":"","postingDate":"2024-13-01"},{"entryNo":1,"glAccountNo":"","postingDate":"2024-01-01"}]}
      """
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    let run = try reconbench("validate", path)
    #expect(run.status == 1)
    #expect(run.output.isEmpty)
    let lines = run.error.split(separator: "\n").map(String.init)
    #expect(
      lines == [
        "\(path): glEntries[0].postingDate (line 2:58): \"2024-13-01\" is not a valid date; expected YYYY-MM-DD or CYYYY-MM-DD",
        "\(path): glEntries[1].entryNo: entry number 1 is used more than once",
      ])
  }

  @Test("missing files, directories and truncated files exit 1 with one line, no stack trace")
  func fileErrors() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let missing = try reconbench("validate", folder + "/nope.json")
    #expect(missing.status == 1 && missing.error == "\(folder)/nope.json: no such file\n")
    let directory = try reconbench("validate", folder)
    #expect(directory.status == 1 && directory.error.contains("is a directory"))
    try "{\"format\":\"reconbench.snapshot\",\"version\":1,\"items\":[{\"no\":\"1".write(
      toFile: folder + "/cut.json", atomically: true, encoding: .utf8)
    let cut = try reconbench("validate", folder + "/cut.json")
    #expect(cut.status == 1 && cut.error.contains("truncated") && cut.error.contains("line 1:"))
  }

  @Test("bad usage exits 2")
  func usage() throws {
    #expect(try reconbench("validate").status == 2)
    #expect(try reconbench("generate", "--value-entries", "0", "--output", "/tmp/x.json").status == 2)
    #expect(try reconbench("generate", "--value-entries", "ten", "--output", "/tmp/x.json").status == 2)
    #expect(try reconbench("validate", "--frobnicate", "x").status == 2)
    let help = try reconbench("--help")
    #expect(help.status == 0 && help.output.contains("validate") && help.output.contains("generate"))
  }

  @Test("generate refuses to write into a folder that does not exist, with exit 1")
  func generateFailure() throws {
    let run = try reconbench("generate", "--value-entries", "10", "--output", "/nonexistent-folder/x.json")
    #expect(run.status == 1)
    #expect(run.error.hasPrefix("/nonexistent-folder/x.json: cannot save into /nonexistent-folder"))
  }
}
