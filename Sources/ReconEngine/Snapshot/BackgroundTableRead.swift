import Dispatch

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads one table of the snapshot on a second thread, with its own reader and string pool, so a
/// two-core machine loads the value entries and the rest of the file at the same time. The
/// main reader merges the result (strings re-interned into the main pool, problems added).
final class BackgroundTableRead: @unchecked Sendable {
  // Touched only by the worker until `done` is signalled, then only by the waiting thread.
  private(set) var reader: SnapshotReader
  private(set) var table: LedgerTable
  private(set) var syntaxError: SnapshotReader.SyntaxError?
  private let done = DispatchSemaphore(value: 0)
  private var finished = false

  init(
    bytes: UnsafeBufferPointer<UInt8>, start: Int, schema: TableSchema,
    consumed: (@Sendable (Int, Int) -> Void)?
  ) {
    reader = SnapshotReader(bytes: bytes)
    reader.position = start
    reader.consumed = consumed
    table = LedgerTable(schema: schema)
  }

  func start() {
    DispatchQueue.global(qos: .userInitiated).async { [self] in
      let clock = ContinuousClock()
      let t0 = clock.now
      defer { if getenv("RB_TRACE") != nil { print("worker", clock.now - t0) } }
      do throws(SnapshotReader.SyntaxError) {
        try reader.readArray(into: &table)
      } catch {
        syntaxError = error
      }
      done.signal()
    }
  }

  /// Blocks until the worker is done; safe to call more than once.
  func wait() {
    if finished { return }
    done.wait()
    finished = true
  }
}

extension SnapshotReader {
  /// Takes over a background read: its problems, its syntax error, and its table with every
  /// string id translated into this reader's pool.
  mutating func merge(_ worker: BackgroundTableRead, into ledger: inout Ledger) throws(SyntaxError) {
    for problem in worker.reader.problems {
      report(problem.offset, problem.path, problem.message)
    }
    if let error = worker.syntaxError { throw error }
    let foreign = worker.reader.pool
    var mapping = [UInt32](repeating: 0, count: foreign.count)
    for id in 0..<foreign.count {
      mapping[id] = foreign.withBytes(StringID(raw: UInt32(id))) { bytes in
        pool.intern(bytes, from: 0, to: bytes.count).raw
      }
    }
    var table = worker.table
    for slot in table.strings.indices {
      table.strings[slot].withUnsafeMutableBufferPointer { column in
        for row in column.indices { column[row] = mapping[Int(column[row])] }
      }
    }
    ledger.valueEntries = table
  }

  /// Moves past the array or object at `position` tracking only strings and brackets: how the
  /// main reader skips the table a background reader is parsing (which checks its syntax).
  mutating func skipStructurally() throws(SyntaxError) {
    guard let base = bytes.baseAddress else { throw endOfFileError() }
    let count = bytes.count
    var depth = 0
    var index = position
    while index < count {
      let byte = base[index]
      switch byte {
      case UInt8(ascii: "\""):
        // Jump to the closing quote: the next quote not preceded by an odd run of backslashes.
        var search = index + 1
        while true {
          guard search < count,
            let found = memchr(base + search, Int32(UInt8(ascii: "\"")), count - search)
          else { throw endOfFileError() }
          let quote = UnsafeRawPointer(found) - UnsafeRawPointer(base)
          var backslashes = 0
          while quote - 1 - backslashes > index && base[quote - 1 - backslashes] == UInt8(ascii: "\\") {
            backslashes += 1
          }
          if backslashes % 2 == 0 {
            index = quote
            break
          }
          search = quote + 1
        }
      case UInt8(ascii: "["), UInt8(ascii: "{"):
        depth += 1
      case UInt8(ascii: "]"), UInt8(ascii: "}"):
        depth -= 1
        if depth == 0 {
          position = index + 1
          return
        }
      default:
        break
      }
      index += 1
    }
    throw endOfFileError()
  }

  func endOfFileError() -> SyntaxError {
    SyntaxError(offset: bytes.count, message: "unexpected end of file (the file is truncated)")
  }
}
