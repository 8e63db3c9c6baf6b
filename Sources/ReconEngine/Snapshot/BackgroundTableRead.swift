import Dispatch
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Who reads which block of one array. The background reader takes blocks from the front, in
/// order; the main reader, once done with the rest of the file, takes blocks from the back. One
/// atomic word holds both ends, so no block is read twice or skipped.
final class BlockClaims: Sendable {
  /// Elements per block: small enough to balance the two threads, large enough that claiming
  /// costs nothing.
  static let defaultBlockRows = 4096
  /// High half: the next block the front reader may take. Low half: blocks below this are free.
  private let state = Atomic<UInt64>(UInt64(UInt32.max))

  /// The background reader asks for `block` (always the next one); false once the back got there.
  func claimFront(_ block: Int) -> Bool {
    var current = state.load(ordering: .acquiring)
    while true {
      let back = current & 0xFFFF_FFFF
      guard UInt64(block) < back else { return false }
      let (exchanged, original) = state.compareExchange(
        expected: current, desired: UInt64(block + 1) << 32 | back, ordering: .acquiringAndReleasing)
      if exchanged { return true }
      current = original
    }
  }

  /// Sets how many blocks the array has, once the main reader has scanned it.
  func setBack(_ blocks: Int) {
    var current = state.load(ordering: .acquiring)
    while true {
      let (exchanged, original) = state.compareExchange(
        expected: current, desired: (current & 0xFFFF_FFFF_0000_0000) | UInt64(blocks),
        ordering: .acquiringAndReleasing)
      if exchanged { return }
      current = original
    }
  }

  /// The main reader takes the last free block, or nil when none is left.
  func claimBack() -> Int? {
    var current = state.load(ordering: .acquiring)
    while true {
      let front = current >> 32
      let back = current & 0xFFFF_FFFF
      guard back > front else { return nil }
      let (exchanged, original) = state.compareExchange(
        expected: current, desired: front << 32 | (back - 1), ordering: .acquiringAndReleasing)
      if exchanged { return Int(back - 1) }
      current = original
    }
  }
}

/// Where the elements of an array start, found by a structural scan: the offset of every
/// `blockRows`-th element and the element count.
struct ArrayScan: Sendable, Equatable {
  var blockStarts: [Int] = []
  var count = 0
  /// Just past the closing bracket.
  var end = 0
}

/// One array handed to the background reader.
final class BackgroundJob: @unchecked Sendable {
  let table: WritableKeyPath<Ledger, LedgerTable>
  let start: Int
  let claims = BlockClaims()
  /// The split guessed from the array's lines, known before the background reader starts (nil:
  /// the main reader scans the array structurally while the background reader reads it).
  let speculative: ArrayScan?
  // Written by the background thread before it signals completion; read after `finish()`.
  var rows: LedgerTable
  var syntaxError: SnapshotReader.SyntaxError?
  /// The background reader found the guessed split wrong.
  var speculationFailed = false
  // Written by the main thread only.
  private(set) var scan = ArrayScan()

  init(
    table: WritableKeyPath<Ledger, LedgerTable>, schema: TableSchema, start: Int,
    speculative: ArrayScan? = nil
  ) {
    self.table = table
    self.start = start
    self.speculative = speculative
    rows = LedgerTable(schema: schema)
  }

  /// Moves the rows out, so the caller holds the only reference and can append in place.
  func takeRows() -> LedgerTable {
    let taken = rows
    rows = LedgerTable(schema: taken.schema)
    return taken
  }

  func scanned(_ scan: ArrayScan) {
    self.scan = scan
    claims.setBack(scan.blockStarts.count)
  }
}

/// A second thread with its own snapshot reader that reads the arrays it is handed, one after
/// the other, so a two-core machine reads two parts of the file at once.
final class BackgroundReader: @unchecked Sendable {
  private let jobs = Mutex<[BackgroundJob]>([])
  private let jobAdded = DispatchSemaphore(value: 0)
  private let done = DispatchSemaphore(value: 0)
  private var finished = false
  // The worker's reader: touched only by the worker until `done`, then by the main thread.
  private(set) var reader: SnapshotReader
  /// Strings the main pool held when the worker started keep their ids in the worker's pool.
  let sharedStrings: Int

  init(
    bytes: UnsafeBufferPointer<UInt8>, pool: StringPool, blockRows: Int, releaseEvery: Int,
    consumed: (@Sendable (Int, Int) -> Void)?
  ) {
    reader = SnapshotReader(bytes: bytes)
    reader.pool = pool
    reader.consumed = consumed
    reader.blockRows = blockRows
    reader.releaseEvery = releaseEvery
    sharedStrings = pool.count
    DispatchQueue.global(qos: .userInitiated).async { [self] in work() }
  }

