import CZlib
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Why an input could not be read as bytes.
struct ByteStreamError: Error {
  var message: String
}

/// A source of bytes read in chunks, so that an import never holds a whole file (or its
/// inflated or transcoded text) in memory.
protocol ByteSource {
  /// Appends up to `maximum` bytes to `buffer`; 0 at the end.
  mutating func read(into buffer: inout [UInt8], maximum: Int) throws(ByteStreamError) -> Int
}

/// A file, or a range of it, read with `read(2)`.
final class FileSource: ByteSource {
  private let descriptor: Int32
  private var scratch = [UInt8](repeating: 0, count: 1 << 20)
  /// Bytes left to read in the range; nil to the end of the file.
  private var remaining: Int?
  private let progress: ByteProgress?

  init(path: String, offset: Int = 0, length: Int? = nil, progress: ByteProgress? = nil)
    throws(ByteStreamError)
  {
    self.progress = progress
    descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else {
      throw ByteStreamError(message: String(cString: strerror(errno)).lowercased())
    }
    // (A failed initializer still runs deinit, which closes the descriptor.)
    if offset > 0 && lseek(descriptor, off_t(offset), SEEK_SET) < 0 {
      throw ByteStreamError(message: String(cString: strerror(errno)).lowercased())
    }
    remaining = length
  }

  deinit { close(descriptor) }

  func read(into buffer: inout [UInt8], maximum: Int) throws(ByteStreamError) -> Int {
    let wanted = min(maximum, remaining ?? maximum)
    guard wanted > 0 else { return 0 }
    if scratch.count < wanted { scratch = [UInt8](repeating: 0, count: wanted) }
    let count = scratch.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, wanted) }
    if count > 0, let left = remaining { remaining = left - count }
    if count > 0 { progress?.add(count) }
    guard count >= 0 else { throw ByteStreamError(message: String(cString: strerror(errno)).lowercased()) }
    buffer.append(contentsOf: scratch[0..<count])
    return count
  }
}

/// Bytes already in memory (tests, the bytes peeked at the start of a file).
struct MemorySource: ByteSource {
  var bytes: [UInt8]
  var position = 0

  mutating func read(into buffer: inout [UInt8], maximum: Int) throws(ByteStreamError) -> Int {
    let count = min(maximum, bytes.count - position)
    buffer.append(contentsOf: bytes[position..<(position + count)])
    position += count
    return count
  }
}

/// A source that first gives back bytes already read from another (the sniffed header).
struct PrefixedSource<Base: ByteSource>: ByteSource {
  var prefix: [UInt8]
  var base: Base

  mutating func read(into buffer: inout [UInt8], maximum: Int) throws(ByteStreamError) -> Int {
    if !prefix.isEmpty {
      let count = min(maximum, prefix.count)
      buffer.append(contentsOf: prefix[0..<count])
      prefix.removeFirst(count)
      return count
    }
    return try base.read(into: &buffer, maximum: maximum)
  }
}

/// GZip inflated on the fly through zlib (a `.rapidstart` package is one GZip member written by
/// .NET's GZipStream).
final class GzipSource<Base: ByteSource>: ByteSource {
  private var base: Base
  /// On the heap: zlib keeps a pointer back to its z_stream and refuses a moved one.
  private let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
  private var input: [UInt8] = []
  private var inputOffset = 0
  private var finished = false
  private var output = [UInt8](repeating: 0, count: 1 << 20)

  init(_ base: Base) throws(ByteStreamError) {
    self.base = base
    stream.initialize(to: z_stream())
    guard czlib_inflate_init_gzip(stream) == Z_OK else {
      throw ByteStreamError(message: "zlib did not start")
    }
  }

  deinit {
    inflateEnd(stream)
    stream.deallocate()
  }

