import Foundation
import Synchronization
import Testing

@testable import ReconEngine

@Suite("Snapshot round trip")
struct SnapshotRoundTripTests {
  @Test("load(save(x)) == x, and saving again gives the same bytes")
  func roundTrip() throws {
    let bytes = SnapshotStore.encode(smallCompany)
    let loaded = try SnapshotStore.decode(bytes, name: "small.json")
    #expect(loaded == smallCompany)
    #expect(SnapshotStore.encode(loaded) == bytes)
  }

  @Test("the parallel reader gives the same ledger as the single-threaded one")
  func parallelMatchesSequential() throws {
    let text = String(decoding: SnapshotStore.encode(smallCompany), as: UTF8.self)
    let sequential = try decodeSnapshot(text, parallelThreshold: .max)
    #expect(sequential == smallCompany)
    // Small blocks, so that both threads take blocks of both big tables.
    for blockRows in [1, 7, 64, 100_000] {
      let parallel = try decodeSnapshot(text, parallelThreshold: 0, blockRows: blockRows)
      #expect(parallel == smallCompany)
    }
  }

  @Test("the parallel reader reports problems with the same paths")
  func parallelProblems() throws {
    var ledger = LedgerGenerator.generate(GeneratorOptions(valueEntries: 12_000, seed: 3))
    let ve = Columns.valueEntry
    let last = ledger.valueEntries.count - 1
    ledger.valueEntries[ve.itemLedgerEntryNo, 5] = 99_999_999
    ledger.valueEntries[ve.itemLedgerEntryNo, last] = 99_999_998
    var text = String(decoding: SnapshotStore.encode(ledger), as: UTF8.self)
    // An unknown key in value entry 9000 (row 8999).
    let valueEntries = try #require(text.range(of: "\"valueEntries\":["))
    let entry = try #require(
      text.range(of: "{\"entryNo\":9000,", range: valueEntries.upperBound..<text.endIndex))
    text.replaceSubrange(entry, with: "{\"entryNo\":9000,\"bogus\":1,")
    func paths(_ threshold: Int) -> [String] {
      do {
        _ = try decodeSnapshot(text, parallelThreshold: threshold, blockRows: 100)
        return []
      } catch {
        return error.problems.map(\.path).sorted()
      }
    }
    let expected = [
      "valueEntries[5].itemLedgerEntryNo", "valueEntries[8999].bogus",
      "valueEntries[\(last)].itemLedgerEntryNo",
    ].sorted()
    #expect(paths(.max) == expected)
    #expect(paths(0) == expected)
  }

  @Test("a syntax error inside the value entries is located by the parallel reader too")
  func parallelSyntaxError() throws {
    var lines = String(decoding: SnapshotStore.encode(smallCompany), as: UTF8.self).split(
      separator: "\n", omittingEmptySubsequences: false
    ).map(String.init)
    let first = try #require(lines.firstIndex { $0.hasPrefix("\"valueEntries\":[") })
    let broken = first + 1_000
    lines[broken] = String(lines[broken].dropLast(2))  // "…}," loses its closing brace
    let text = lines.joined(separator: "\n")
    for threshold in [Int.max, 0] {
      do {
        _ = try decodeSnapshot(text, parallelThreshold: threshold, blockRows: 64)
        Issue.record("a broken file loaded")
      } catch {
        // The reader notices on the next line, where a key was expected after the cut object.
        #expect(error.problems.last?.line == broken + 2, "threshold \(threshold): \(error.problems)")
      }
    }
  }

  @Test(
    "violations in the value entries and a syntax error after them: the parallel reader reports what a one-thread read does",
    arguments: ["after", "inside"])
  func violationsAndSyntaxError(where place: String) throws {
    var lines = String(decoding: SnapshotStore.encode(smallCompany), as: UTF8.self).split(
      separator: "\n", omittingEmptySubsequences: false
    ).map(String.init)
    let first = try #require(lines.firstIndex { $0.hasPrefix("\"valueEntries\":[") })
    // A wrong type on the first value entry's entry number, and on a later one.
    lines[first + 1] = lines[first + 1].replacingOccurrences(
      of: "{\"entryNo\":1,", with: "{\"entryNo\":\"one\",")
    lines[first + 300] = lines[first + 300].replacingOccurrences(
      of: "\"postingDate\":\"", with: "\"postingDate\":\"x")
    // The syntax error: in a table after the value entries, or in the value entries after the
    // bad values (then a problem past it, which a one-thread read never reaches, is left out).
    let broken: Int
    if place == "after" {
      broken = try #require(lines.lastIndex { $0.contains("\"entryNo\":") })
    } else {
      broken = first + 1_000
      lines[first + 1_500] = lines[first + 1_500].replacingOccurrences(
        of: "{\"entryNo\":", with: "{\"unknownKey\":1,\"entryNo\":")
    }
    lines[broken] = String(lines[broken].dropLast(2))
    let text = lines.joined(separator: "\n")
    func report(_ threshold: Int) -> [String] {
      do {
        _ = try decodeSnapshot(text, parallelThreshold: threshold, blockRows: 64)
        return ["loaded"]
      } catch {
        return error.problems.map { "\($0.line):\($0.column) \($0.path) \($0.message)" }
      }
    }
    let oneThread = report(.max)
    #expect(oneThread.count >= 3, "\(oneThread)")
    #expect(oneThread.contains { $0.contains("valueEntries[0].entryNo") })
    #expect(report(0) == oneThread)
  }

  @Test("x- keys are kept at every level and written back")
  func extensionKeys() throws {
    let text = snapshot(
      """
      "company":{"name":"A","x-vat":"GB123"},
      "items":[{"no":"1000","x-colour":{"r":1,"list":[1,2]}}],
      "x-exported-by":"BC 24.1"
      """)
    let ledger = try decodeSnapshot(text)
    #expect(ledger.extras == [ExtraField(key: "x-exported-by", rawJSON: "\"BC 24.1\"")])
    #expect(ledger.company.extras[0] == [ExtraField(key: "x-vat", rawJSON: "\"GB123\"")])
    #expect(ledger.items.extras[0] == [ExtraField(key: "x-colour", rawJSON: "{\"r\":1,\"list\":[1,2]}")])
    let again = try SnapshotStore.decode(SnapshotStore.encode(ledger), name: "again")
    #expect(again == ledger)
  }

  @Test("strings with quotes, escapes, control characters and non-ASCII survive")
  func strings() throws {
    let text = snapshot(
      #""items":[{"no":"A\"1","description":"Tab\there \\ \u00e9t\u00e9 \ud83d\ude00 Ω 東京 \u0001"}]"#)
    let ledger = try decodeSnapshot(text)
    let description = ledger.string(ledger.items[Columns.item.description, 0])
    #expect(description == "Tab\there \\ été 😀 Ω 東京 \u{01}")
    #expect(ledger.string(ledger.items[Columns.item.no, 0]) == "A\"1")
    let again = try SnapshotStore.decode(SnapshotStore.encode(ledger), name: "again")
    #expect(again == ledger)
  }

  @Test("amounts may be strings; they are written back as plain numbers with amountDecimals")
  func amountForms() throws {
    let text = snapshot(
      """
      "setup":{"amountDecimals":3},
      "glEntries":[{"entryNo":1,"glAccountNo":"","postingDate":"2024-01-01","amount":"1234.5"},
      {"entryNo":2,"glAccountNo":"","postingDate":"C2024-12-31","amount":-0.125}]
      """)
    let ledger = try decodeSnapshot(text)
    let written = String(decoding: SnapshotStore.encode(ledger), as: UTF8.self)
    #expect(written.contains("\"amount\":1234.500"))
    #expect(written.contains("\"amount\":-0.125"))
    #expect(written.contains("\"postingDate\":\"C2024-12-31\""))
  }

  @Test("omitted fields take their defaults")
  func defaults() throws {
    let ledger = try decodeSnapshot(
      snapshot(
        #""valueEntries":[{"entryNo":1,"postingDate":"2024-01-01","entryType":"Direct Cost"}]"#))
    let ve = Columns.valueEntry
    #expect(ledger.valueEntries[ve.inventoriable, 0] == true)
    #expect(ledger.valueEntries[ve.itemLedgerEntryType, 0] == .blank)
    #expect(ledger.valueEntries[ve.costAmountActual, 0] == .zero)
    #expect(ledger.amountDecimals == 2)
    #expect(ledger.inventoryPostCostSourceCode == "INVTPCOST")
    #expect(ledger.allowPostingFrom == nil)
  }

  @Test("saving goes through a file atomically and reloads equal")
  func saveToFile() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/company.json"
    try SnapshotStore.save(smallCompany, to: path)
    try SnapshotStore.save(smallCompany, to: path)  // over an existing file
    #expect(try SnapshotStore.load(path: path) == smallCompany)
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder)
    #expect(leftovers == ["company.json"])
    let onDisk = try Data(contentsOf: URL(fileURLWithPath: path))
    #expect(Array(onDisk) == SnapshotStore.encode(smallCompany))
  }

  @Test("indexes find entries by number, by item, by date and through relations")
  func indexes() throws {
    let ledger = try SnapshotStore.decode(SnapshotStore.encode(smallCompany), name: "x")
    let ve = Columns.valueEntry, gl = Columns.glEntry, rel = Columns.glItemLedgerRelation
    let row = try #require(ledger.indexes.valueEntryByNumber.row(of: 42))
    #expect(ledger.valueEntries[ve.entryNo, row] == 42)
    let item = ledger.valueEntries[ve.itemNo, row]
    let rowsOfItem = ledger.indexes.valueEntriesByItem.rows(of: Int(item.raw))
    #expect(rowsOfItem.contains(Int32(row)))
    #expect(rowsOfItem.allSatisfy { ledger.valueEntries[ve.itemNo, Int($0)] == item })
    let dates = ledger.indexes.valueEntriesByPostingDate.map { ledger.valueEntries[ve.postingDate, Int($0)] }
    #expect(dates == dates.sorted())
    // Every relation is reachable from both ends.
    for relation in 0..<min(500, ledger.glItemLedgerRelations.count) {
      let glRow = try #require(
        ledger.indexes.glEntryByNumber.row(of: ledger.glItemLedgerRelations[rel.glEntryNo, relation]))
      let veRow = try #require(
        ledger.indexes.valueEntryByNumber.row(of: ledger.glItemLedgerRelations[rel.valueEntryNo, relation]))
      #expect(ledger.indexes.glEntriesOfValueEntry.rows(of: veRow).contains(Int32(glRow)))
      #expect(ledger.indexes.valueEntriesOfGLEntry.rows(of: glRow).contains(Int32(veRow)))
      #expect(ledger.glEntries[gl.entryNo, glRow] == ledger.glItemLedgerRelations[rel.glEntryNo, relation])
    }
  }
}

