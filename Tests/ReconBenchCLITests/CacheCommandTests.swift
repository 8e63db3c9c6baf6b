import Foundation
import Testing

/// The snapshot cache seen from the command line: the same output with and without it, never a
/// stale ledger after the file changed, `--no-cache`, `RECONBENCH_NO_CACHE`, `cache --clear`.
@Suite("Snapshot cache (command line)", .serialized)
struct CacheCommandTests {
  @Test("re-opening from the cache prints what reading the JSON prints, before and after a post")
  func sameOutput() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let environment = ["XDG_CACHE_HOME": folder + "/xdg"]
    let file = folder + "/company.json"
    func run(_ arguments: String..., extra: [String: String] = [:]) throws -> Run {
      try reconbench(arguments, environment: environment.merging(extra) { $1 })
    }
    func entryCount() throws -> Int {
      let listing = try run("cache").output
      let match = listing.split(separator: " ").dropFirst().first.flatMap { Int($0) }
      return try #require(match, "\(listing)")
    }
    // 10,000 value entries: about 8 MB, over the 4 MiB below which nothing is cached.
    #expect(try run("generate", "--value-entries", "10000", "--seed", "3", "--output", file).status == 0)
    #expect(try entryCount() == 1, "generate caches the file it wrote")
    #expect(try run("cache").output.contains(file))

    let fromJSON = try run("matrix", file, "--format", "csv", "--no-cache")
    let fromCache = try run("matrix", file, "--format", "csv")
    #expect(fromJSON.status == 0 && fromCache.status == 0)
    #expect(fromCache.output == fromJSON.output)
    #expect(!fromCache.output.isEmpty)
    let explainCached = try run("explain", file, "--format", "csv")
    #expect(explainCached.output == (try run("explain", file, "--format", "csv", "--no-cache")).output)

    // Posting rewrites the file: the next read must be the posted ledger, cached or not.
    let posted = try run("post", file, "--method", "entry", "--in-place")
    #expect(posted.status == 0, "\(posted.error)")
    let afterJSON = try run("matrix", file, "--format", "csv", "--no-cache")
    let afterCache = try run("matrix", file, "--format", "csv")
    #expect(afterCache.output == afterJSON.output)
    #expect(afterCache.output != fromJSON.output, "the post changed the matrix")

    // A damaged entry: ignored, replaced, the output unchanged.
    let listing = try run("cache").output
    let entry = try #require(
      listing.split(separator: "\n").first.map { String($0.split(separator: ":")[0]) }.flatMap { folderPath in
        try? FileManager.default.contentsOfDirectory(atPath: folderPath).first { $0.hasSuffix(".rbcache") }
          .map { folderPath + "/" + $0 }
      })
    try Data(repeating: 0x41, count: 4096).write(to: URL(fileURLWithPath: entry))
    #expect(try run("matrix", file, "--format", "csv").output == afterJSON.output)
    #expect(try entryCount() == 1, "the damaged entry was replaced")

    #expect(try run("cache", "--clear").output.contains("removed 1 cached ledger"))
    #expect(try entryCount() == 0)
    #expect(try run("matrix", file, "--no-cache").status == 0)
    #expect(try run("matrix", file, extra: ["RECONBENCH_NO_CACHE": "1"]).status == 0)
    #expect(try entryCount() == 0, "--no-cache and RECONBENCH_NO_CACHE write nothing")
    // validate reads the JSON even with an entry there, and caches a valid file.
    #expect(try run("validate", file).status == 0)
    #expect(try entryCount() == 1)
    try Data(repeating: 0x41, count: 4096).write(to: URL(fileURLWithPath: entry))
    #expect(try run("validate", file).status == 0)
    #expect(try entryCount() == 1)
    #expect(try run("cache", extra: ["RECONBENCH_NO_CACHE": "1"]).output.contains("off"))
  }
}