  func read(into buffer: inout [UInt8], maximum: Int) throws(ByteStreamError) -> Int {
    if finished { return 0 }
    if output.count < maximum { output = [UInt8](repeating: 0, count: maximum) }
    while true {
      if inputOffset >= input.count {
        input.removeAll(keepingCapacity: true)
        inputOffset = 0
        if try base.read(into: &input, maximum: 1 << 20) == 0 {
          throw ByteStreamError(message: "the GZip stream ends before its end (the file is cut short)")
        }
      }
      let (status, produced, consumed) = input.withUnsafeMutableBufferPointer { inputBuffer in
        output.withUnsafeMutableBufferPointer { outputBuffer -> (Int32, Int, Int) in
          stream.pointee.next_in = inputBuffer.baseAddress.map { $0 + inputOffset }
          stream.pointee.avail_in = UInt32(inputBuffer.count - inputOffset)
          stream.pointee.next_out = outputBuffer.baseAddress
          stream.pointee.avail_out = UInt32(maximum)
          let status = inflate(stream, Z_NO_FLUSH)
          return (
            status, maximum - Int(stream.pointee.avail_out),
            inputBuffer.count - inputOffset - Int(stream.pointee.avail_in)
          )
        }
      }
      inputOffset += consumed
      if status == Z_STREAM_END { finished = true }
      if status != Z_OK && status != Z_STREAM_END && status != Z_BUF_ERROR {
        let detail = stream.pointee.msg.map { String(cString: $0) } ?? "error \(status)"
        throw ByteStreamError(message: "the GZip data does not inflate (\(detail))")
      }
      if produced > 0 {
        buffer.append(contentsOf: output[0..<produced])
        return produced
      }
      if finished { return 0 }
    }
  }
}

/// Text in UTF-16 (little or big endian) transcoded to UTF-8 chunk by chunk; a surrogate pair
/// or a byte pair split across chunks waits for the next one.
struct UTF16Source<Base: ByteSource>: ByteSource {
  var base: Base
  let bigEndian: Bool
  private var pending: [UInt8] = []
  private var highSurrogate: UInt32?

  init(_ base: Base, bigEndian: Bool) {
    self.base = base
    self.bigEndian = bigEndian
  }

  mutating func read(into buffer: inout [UInt8], maximum: Int) throws(ByteStreamError) -> Int {
    var produced = 0
    while produced == 0 {
      let got = try base.read(into: &pending, maximum: maximum)
      if got == 0 {
        if !pending.isEmpty || highSurrogate != nil {
          throw ByteStreamError(message: "the UTF-16 text ends in the middle of a character")
        }
        return 0
      }
      let pairs = pending.count / 2
      let before = buffer.count
      // At most three UTF-8 bytes per UTF-16 unit (a pair of units gives four).
      buffer.append(contentsOf: repeatElement(0, count: pairs * 3))
      var written = 0
      try pending.withUnsafeBufferPointer { bytes throws(ByteStreamError) in
        try buffer.withUnsafeMutableBufferPointer { out throws(ByteStreamError) in
          var o = before
          for index in 0..<pairs {
            let first = UInt32(bytes[2 * index]), second = UInt32(bytes[2 * index + 1])
            let unit = bigEndian ? (first << 8 | second) : (second << 8 | first)
            if unit < 0x80 && highSurrogate == nil {
              out[o] = UInt8(unit)
              o += 1
              continue
            }
            var scalar = unit
            if let high = highSurrogate {
              guard (0xDC00...0xDFFF).contains(unit) else {
                throw ByteStreamError(message: "the UTF-16 text has an unpaired surrogate")
              }
              highSurrogate = nil
              scalar = 0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00)
            } else if (0xD800...0xDBFF).contains(unit) {
              highSurrogate = unit
              continue
            } else if (0xDC00...0xDFFF).contains(unit) {
              throw ByteStreamError(message: "the UTF-16 text has an unpaired surrogate")
            }
            switch scalar {
            case 0..<0x800:
              out[o] = UInt8(0xC0 | (scalar >> 6))
              out[o + 1] = UInt8(0x80 | (scalar & 0x3F))
              o += 2
            case 0x800..<0x10000:
              out[o] = UInt8(0xE0 | (scalar >> 12))
              out[o + 1] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
              out[o + 2] = UInt8(0x80 | (scalar & 0x3F))
              o += 3
            default:
              out[o] = UInt8(0xF0 | (scalar >> 18))
              out[o + 1] = UInt8(0x80 | ((scalar >> 12) & 0x3F))
              out[o + 2] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
              out[o + 3] = UInt8(0x80 | (scalar & 0x3F))
              o += 4
            }
          }
          written = o - before
        }
      }
      buffer.removeLast(pairs * 3 - written)
      pending.removeFirst(pairs * 2)
      produced = buffer.count - before
    }
    return produced
  }
}

/// The encoding of a text by its first bytes (bc-import.md §7.1, §8.2): a BOM, else the
/// byte pattern of `<` in UTF-16, else UTF-8. Returns the encoding and the BOM length.
enum TextEncoding: Equatable {
  case utf8, utf16LittleEndian, utf16BigEndian

