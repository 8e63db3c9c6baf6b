/// Why a cache file cannot be used. Never shown as an error to the user: a cache that fails
/// any check is ignored (and removed), and the snapshot is read from its JSON.
public struct CacheProblem: Error, Equatable, Sendable, CustomStringConvertible {
  public let description: String
  init(_ description: String) { self.description = description }

  /// A background write that a newer one for the same snapshot made give up.
  static let superseded = CacheProblem("superseded by a newer write of the same entry")
}

/// Little-endian fixed-width fields and length-prefixed strings: the cache file's header and the
/// few variable-length parts of a ledger (its `x-` keys).
struct ByteWriter {
  private(set) var bytes: [UInt8] = []

  mutating func u64(_ value: UInt64) {
    withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
  }
  mutating func i64(_ value: Int64) { u64(UInt64(bitPattern: value)) }
  mutating func int(_ value: Int) { i64(Int64(value)) }
  mutating func string(_ text: String) {
    let utf8 = Array(text.utf8)
    int(utf8.count)
    bytes += utf8
  }
}

/// Reads what `ByteWriter` wrote; every read is bounds-checked and a short or malformed input is
/// a `CacheProblem`, never a trap.
struct ByteReader {
  private let bytes: [UInt8]
  private(set) var position = 0

  init(_ bytes: [UInt8]) { self.bytes = bytes }

  var isAtEnd: Bool { position == bytes.count }

  mutating func u64() throws(CacheProblem) -> UInt64 {
    guard bytes.count - position >= 8 else { throw CacheProblem("truncated field at byte \(position)") }
    var value: UInt64 = 0
    for shift in 0..<8 { value |= UInt64(bytes[position + shift]) << UInt64(8 * shift) }
    position += 8
    return value
  }
  mutating func i64() throws(CacheProblem) -> Int64 { Int64(bitPattern: try u64()) }

  /// A count or offset: non-negative and at most `limit`.
  mutating func int(atMost limit: Int = Int(Int32.max)) throws(CacheProblem) -> Int {
    let value = try i64()
    guard value >= 0, value <= Int64(limit) else { throw CacheProblem("value \(value) out of range") }
    return Int(value)
  }

  mutating func string() throws(CacheProblem) -> String {
    let length = try int(atMost: bytes.count - position)
    let text = String(decoding: bytes[position..<position + length], as: UTF8.self)
    position += length
    return text
  }
}