  private func work() {
    var next = 0
    while true {
      jobAdded.wait()
      guard let job = jobs.withLock({ next < $0.count ? $0[next] : nil }) else { break }
      next += 1
      reader.position = job.start
      var rows = job.rows
      do throws(SnapshotReader.SyntaxError) {
        if let guess = job.speculative {
          // Each guessed block start must be exactly where the previous element ended, and a
          // read to the end must end where the guess put the closing bracket.
          var refused = false
          try reader.readArray(into: &rows) { [claims = job.claims, bytes = reader.bytes] block, position in
            guard block < guess.blockStarts.count,
              SnapshotReader.firstNonSpace(bytes, guess.blockStarts[block]) == position
            else {
              job.speculationFailed = true
              return false
            }
            if claims.claimFront(block) { return true }
            refused = true
            return false
          }
          // Not stopped by the other reader: the array closed here, which must be where the
          // guess put it, after as many elements (an array that closed early leaves the rest of
          // the guessed span unread by anyone).
          if !refused && (rows.count != guess.count || reader.position != guess.end) {
            job.speculationFailed = true
          }
        } else {
          try reader.readArray(into: &rows) { [claims = job.claims] block, _ in claims.claimFront(block) }
        }
      } catch {
        job.syntaxError = error
        job.rows = rows
        break
      }
      job.rows = rows
    }
    done.signal()
  }

  /// Hands over the array starting at `start`.
  func add(
    table: WritableKeyPath<Ledger, LedgerTable>, schema: TableSchema, start: Int,
    speculative: ArrayScan? = nil
  )
    -> BackgroundJob
  {
    let job = BackgroundJob(table: table, schema: schema, start: start, speculative: speculative)
    jobs.withLock { $0.append(job) }
    jobAdded.signal()
    return job
  }

  var allJobs: [BackgroundJob] { jobs.withLock { $0 } }

  /// Tells the worker no more jobs come and waits for it; safe to call more than once.
  func finish() {
    if finished { return }
    jobAdded.signal()
    done.wait()
    finished = true
  }
}

extension SnapshotReader {
  /// Reads the blocks the background reader has not taken, last table first and from the back,
  /// waits for it, then puts each table together in element order with every string id in this
  /// reader's pool.
  mutating func readRemainingBlocks(of worker: BackgroundReader, into ledger: inout Ledger)
    throws(SyntaxError)
  {
    let jobs = worker.allJobs
    var stolen: [[(block: Int, rows: LedgerTable)]] = Array(repeating: [], count: jobs.count)
    var mainError: SyntaxError?
    for (index, job) in jobs.enumerated().reversed() {
      while mainError == nil, let block = job.claims.claimBack() {
        var part = LedgerTable(schema: job.rows.schema)
        rowBase = block * blockRows
        position = job.scan.blockStarts[block]
        do throws(SyntaxError) {
          let closed = try readElements(into: &part, count: min(blockRows, job.scan.count - rowBase))
          if job.speculative != nil {
            // The block must end exactly where the next one was guessed to start, the last one
            // at the guessed closing bracket.
            let last = block == job.scan.blockStarts.count - 1
            let fits =
              last
              ? closed && position == job.scan.end
              : !closed && firstNonSpace(position) == firstNonSpace(job.scan.blockStarts[block + 1])
            if !fits { speculationFailed = true }
          }
        } catch {
          mainError = error
        }
        stolen[index].append((block, part))
      }
    }
    rowBase = 0
    worker.finish()
    if speculationFailed || jobs.contains(where: \.speculationFailed) {
      speculationFailed = true
      return
    }
    // Of several syntax errors, the one earliest in the file is the one to fix first; as in a
    // one-thread read, only the problems before it count.
    let errors = jobs.compactMap(\.syntaxError) + (mainError.map { [$0] } ?? [])
    let limit = errors.min(by: { $0.offset < $1.offset })?.offset ?? Int.max
    backgroundProblemsMerged = true
    for problem in worker.reader.problems where problem.offset < limit {
      report(problem.offset, problem.path, problem.message)
    }
    if let first = errors.min(by: { $0.offset < $1.offset }) { throw first }
    let mapping = stringMapping(from: worker.reader.pool, sharedCount: worker.sharedStrings)
    for (index, job) in jobs.enumerated() {
      var rows = job.takeRows()
      remap(&rows, mapping, sharedCount: worker.sharedStrings)
      for part in stolen[index].reversed() { rows.append(part.rows) }
      ledger[keyPath: job.table] = rows
    }
  }

  /// For each id of a pool that started as a copy of this one, the id of the same string here.
  mutating func stringMapping(from foreign: StringPool, sharedCount: Int) -> [UInt32] {
    var mapping = [UInt32](repeating: 0, count: foreign.count)
    for id in 0..<min(sharedCount, foreign.count) { mapping[id] = UInt32(id) }
    for id in sharedCount..<max(sharedCount, foreign.count) {
      mapping[id] = foreign.withBytes(StringID(raw: UInt32(id))) {
        pool.intern($0, from: 0, to: $0.count).raw
      }
    }
    return mapping
  }

