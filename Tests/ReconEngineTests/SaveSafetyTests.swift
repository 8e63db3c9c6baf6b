import Foundation
import Testing

@testable import ReconEngine

#if canImport(Glibc)
  import Glibc
#endif

/// Saving over an existing snapshot: through symbolic links, keeping the mode, refusing a
/// read-only file, cleaning up what a killed save left.
@Suite("Save safety")
struct SaveSafetyTests {
  func withFolder(_ body: (String) throws -> Void) throws {
    let folder = NSTemporaryDirectory() + "reconbench-save-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try body(folder)
  }

  func mode(_ path: String) -> mode_t {
    var info = stat()
    _ = stat(path, &info)
    return info.st_mode & 0o7777
  }

  @Test("a symbolic link is saved through: the link stays, its target gets the new ledger")
  func symlink() throws {
    try withFolder { folder in
      let ledger = SampleCompany.load()
      try FileManager.default.createDirectory(atPath: folder + "/data", withIntermediateDirectories: true)
      try SnapshotStore.save(Ledger(), to: folder + "/data/real.json")
      try FileManager.default.createSymbolicLink(
        atPath: folder + "/link.json", withDestinationPath: "data/real.json")
      try SnapshotStore.save(ledger, to: folder + "/link.json")
      #expect(
        try FileManager.default.destinationOfSymbolicLink(atPath: folder + "/link.json") == "data/real.json")
      #expect(
        try SnapshotStore.load(path: folder + "/data/real.json").valueEntries.count
          == ledger.valueEntries.count)
      #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["data", "link.json"])
      // A link to a file that does not exist yet creates it at the target.
      try FileManager.default.createSymbolicLink(
        atPath: folder + "/new.json", withDestinationPath: "data/new.json")
      try SnapshotStore.save(ledger, to: folder + "/new.json")
      #expect(FileManager.default.fileExists(atPath: folder + "/data/new.json"))
    }
  }

  @Test("the mode is kept; a read-only file is refused unless told, and keeps its mode then")
  func modes() throws {
    try withFolder { folder in
      let path = folder + "/ledger.json"
      try SnapshotStore.save(Ledger(), to: path)
      chmod(path, 0o600)
      try SnapshotStore.save(SampleCompany.load(), to: path)
      #expect(mode(path) == 0o600)
      chmod(path, 0o444)
      #expect(throws: SnapshotError.self) { try SnapshotStore.save(Ledger(), to: path) }
      do throws(SnapshotError) {
        try SnapshotStore.save(Ledger(), to: path)
      } catch {
        #expect(error.lines.first?.contains("read-only (mode 444)") == true)
        #expect(error.lines.first?.contains("--force") == true)
      }
      #expect(try SnapshotStore.load(path: path).valueEntries.count > 0)
      try SnapshotStore.save(Ledger(), to: path, overwriteReadOnly: true)
      #expect(mode(path) == 0o444)
      #expect(try SnapshotStore.load(path: path).valueEntries.isEmpty)
    }
  }

  @Test("temporaries of a killed save are removed on the next save and named; a running save's are kept")
  func staleTemporaries() throws {
    try withFolder { folder in
      let path = folder + "/big.json"
      let stale = folder + "/.big.json.tmp-999999-42"
      let running = folder + "/.big.json.tmp-1-7"  // pid 1 is alive
      let other = folder + "/.other.json.tmp-999999-1"
      for file in [stale, running, other] {
        #expect(FileManager.default.createFile(atPath: file, contents: Data([1, 2])))
      }
      let report = try SnapshotStore.save(Ledger(), to: path)
      #expect(report.removedTemporaries == [".big.json.tmp-999999-42"])
      #expect(!FileManager.default.fileExists(atPath: stale))
      #expect(FileManager.default.fileExists(atPath: running))
      #expect(FileManager.default.fileExists(atPath: other))
    }
  }
}
