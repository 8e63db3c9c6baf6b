import ArgumentParser
import Foundation
import ReconEngine

/// `evidence --verify FOLDER [SNAPSHOT]`: reads the manifest, checks the snapshot's SHA-256,
/// rebuilds every file from the snapshot with the manifest's filters and compares it with the
/// file on disk and the manifest's hash. Any difference: one line each, exit 1.
struct Verification {
  let folder: String
  let snapshot: String?
  let cacheOptions: CacheOptions

  func run() throws {
    let manifestPath = folder + "/manifest.json"
    guard let data = FileManager.default.contents(atPath: manifestPath),
      let manifest = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
      manifest["format"] as? String == "reconbench.evidence",
      let files = manifest["files"] as? [[String: Any]],
      let snapshotInfo = manifest["snapshot"] as? [String: Any],
      let filterInfo = manifest["filters"] as? [String: Any]
    else {
      FileHandleOutput.standardError(
        "reconbench evidence: \(manifestPath) is missing or is not an evidence manifest")
      throw ExitCode(1)
    }
    var problems: [String] = []
    // The snapshot: the one named, else the manifest's path as given (from here), else as it
    // was from where the pack was made.
    let recordedPath = snapshotInfo["path"] as? String ?? ""
    let recordedAbsolute = snapshotInfo["absolutePath"] as? String ?? ""
    let path =
      snapshot
      ?? (recordedPath.isEmpty
        ? nil : FileManager.default.fileExists(atPath: recordedPath) ? recordedPath : recordedAbsolute)
    let recordedProgram = manifest["program"] as? String ?? ""
    if recordedProgram != "reconbench \(ReconEngineVersion.current)" {
      FileHandleOutput.standardError(
        "reconbench evidence: note: the pack was made by \(recordedProgram), this is reconbench \(ReconEngineVersion.current); files may differ for that reason alone"
      )
    }
    let ledger = try loadLedger(path, cache: cacheOptions)
    let digest = try EvidenceCommand.digest(path, ledger)
    if digest.sha256 != snapshotInfo["sha256"] as? String {
      problems.append(
        "\(path ?? "the bundled sample"): its SHA-256 is not the manifest's: the pack was made from other data"
      )
    }
    var filters = ReconciliationFilters(
      warnings: true, attributeGL: filterInfo["attributeGL"] as? Bool ?? false)
    if let date = filterInfo["date"] as? String, !date.isEmpty, let range = DateRange(parsing: date) {
      filters.dates = range
    }
    if let item = filterInfo["item"] as? String, !item.isEmpty { filters.items = CodeFilter(parsing: item) }
    if let location = filterInfo["location"] as? String, !location.isEmpty {
      filters.locations = CodeFilter(parsing: location)
    }
    let pack: EvidencePack
    do {
      // The README names the snapshot as the manifest does, whatever it is called now.
      let file = snapshotInfo["file"] as? String ?? ""
      let label =
        file.isEmpty ? SampleCompany.name : "\(file) (\(snapshotInfo["bytes"] as? Int ?? digest.bytes) bytes)"
      pack = try EvidencePack(
        ledger, filters: filters, snapshotArgument: recordedPath.isEmpty ? nil : recordedPath,
        snapshotLabel: label)
    } catch {
      FileHandleOutput.standardError("reconbench: \(error.description)")
      throw ExitCode(1)
    }
    var rebuilt: [String: String] = [:]
    for file in pack.files { rebuilt[file.name] = file.contents }
    var listed = Set<String>()
    for file in files {
      guard let name = file["name"] as? String, let hash = file["sha256"] as? String else { continue }
      listed.insert(name)
      guard let onDisk = FileManager.default.contents(atPath: folder + "/" + name) else {
        problems.append("\(name): missing from the folder")
        continue
      }
      if EvidenceCommand.sha256(onDisk) != hash {
        problems.append("\(name): changed since the pack was written (SHA-256 differs from the manifest)")
      }
      guard let contents = rebuilt[name] else {
        problems.append("\(name): not part of the pack the snapshot gives now")
        continue
      }
      if EvidenceCommand.sha256(contents) != hash {
        problems.append(
          "\(name): the snapshot now gives other contents (\(file["command"] as? String ?? ""))")
      }
    }
    for name in rebuilt.keys.sorted() where !listed.contains(name) {
      problems.append("\(name): the snapshot now gives this file, the manifest does not list it")
    }
    let present = (FileManager.default.subpaths(atPath: folder) ?? []).filter { relative in
      var isFolder: ObjCBool = false
      return FileManager.default.fileExists(atPath: folder + "/" + relative, isDirectory: &isFolder)
        && !isFolder.boolValue
    }
    for name in present.sorted() where name != "manifest.json" && !listed.contains(name) {
      problems.append("\(name): in the folder, but not in the manifest")
    }
    if problems.isEmpty {
      FileHandleOutput.standardOutput(
        "\(listed.count) files verified against \(path ?? "the bundled sample"): all match")
      return
    }
    for problem in problems { FileHandleOutput.standardError("reconbench evidence: \(problem)") }
    throw ExitCode(1)
  }
}
