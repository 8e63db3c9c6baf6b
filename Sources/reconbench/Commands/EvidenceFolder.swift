import Foundation
import ReconEngine

/// Writes a pack as a whole: into a temporary folder beside the target, then renamed into place,
/// so a failure or a kill never leaves half a pack under the target's name. A folder that holds
/// files is replaced only when told (`--force`), and then only once the new pack is complete.
enum EvidenceFolder {
  struct Failure: Error {
    var message: String
  }

  static func write(_ files: [(name: String, data: Data)], to target: String, force: Bool) throws {
    let manager = FileManager.default
    let path = FilePaths.absolute(target)
    var isFolder: ObjCBool = false
    let exists = manager.fileExists(atPath: path, isDirectory: &isFolder)
    if exists && !isFolder.boolValue { throw Failure(message: "\(path) is a file, not a folder") }
    let nonEmpty = exists && !((try? manager.contentsOfDirectory(atPath: path)) ?? []).isEmpty
    if nonEmpty && !force {
      throw Failure(message: "\(path) is not empty; give --force to replace it, or choose another folder")
    }
    let parent = FilePaths.folder(of: path)
    guard manager.fileExists(atPath: parent) else {
      throw Failure(message: "the folder \(parent) does not exist")
    }
    let temporary = parent + "/." + FilePaths.name(of: path) + ".tmp-" + UUID().uuidString
    do {
      try manager.createDirectory(atPath: temporary, withIntermediateDirectories: false)
      for file in files {
        let full = temporary + "/" + file.name
        try manager.createDirectory(atPath: FilePaths.folder(of: full), withIntermediateDirectories: true)
        try file.data.write(to: URL(fileURLWithPath: full), options: .atomic)
      }
    } catch {
      try? manager.removeItem(atPath: temporary)
      throw Failure(message: "cannot write the pack beside \(path): \(error.localizedDescription)")
    }
    // Into place: an old pack is moved aside first and removed once the new one is there.
    var aside: String?
    if exists {
      let old = parent + "/." + FilePaths.name(of: path) + ".old-" + UUID().uuidString
      if rename(path, old) != 0 {
        try? manager.removeItem(atPath: temporary)
        throw Failure(message: "cannot replace \(path): \(String(cString: strerror(errno)))")
      }
      aside = old
    }
    if rename(temporary, path) != 0 {
      let reason = String(cString: strerror(errno))
      if let aside { _ = rename(aside, path) }
      try? manager.removeItem(atPath: temporary)
      throw Failure(message: "cannot move the pack to \(path): \(reason)")
    }
    if let aside { try? manager.removeItem(atPath: aside) }
  }
}
