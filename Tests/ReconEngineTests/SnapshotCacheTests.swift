import Foundation
import Testing

@testable import ReconEngine

#if canImport(Glibc)
  import Glibc
#endif

/// The ledger cache: what comes back is the ledger that went in, for the very file it was made
/// from and no other; a damaged, foreign or outgrown entry is never used.
@Suite("Snapshot cache")
struct SnapshotCacheTests {
  struct Place {
    let folder: String
    let cache: SnapshotCache
    var snapshot: String { folder + "/company.json" }
  }

  /// A snapshot folder and a cache folder, both removed afterwards; small files are cached.
  func withPlace(sizeLimit: Int = 1 << 30, _ body: (Place) throws -> Void) throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try body(
      Place(
        folder: folder,
        cache: SnapshotCache(folder: folder + "/cache", sizeLimit: sizeLimit, minimumSnapshotBytes: 0)))
  }

  /// The hand-written ledger saved as the place's snapshot, and the file's identity.
  func savedHandWritten(_ place: Place) throws -> (Ledger, SnapshotIdentity) {
    let ledger = try decodeSnapshot(SnapshotCacheTests.handWritten)
    try SnapshotStore.save(ledger, to: place.snapshot)
    return (ledger, try identity(place.snapshot))
  }

  func identity(_ path: String) throws -> SnapshotIdentity {
    try #require(SnapshotIdentity(path: path))
  }

  func cached(_ place: Place, _ path: String? = nil) throws -> Lookup {
    switch place.cache.lookup(try identity(path ?? place.snapshot)) {
    case .hit(let ledger): return .hit(ledger)
    case .miss(let reason): return .miss(reason)
    }
  }

  enum Lookup {
    case hit(Ledger)
    case miss(String)
    var ledger: Ledger? {
      if case .hit(let ledger) = self { return ledger }
      return nil
    }
    var reason: String {
      if case .miss(let reason) = self { return reason }
      return "hit"
    }
  }

  /// A ledger with `x-` keys at the top and on rows, a closing date, and a table the generator
  /// leaves empty.
  static let handWritten = """
    {"format":"reconbench.snapshot","version":1,"x-exported-by":{"tool":"hand","n":[1,2]},
    "company":{"name":"Hand Co"},"setup":{"amountDecimals":2},
    "items":[{"no":"A","inventoryPostingGroup":"RESALE","x-colour":"blue"},{"no":"Ä-2","description":"Ünïcode"}],
    "itemLedgerEntries":[{"entryNo":1,"itemNo":"A","postingDate":"2025-01-05","entryType":"Purchase","quantity":3}],
    "valueEntries":[{"entryNo":5,"itemNo":"A","postingDate":"C2025-12-31","itemLedgerEntryNo":1,"entryType":"Direct Cost","costAmountActual":12.34,"x-note":null}]}
    """

  static func ledgers() throws -> [(String, Ledger)] {
    [
      ("sample", SampleCompany.load()), ("generated", smallCompany),
      ("hand-written", try decodeSnapshot(handWritten)), ("empty", Ledger()),
    ]
  }

  func expectSame(_ cached: Ledger, _ original: Ledger, _ name: String) {
    #expect(cached == original, "\(name)")
    #expect(SnapshotStore.encode(cached) == SnapshotStore.encode(original), "\(name)")
    // Same pool (ids included), same indexes: nothing needs rebuilding after a re-open.
    #expect(
      cached.strings.arena == original.strings.arena && cached.strings.offsets == original.strings.offsets)
    #expect(
      cached.strings.slots == original.strings.slots && cached.strings.hashes == original.strings.hashes)
    for table in Ledger.archivedTables {
      #expect(cached[keyPath: table].strings == original[keyPath: table].strings, "\(name)")
    }
    let a = cached.indexes, b = original.indexes
    #expect(a.valueEntriesByPostingDate == b.valueEntriesByPostingDate)
    #expect(a.valueEntriesByItem.starts == b.valueEntriesByItem.starts)
    #expect(a.valueEntriesByItem.rows == b.valueEntriesByItem.rows)
    #expect(a.glEntriesOfValueEntry.rows == b.glEntriesOfValueEntry.rows)
    #expect(a.valueEntriesOfGLEntry.starts == b.valueEntriesOfGLEntry.starts)
    for number in 0..<Int64(original.valueEntries.count + 3) {
      #expect(a.valueEntryByNumber.row(of: number) == b.valueEntryByNumber.row(of: number))
    }
    // The string pool still interns: a new string gets the next id, a known one its old id.
    var pool = cached.strings
    let known = original.strings.count > 1 ? original.strings.string(StringID(raw: 1)) : ""
    #expect(pool.intern(known).raw == (known.isEmpty ? 0 : 1))
    #expect(pool.intern("never seen before \(name)").raw == UInt32(original.strings.count))
  }

  @Test("a cached ledger is the saved ledger: rows, x- keys, string ids and indexes")
  func roundTrip() throws {
    for (name, ledger) in try SnapshotCacheTests.ledgers() {
      try withPlace { place in
        try SnapshotStore.save(ledger, to: place.snapshot)
        let loaded = try SnapshotStore.load(path: place.snapshot)
        try place.cache.store(loaded, identity: try identity(place.snapshot))
        let back = try #require(try cached(place).ledger, "\(name)")
        expectSame(back, loaded, name)
        let matrix = { (ledger: Ledger) in
          try Reconciliation(ledger, filters: .init(warnings: true)).matrixTable(decimals: 2).csv
        }
        #expect(try matrix(back) == matrix(loaded), "\(name)")
      }
    }
  }

  @Test("a sparse entry numbering (the dictionary index) survives the cache")
  func sparseNumbers() throws {
    var ledger = try decodeSnapshot(SnapshotCacheTests.handWritten)
    ledger.valueEntries[Columns.valueEntry.entryNo, 0] = 9_000_000
    ledger.rebuildIndexes()
    #expect(!ledger.indexes.valueEntryByNumber.isDense)
    try withPlace { place in
      try SnapshotStore.save(ledger, to: place.snapshot)
      try place.cache.store(ledger, identity: try identity(place.snapshot))
      let back = try #require(try cached(place).ledger)
      #expect(back.indexes.valueEntryByNumber.row(of: 9_000_000) == 0)
      #expect(back.indexes.valueEntryByNumber.row(of: 5) == nil)
    }
  }

  @Test("any change to the snapshot file makes its entry a miss: content, size, times, replacement")
  func invalidation() throws {
    try withPlace { place in
      let path = place.snapshot
      func prime() throws {
        try SnapshotStore.save(smallCompany, to: path)
        try place.cache.store(smallCompany, identity: try identity(path))
        #expect(try cached(place).ledger != nil)
      }
      // One byte changed in place, same size, modification time put back.
      try prime()
      var info = stat()
      _ = stat(path, &info)
      let handle = try #require(FileHandle(forUpdatingAtPath: path))
      try handle.seek(toOffset: 20_000)
      let byte = try #require(handle.readData(ofLength: 1).first)
      try handle.seek(toOffset: 20_000)
      handle.write(Data([byte == 0x31 ? 0x32 : 0x31]))
      try handle.close()
      var times = [info.st_atim, info.st_mtim]
      _ = utimensat(AT_FDCWD, path, &times, 0)
      #expect(try cached(place).reason.contains("changed"))
      // Only touched.
      try prime()
      _ = utimensat(AT_FDCWD, path, nil, 0)
      #expect(try cached(place).ledger == nil)
      // A byte appended.
      try prime()
      let append = try #require(FileHandle(forUpdatingAtPath: path))
      try append.seekToEnd()
      append.write(Data(" ".utf8))
      try append.close()
      #expect(try cached(place).ledger == nil)
      // Replaced by another file with the same bytes (a restore, a copy over it).
      try prime()
      let copy = place.folder + "/copy.json"
      try FileManager.default.copyItem(atPath: path, toPath: copy)
      #expect(rename(copy, path) == 0)
      #expect(try cached(place).ledger == nil)
      // Another path never finds this path's entry.
      try prime()
      let other = place.folder + "/other.json"
      try FileManager.default.copyItem(atPath: path, toPath: other)
      #expect(try cached(place, other).reason == "no cache entry")
    }
  }

  @Test("an entry whose checksums hold but whose string pool is malformed is refused, not trusted")
  func malformedPool() throws {
    try withPlace { place in
      let (ledger, id) = try savedHandWritten(place)
      // Every slot taken (a probe would never end), a hash that is not its string's, an id
      // twice: each written with valid checksums.
      var full = ledger
      full.strings.slots = (0..<full.strings.slots.count).map { UInt32($0 % (full.strings.count - 1) + 2) }
      var wrongHash = ledger
      wrongHash.strings.hashes[1] ^= 1
      var twice = ledger
      if let first = twice.strings.slots.firstIndex(where: { $0 != 0 }),
        let empty = twice.strings.slots.firstIndex(of: 0)
      {
        twice.strings.slots[empty] = twice.strings.slots[first]
      }
      for (name, bad) in [("full", full), ("wrong hash", wrongHash), ("twice", twice)] {
        try place.cache.store(bad, identity: id)
        #expect(try cached(place).reason.contains("string pool"), "\(name)")
      }
      try place.cache.store(ledger, identity: id)
      #expect(try cached(place).ledger == ledger)
    }
  }

  @Test("a cache folder others may write to is not used")
  func sharedFolder() throws {
    try withPlace { place in
      try SnapshotStore.save(smallCompany, to: place.snapshot)
      try place.cache.store(smallCompany, identity: try identity(place.snapshot))
      #expect(try cached(place).ledger != nil)
      chmod(place.cache.folder, 0o777)
      #expect(try cached(place).reason.contains("not private"))
      #expect(throws: CacheProblem.self) {
        try place.cache.store(smallCompany, identity: try identity(place.snapshot))
      }
      chmod(place.cache.folder, 0o700)
      #expect(try cached(place).ledger != nil)
    }
  }

  @Test("a file that changed between its read and the entry's write gets no entry")
  func changedBeforeStore() throws {
    try withPlace { place in
      try SnapshotStore.save(smallCompany, to: place.snapshot)
      let before = try identity(place.snapshot)
      var other = smallCompany
      other.companyName = "Changed While Reading"
      try SnapshotStore.save(other, to: place.snapshot)
      try place.cache.store(smallCompany, identity: before)
      #expect(place.cache.entries().isEmpty)
      #expect(try cached(place).reason == "no cache entry")
    }
  }

  @Test("a write superseded part-way stops before the next array and leaves nothing behind")
  func supersededWrite() throws {
    try withPlace { place in
      try SnapshotStore.save(smallCompany, to: place.snapshot)
      let before = try identity(place.snapshot)
      // Wanted for the store's first check and the first arrays, then superseded.
      var asked = 0
      try place.cache.store(smallCompany, identity: before, wroteIt: true) {
        asked += 1
        return asked <= 3
      }
      #expect(asked == 4, "asked once before writing, then before each array until told to stop")
      #expect(place.cache.entries().isEmpty)
      #expect(try FileManager.default.contentsOfDirectory(atPath: place.folder + "/cache").isEmpty)
      // Still wanted throughout: the entry is written and read back.
      try place.cache.store(smallCompany, identity: before, wroteIt: true) { true }
      #expect(try cached(place).ledger == smallCompany)
    }
  }

  @Test("the sampled content checksum sees a byte changed anywhere in what it samples")
  func samples() throws {
    try withPlace { place in
      let size = 3 << 20
      var bytes = [UInt8](repeating: 0x20, count: size)
      func checksum() throws -> UInt64 {
        try Data(bytes).write(to: URL(fileURLWithPath: place.snapshot))
        let descriptor = open(place.snapshot, O_RDONLY)
        defer { close(descriptor) }
        return try #require(SnapshotIdentity.sampleChecksum(descriptor, size: size))
      }
      let original = try checksum()
      // The first and last bytes, one inside the middle samples.
      let inner = size - 2 * (64 << 10) - (4 << 10)
      for offset in [0, size - 1, (64 << 10) + inner * 30 / 65 + 100] {
        bytes[offset] = 0x21
        #expect(try checksum() != original, "offset \(offset)")
        bytes[offset] = 0x20
      }
      #expect(try checksum() == original)
    }
  }

  @Test("a damaged entry is never used and is removed: flipped bytes throughout, a truncation, garbage")
  func damage() throws {
    try withPlace { place in
      let (ledger, id) = try savedHandWritten(place)
      try place.cache.store(ledger, identity: id)
      let entry = place.cache.entryPath(for: id)
      let good = try Data(contentsOf: URL(fileURLWithPath: entry))
      var checked = 0
      var tried = 0
      // Every byte of the prefix and header, then bytes all through the arrays, flipped in
      // turn: either a miss, or (a byte of padding between arrays) the very same ledger.
      let offsets = Array(0..<min(good.count, 2_048)) + Array(stride(from: 2_048, to: good.count, by: 7))
      for offset in offsets {
        tried += 1
        var bad = good
        bad[offset] ^= 0x5A
        try bad.write(to: URL(fileURLWithPath: entry))
        switch try cached(place) {
        case .hit(let back):
          #expect(
            back == ledger && SnapshotStore.encode(back) == SnapshotStore.encode(ledger), "offset \(offset)")
        case .miss:
          #expect(!FileManager.default.fileExists(atPath: entry), "offset \(offset): left in place")
          checked += 1
        }
      }
      #expect(checked > tried / 2)
      for bad in [good.prefix(good.count - 1), good.prefix(30), Data(), Data("not a cache".utf8)] {
        try Data(bad).write(to: URL(fileURLWithPath: entry))
        #expect(try cached(place).ledger == nil)
        #expect(!FileManager.default.fileExists(atPath: entry))
      }
    }
  }

  @Test("the folder keeps to its limit, least recently used entries first; one too large is not kept")
  func bounded() throws {
    let ledger = smallCompany
    let probe = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: probe) }
    // The size of one entry, to set a limit of two and a half.
    let measure = SnapshotCache(folder: probe + "/cache", minimumSnapshotBytes: 0)
    try SnapshotStore.save(ledger, to: probe + "/s.json")
    try measure.store(ledger, identity: try identity(probe + "/s.json"))
    let entrySize = try #require(measure.entries().first?.bytes)
    try withPlace(sizeLimit: entrySize * 5 / 2) { place in
      let paths = (0..<3).map { place.folder + "/s\($0).json" }
      for (index, path) in paths.enumerated() {
        try SnapshotStore.save(ledger, to: path)
        try place.cache.store(ledger, identity: try identity(path))
        if index == 0 {
          // Used after the second is written, so the second is the least recently used.
          usleep(50_000)
        }
        if index == 1 {
          usleep(50_000)
          _ = try cached(place, paths[0])
          usleep(50_000)
        }
      }
      let kept = place.cache.entries()
      #expect(kept.count == 2)
      #expect(kept.reduce(0) { $0 + $1.bytes } <= place.cache.sizeLimit)
      #expect(try cached(place, paths[1]).ledger == nil)
      #expect(try cached(place, paths[0]).ledger != nil)
      #expect(try cached(place, paths[2]).ledger != nil)
      #expect(place.cache.clear() == 2)
      #expect(place.cache.entries().isEmpty)
    }
    try withPlace(sizeLimit: entrySize - 1) { place in
      try SnapshotStore.save(ledger, to: place.snapshot)
      try place.cache.store(ledger, identity: try identity(place.snapshot))
      #expect(place.cache.entries().isEmpty)
      #expect(FilePaths.entries(of: place.cache.folder).isEmpty, "no temporary left behind")
    }
  }

  @Test("load with a cache: the first read writes the entry, the next one reads it, small files are skipped")
  func loadThroughCache() throws {
    try withPlace { place in
      try SnapshotStore.save(smallCompany, to: place.snapshot)
      // Read the moment it was written: its times cannot yet tell it from a rewrite in the same
      // clock tick, so nothing is cached.
      _ = try SnapshotStore.load(path: place.snapshot, cache: place.cache)
      SnapshotCache.finishWriting()
      #expect(place.cache.entries().isEmpty)
      usleep(150_000)
      let first = try SnapshotStore.load(path: place.snapshot, cache: place.cache)
      SnapshotCache.finishWriting()
      #expect(place.cache.entries().count == 1)
      #expect(place.cache.entries().first?.snapshot == (try identity(place.snapshot)).path)
      let second = try SnapshotStore.load(path: place.snapshot, cache: place.cache)
      expectSame(second, first, "load")
      // A save with the cache caches the new file: the next load is the saved ledger.
      var posted = second
      posted.companyName = "Renamed Co"
      try SnapshotStore.save(posted, to: place.snapshot, cache: place.cache)
      SnapshotCache.finishWriting()
      #expect(try cached(place).ledger?.companyName == "Renamed Co")
      // A bad snapshot is reported as always and caches nothing.
      try Data("{\"format\":1}".utf8).write(to: URL(fileURLWithPath: place.folder + "/bad.json"))
      #expect(throws: SnapshotError.self) {
        try SnapshotStore.load(path: place.folder + "/bad.json", cache: place.cache)
      }
      SnapshotCache.finishWriting()
      #expect(place.cache.entries().count == 1)
    }
    try withPlace { place in
      let cache = SnapshotCache(folder: place.folder + "/cache", minimumSnapshotBytes: 1 << 30)
      try SnapshotStore.save(smallCompany, to: place.snapshot)
      usleep(150_000)
      _ = try SnapshotStore.load(path: place.snapshot, cache: cache)
      SnapshotCache.finishWriting()
      #expect(cache.entries().isEmpty)
    }
  }

  @Test("the standard cache folder, the switch and the limit come from the environment")
  func environment() {
    #expect(SnapshotCache.standard(environment: ["HOME": "/home/a"])?.folder == "/home/a/.cache/reconbench")
    #expect(
      SnapshotCache.standard(environment: ["HOME": "/home/a", "XDG_CACHE_HOME": "/c"])?.folder
        == "/c/reconbench")
    #expect(
      SnapshotCache.standard(environment: ["HOME": "/home/a", "XDG_CACHE_HOME": "relative"])?.folder
        == "/home/a/.cache/reconbench")
    #expect(SnapshotCache.standard(environment: ["HOME": "/h", "RECONBENCH_NO_CACHE": "1"]) == nil)
    #expect(SnapshotCache.standard(environment: ["HOME": "/h", "RECONBENCH_NO_CACHE": "0"]) != nil)
    #expect(SnapshotCache.standard(environment: [:]) == nil)
    #expect(
      SnapshotCache.standard(environment: ["HOME": "/h", "RECONBENCH_CACHE_SIZE": "2G"])?.sizeLimit == 2 << 30
    )
    #expect(SnapshotCache.parseSize("500m") == 500 << 20)
    #expect(SnapshotCache.parseSize("12") == 12)
    #expect(SnapshotCache.parseSize("x") == nil)
    #expect(SnapshotCache.parseSize("99999999999999T") == nil)
  }
}