/// The big arrays split where their lines suggest (one element per line, as snapshots are
/// written), checked as they are read: a layout that misleads the guess is read again on one
/// thread, so every layout gives what the one-thread reader gives.
@Suite("Snapshot line-guessed split")
struct SnapshotLineSplitTests {
  static let text = String(decoding: SnapshotStore.encode(smallCompany), as: UTF8.self)

  /// The line scan of the array that follows `"key":` in `text`.
  func scan(_ text: String, _ key: String, blockRows: Int = 64) throws -> ArrayScan? {
    var bytes = Array(text.utf8)
    let count = bytes.count
    let marker = Array("\"\(key)\":".utf8)
    let start = try #require(
      (0..<(count - marker.count)).first { bytes[$0..<$0 + marker.count].elementsEqual(marker) })
    return bytes.withUnsafeMutableBufferPointer { buffer in
      var reader = SnapshotReader(bytes: UnsafeBufferPointer(rebasing: buffer[0..<count]))
      reader.position = start + marker.count
      return reader.scanByLines(blockRows: blockRows)
    }
  }

  @Test("on a snapshot as written, the guess finds every element and the closing bracket")
  func guessOnWrittenLayout() throws {
    let found = try #require(try scan(Self.text, "valueEntries"))
    #expect(found.count == smallCompany.valueEntries.count)
    #expect(found.blockStarts.count == (smallCompany.valueEntries.count + 63) / 64)
    let bytes = Array(Self.text.utf8)
    #expect(bytes[found.end - 1] == UInt8(ascii: "]"))
    #expect(found.blockStarts.allSatisfy { bytes[$0] == UInt8(ascii: "{") })
    let ile = try #require(try scan(Self.text, "itemLedgerEntries"))
    #expect(ile.count == smallCompany.itemLedgerEntries.count)
  }

  func expectSameAsOneThread(_ text: String, _ label: String) throws {
    let oneThread = try decodeSnapshot(text, parallelThreshold: .max)
    for blockRows in [1, 7, 64, 100_000] {
      let parallel = try decodeSnapshot(text, parallelThreshold: 0, blockRows: blockRows)
      #expect(parallel == oneThread, "\(label), blocks of \(blockRows)")
    }
  }

  @Test("a nested value on a line of its own misleads the guess: the read is done again, rightly")
  func nestedObjectLine() throws {
    var text = Self.text
    let entry = try #require(text.range(of: "{\"entryNo\":1500,\"itemNo\""))
    text.replaceSubrange(entry, with: "{\"entryNo\":1500,\"x-nested\":\n{\"a\":[1,\n2]},\"itemNo\"")
    // The guess counts the nested object as an element and stops at no closing bracket.
    let guessed = try scan(text, "valueEntries")
    #expect(guessed == nil || guessed?.count != smallCompany.valueEntries.count)
    try expectSameAsOneThread(text, "nested object")
    let loaded = try decodeSnapshot(text, parallelThreshold: 0, blockRows: 64)
    let row = try #require(
      loaded.valueEntries.indices.first { loaded.valueEntries[Columns.valueEntry.entryNo, $0] == 1500 })
    #expect(loaded.valueEntries.extras[row] == [ExtraField(key: "x-nested", rawJSON: "{\"a\":[1,\n2]}")])
  }

  @Test("a line starting with { inside an element, and one with ]: read again, rightly")
  func misleadingLines() throws {
    var text = Self.text
    let first = try #require(text.range(of: "{\"entryNo\":700,\"itemNo\""))
    text.replaceSubrange(first, with: "{\"entryNo\":700,\"x-a\":\n{},\"itemNo\"")
    let second = try #require(text.range(of: "{\"entryNo\":2100,\"itemNo\""))
    text.replaceSubrange(second, with: "{\"entryNo\":2100,\"x-b\":[\n],\"itemNo\"")
    try expectSameAsOneThread(text, "misleading lines")
  }

  @Test(
    "an array that closes before the guessed end (its bracket on the last element's line) is read again, rightly"
  )
  func closesEarly() throws {
    // The item ledger entries' `]` follows their last element on its line, and an x- array
    // laid out one element per line comes next: the guess runs on to that array's bracket.
    var text = Self.text
    let end = try #require(text.range(of: "}\n],\n\"itemApplicationEntries\""))
    text.replaceSubrange(end, with: "}],\"x-audit\":[\n{\"by\":\"jane\"}\n],\n\"itemApplicationEntries\"")
    let guessed = try #require(try scan(text, "itemLedgerEntries"))
    #expect(guessed.count == smallCompany.itemLedgerEntries.count + 1)
    try expectSameAsOneThread(text, "closes early")
    let loaded = try decodeSnapshot(text, parallelThreshold: 0, blockRows: 100_000)
    #expect(loaded.extras == [ExtraField(key: "x-audit", rawJSON: "[\n{\"by\":\"jane\"}\n]")])
    #expect(loaded.itemLedgerEntries.count == smallCompany.itemLedgerEntries.count)
  }

  @Test("other layouts: elements over several lines, the first element on the bracket's line")
  func otherLayouts() throws {
    // Pretty-printed elements: the guess declines, the structural scan splits.
    let spread = Self.text.replacingOccurrences(of: ",\"postingDate\"", with: ",\n  \"postingDate\"")
    #expect(try scan(spread, "valueEntries") == nil)
    try expectSameAsOneThread(spread, "spread")
    let tight = Self.text.replacingOccurrences(of: "\"valueEntries\":[\n", with: "\"valueEntries\":[")
    #expect(try scan(tight, "valueEntries")?.count == smallCompany.valueEntries.count)
    try expectSameAsOneThread(tight, "first element on the bracket's line")
  }

  @Test("a read done again counts its progress from zero: each byte once, on a wrong guess or none")
  func redoProgress() throws {
    // The case of `closesEarly`: a guess is made, and is wrong.
    var misled = Self.text
    let end = try #require(misled.range(of: "}\n],\n\"itemApplicationEntries\""))
    misled.replaceSubrange(end, with: "}],\"x-audit\":[\n{\"by\":\"jane\"}\n],\n\"itemApplicationEntries\"")
    struct Tally {
      var redone = 0
      var before = 0  // bytes the first (void) read reported consumed
      var after = 0  // bytes the read done again reported
      var wrong = 0  // reports after the redo where the progress was not what this read consumed
    }
    for (text, redone) in [(Self.text, false), (misled, true)] {
      var bytes = Array(text.utf8)
      let count = bytes.count
      let progress = ByteProgress(total: count)
      // The hooks a load from a file uses (SnapshotStore.loadJSON), seen from here.
      let hooks = SnapshotStore.ProgressHooks(progress)
      let consumedHook = hooks.consumed
      let tally = Mutex(Tally())
      try bytes.withUnsafeMutableBufferPointer { buffer throws(SnapshotError) in
        _ = try SnapshotStore.decode(
          UnsafeBufferPointer(rebasing: buffer[0..<count]), name: "test.json",
          consumed: { from, to in
            consumedHook(from, to)
            tally.withLock { tally in
              if tally.redone == 0 {
                tally.before += to - from
              } else {
                tally.after += to - from
                if progress.bytesDone != min(tally.after, count) { tally.wrong += 1 }
              }
            }
          },
          parallelThreshold: 0, blockRows: 64, releaseEvery: 512, onRead: hooks.onRead,
          onRedo: {
            tally.withLock { $0.redone += 1 }
            hooks.onRedo()
          })
      }
      let final = tally.withLock { $0 }
      #expect(final.redone == (redone ? 1 : 0))
      #expect(final.before > 0, "the reader reports what it consumed")
      if redone {
        #expect(final.after > 0 && final.after <= count)
        #expect(final.wrong == 0, "the void read's bytes counted on after the redo")
      }
      #expect(progress.bytesDone == count, "the end of the reading is the whole file")
    }
  }
}