  static func sniff(_ bytes: [UInt8]) -> (TextEncoding, bomLength: Int) {
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return (.utf8, 3) }
    if bytes.starts(with: [0xFF, 0xFE]) { return (.utf16LittleEndian, 2) }
    if bytes.starts(with: [0xFE, 0xFF]) { return (.utf16BigEndian, 2) }
    if bytes.count >= 2 && bytes[1] == 0 && bytes[0] != 0 { return (.utf16LittleEndian, 0) }
    if bytes.count >= 2 && bytes[0] == 0 && bytes[1] != 0 { return (.utf16BigEndian, 0) }
    return (.utf8, 0)
  }
}

/// A text source as UTF-8, whatever its encoding, with the BOM removed.
struct DecodedSource: ByteSource {
  private var source: any ByteSource
  let encoding: TextEncoding

  /// Reads the first bytes of `base` to tell its encoding.
  init(_ base: some ByteSource) throws(ByteStreamError) {
    var base = base
    var head: [UInt8] = []
    while head.count < 4, try base.read(into: &head, maximum: 4 - head.count) > 0 {}
    let (encoding, bom) = TextEncoding.sniff(head)
    self.encoding = encoding
    let rest = PrefixedSource(prefix: Array(head.dropFirst(bom)), base: base)
    switch encoding {
    case .utf8: source = rest
    case .utf16LittleEndian: source = UTF16Source(rest, bigEndian: false)
    case .utf16BigEndian: source = UTF16Source(rest, bigEndian: true)
    }
  }

  mutating func read(into buffer: inout [UInt8], maximum: Int) throws(ByteStreamError) -> Int {
    try source.read(into: &buffer, maximum: maximum)
  }
}

/// Reads another source on a thread of its own, a few chunks ahead: inflating and transcoding a
/// package runs on one core while the XML is parsed on the other.
final class PipelinedSource: ByteSource {
  /// What the reading thread and the consumer share, guarded by `condition`. The thread holds
  /// this box, not the source, so dropping the source stops the thread.
  private final class Channel: @unchecked Sendable {
    var chunks: [[UInt8]] = []
    var finished = false
    var failure: ByteStreamError?
    var stopped = false
    let condition = NSCondition()
  }

  /// Carries the base source onto the reading thread; only that thread touches it afterwards.
  private final class Handoff: @unchecked Sendable {
    var base: any ByteSource
    init(base: any ByteSource) { self.base = base }
  }

  private let channel = Channel()
  private var current: [UInt8] = []
  private var currentOffset = 0

  init(_ base: any ByteSource, chunkSize: Int = 4 << 20, ahead: Int = 3) {
    let channel = self.channel
    let handoff = Handoff(base: base)
    let thread = Thread {
      while true {
        var chunk: [UInt8] = []
        chunk.reserveCapacity(chunkSize)
        let count: Int
        do throws(ByteStreamError) {
          count = try handoff.base.read(into: &chunk, maximum: chunkSize)
        } catch {
          channel.condition.lock()
          channel.failure = error
          channel.finished = true
          channel.condition.broadcast()
          channel.condition.unlock()
          return
        }
        channel.condition.lock()
        while channel.chunks.count >= ahead && !channel.stopped { channel.condition.wait() }
        if channel.stopped {
          channel.condition.unlock()
          return
        }
        if count == 0 {
          channel.finished = true
        } else {
          channel.chunks.append(chunk)
        }
        channel.condition.broadcast()
        channel.condition.unlock()
        if count == 0 { return }
      }
    }
    thread.start()
  }

  /// Lets the reading thread end when the consumer stops early.
  func stop() {
    channel.condition.lock()
    channel.stopped = true
    channel.condition.broadcast()
    channel.condition.unlock()
  }

  deinit { stop() }

  func read(into buffer: inout [UInt8], maximum: Int) throws(ByteStreamError) -> Int {
    if currentOffset >= current.count {
      channel.condition.lock()
      while channel.chunks.isEmpty && !channel.finished { channel.condition.wait() }
      if channel.chunks.isEmpty {
        let failure = channel.failure
        channel.condition.unlock()
        if let failure { throw failure }
        return 0
      }
      current = channel.chunks.removeFirst()
      currentOffset = 0
      channel.condition.broadcast()
      channel.condition.unlock()
    }
    let count = min(maximum, current.count - currentOffset)
    buffer.append(contentsOf: current[currentOffset..<(currentOffset + count)])
    currentOffset += count
    return count
  }
}
