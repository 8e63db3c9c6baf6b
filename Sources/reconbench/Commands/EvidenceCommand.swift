import ArgumentParser
import Crypto
import Foundation
import ReconEngine

/// `reconbench evidence`: a folder an auditor hands over, with a manifest of SHA-256 hashes and
/// the command line that reproduces each file; `--verify` rebuilds every file and compares.
struct EvidenceCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "evidence",
    abstract:
      "Write an evidence pack (matrix, explanation, entries, timeline, reports, README, manifest), or --verify one."
  )

  @Argument(help: "Snapshot file; omitted = the bundled sample company (with --verify: the manifest's).")
  var snapshot: String?
  @OptionGroup var filterOptions: FilterOptions
  @Option(help: "The folder to write (written whole, then renamed into place).") var output: String?
  @Flag(help: "Replace a folder that is not empty.") var force = false
  @Option(help: "Check a pack: rebuild every file from the snapshot and compare.") var verify: String?

  @OptionGroup var cacheOptions: CacheOptions

  func validate() throws {
    if verify != nil && output != nil {
      throw ValidationError("give --output FOLDER or --verify FOLDER, not both")
    }
    if verify == nil && output == nil {
      throw ValidationError("say where the pack goes: --output FOLDER (or --verify FOLDER)")
    }
  }

  func run() throws {
    if let verify {
      return try Verification(folder: verify, snapshot: snapshot, cacheOptions: cacheOptions).run()
    }
    guard let output else { return }
    let filters = try filterOptions.filters(warnings: true)
    if filters.hidesGLSide {
      throw ValidationError(
        "an item or location filter hides the G/L side; add --attribute-gl to attribute the G/L to items")
    }
    let ledger = try loadLedger(snapshot, cache: cacheOptions)
    let digest = try EvidenceCommand.digest(snapshot, ledger)
    let pack: EvidencePack
    do {
      pack = try EvidencePack(
        ledger, filters: filters, snapshotArgument: snapshot,
        snapshotLabel: EvidenceCommand.label(snapshot, digest))
    } catch {
      FileHandleOutput.standardError("reconbench: \(error.description)")
      throw ExitCode(1)
    }
    let manifest = EvidenceCommand.manifest(pack, snapshot: snapshot, digest: digest, filters: filters)
    do {
      try EvidenceFolder.write(
        pack.files.map { ($0.name, $0.contents) } + [("manifest.json", manifest)], to: output, force: force,
        protecting: snapshot)
    } catch let error as EvidenceFolder.Failure {
      FileHandleOutput.standardError("reconbench evidence: \(error.message)")
      throw ExitCode(1)
    }
    FileHandleOutput.standardOutput("Wrote \(pack.files.count + 1) files to \(FilePaths.absolute(output))")
  }

  /// The snapshot as the manifest names it: its size and SHA-256.
  struct SnapshotDigest: Equatable {
    var bytes: Int
    var sha256: String
  }

  /// The file's digest, read a block at a time (a snapshot of ten million value entries is
  /// 8 GB: never held whole beside its ledger), or the sample's as it would be saved.
  static func digest(_ path: String?, _ ledger: Ledger) throws -> SnapshotDigest {
    guard let path else {
      let bytes = Data(SnapshotStore.encode(ledger))
      return SnapshotDigest(bytes: bytes.count, sha256: sha256(bytes))
    }
    do {
      let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
      defer { try? handle.close() }
      var hasher = SHA256()
      var count = 0
      while let block = try handle.read(upToCount: 8 << 20), !block.isEmpty {
        hasher.update(data: block)
        count += block.count
      }
      return SnapshotDigest(bytes: count, sha256: hex(hasher.finalize()))
    } catch {
      FileHandleOutput.standardError(
        "reconbench evidence: cannot read \(path): \(error.localizedDescription)")
      throw ExitCode(1)
    }
  }

  /// How the README names the snapshot: its file name and size (the same when verified).
  static func label(_ path: String?, _ digest: SnapshotDigest) -> String {
    path.map { "\(FilePaths.name(of: $0)) (\(digest.bytes) bytes)" } ?? SampleCompany.name
  }

  static func sha256(_ data: Data) -> String { hex(SHA256.hash(data: data)) }

  /// The SHA-256 of a text's UTF-8, without a copy of it when the string is native.
  static func sha256(_ text: String) -> String {
    var text = text
    return text.withUTF8 { bytes in hex(SHA256.hash(data: UnsafeRawBufferPointer(bytes))) }
  }

  static func hex(_ digest: SHA256.Digest) -> String {
    digest.map { byte in
      let hex = String(byte, radix: 16)
      return byte < 16 ? "0" + hex : hex
    }.joined()
  }

  /// A command line as a shell reads it: arguments with spaces or shell characters quoted.
  static func commandLine(_ arguments: [String]) -> String {
    (["reconbench"] + arguments).map { argument in
      let plain = argument.allSatisfy { $0.isLetter || $0.isNumber || "-_./:=,+@".contains($0) }
      return plain && !argument.isEmpty
        ? argument : "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }.joined(separator: " ")
  }

  static func manifest(
    _ pack: EvidencePack, snapshot: String?, digest: SnapshotDigest, filters: ReconciliationFilters
  ) -> String {
    func quoted(_ text: String) -> String { JSONText.quoted(text) }
    var filterMembers = ["\"date\":\(quoted(filters.dates.isAll ? "" : filters.dates.description))"]
    filterMembers.append("\"item\":\(quoted(filters.items?.text ?? ""))")
    filterMembers.append("\"location\":\(quoted(filters.locations?.text ?? ""))")
    filterMembers.append("\"attributeGL\":\(filters.attributeGL)")
    let evidenceArguments =
      ["evidence"] + (snapshot.map { [$0] } ?? []) + EvidencePack.arguments(of: filters) + [
        "--output", "FOLDER",
      ]
    let files = pack.files.map { file in
      "{\"name\":\(quoted(file.name)),\"sha256\":\(quoted(sha256(file.contents))),"
        + "\"bytes\":\(file.contents.utf8.count),"
        + "\"command\":\(quoted(commandLine(file.arguments ?? evidenceArguments)))}"
    }
    return """
      {
      "format":"reconbench.evidence",
      "version":1,
      "program":\(quoted("reconbench \(ReconEngineVersion.current)")),
      "snapshot":{"file":\(quoted(snapshot.map { FilePaths.name(of: $0) } ?? "")),"path":\(quoted(snapshot ?? "")),"absolutePath":\(quoted(snapshot.map(FilePaths.absolute) ?? "")),"bytes":\(digest.bytes),"sha256":\(quoted(digest.sha256))},
      "filters":{\(filterMembers.joined(separator: ","))},
      "command":\(quoted(commandLine(evidenceArguments))),
      "files":[
      \(files.joined(separator: ",\n"))
      ]
      }

      """
  }
}