  /// Rewrites the string columns that hold ids the two pools do not share.
  func remap(_ table: inout LedgerTable, _ mapping: [UInt32], sharedCount: Int) {
    guard mapping.count > sharedCount else { return }
    let limit = UInt32(sharedCount)
    for slot in table.strings.indices where table.strings[slot].contains(where: { $0 >= limit }) {
      table.strings[slot].withUnsafeMutableBufferPointer { column in
        for row in column.indices { column[row] = mapping[Int(column[row])] }
      }
    }
  }

  /// The elements and end of the array at `position` guessed from its lines, when it is laid
  /// out one element per line as snapshots are written: every line (after spaces) starts with
  /// `{`, the last with `]`. A raw line break cannot occur inside a JSON string, so this needs no
  /// look at the bytes between line breaks; nested values on lines of their own could still
  /// mislead it, which the readers' checks catch (`speculationFailed`). Nil when the layout is
  /// another one (the structural scan is then used).
  func scanByLines(blockRows: Int) -> ArrayScan? {
    guard let base = bytes.baseAddress, position < bytes.count, bytes[position] == UInt8(ascii: "[") else {
      return nil
    }
    let count = bytes.count
    var scan = ArrayScan()
    var index = firstNonSpace(position + 1)
    guard index < count, bytes[index] == UInt8(ascii: "{") else { return nil }
    while true {
      // `index` is at an element's `{`.
      if scan.count % blockRows == 0 { scan.blockStarts.append(index) }
      scan.count += 1
      guard let newline = memchr(base + index, 0x0A, count - index) else { return nil }
      var next = UnsafeRawPointer(newline).assumingMemoryBound(to: UInt8.self) - base + 1
      while next < count && (bytes[next] == 0x20 || bytes[next] == 0x09 || bytes[next] == 0x0D) { next += 1 }
      guard next < count else { return nil }
      if bytes[next] == UInt8(ascii: "]") {
        scan.end = next + 1
        return scan
      }
      guard bytes[next] == UInt8(ascii: "{") else { return nil }
      index = next
    }
  }

  /// Moves past the array at `position` tracking only strings and brackets, recording where
  /// every `blockRows`-th element starts. This is how the main reader passes over a table the
  /// background reader parses (and checks).
  mutating func skipStructurally(blockRows: Int) throws(SyntaxError) -> ArrayScan {
    guard let base = bytes.baseAddress else { throw endOfFileError() }
    let count = bytes.count
    var scan = ArrayScan()
    var depth = 0
    var commas = 0
    var sawContent = false
    var index = position
    while index < count {
      let byte = base[index]
      switch byte {
      case UInt8(ascii: "\""):
        sawContent = true
        // Jump to the closing quote, eight bytes at a time (strings here are short, so this
        // beats a memchr call per string); a backslash skips the byte after it.
        var search = index + 1
        while true {
          while search + 8 <= count {
            let word = UnsafeRawPointer(base + search).loadUnaligned(as: UInt64.self)
            let quote = word ^ 0x2222_2222_2222_2222
            let backslash = word ^ 0x5C5C_5C5C_5C5C_5C5C
            let hits =
              ((quote &- 0x0101_0101_0101_0101) & ~quote)
              | ((backslash &- 0x0101_0101_0101_0101) & ~backslash)
            if hits & 0x8080_8080_8080_8080 != 0 { break }
            search += 8
          }
          guard search < count else { throw endOfFileError() }
          let byte = base[search]
          if byte == UInt8(ascii: "\"") { break }
          search += byte == UInt8(ascii: "\\") ? 2 : 1
        }
        index = search
      case UInt8(ascii: "["), UInt8(ascii: "{"):
        if depth == 0 { scan.blockStarts.append(index + 1) } else { sawContent = true }
        depth += 1
      case UInt8(ascii: "]"), UInt8(ascii: "}"):
        depth -= 1
        if depth == 0 {
          position = index + 1
          scan.count = sawContent ? commas + 1 : 0
          if scan.count == 0 { scan.blockStarts = [] }
          return scan
        }
      case UInt8(ascii: ","):
        if depth == 1 {
          commas += 1
          if commas % blockRows == 0 { scan.blockStarts.append(index + 1) }
        }
      case 0x20, 0x0A, 0x0D, 0x09:
        break
      default:
        sawContent = true
      }
      index += 1
    }
    throw endOfFileError()
  }

  func endOfFileError() -> SyntaxError {
    SyntaxError(offset: bytes.count, message: "unexpected end of file (the file is truncated)")
  }
}
