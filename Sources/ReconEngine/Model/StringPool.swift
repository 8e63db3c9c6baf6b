#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The id of a string in a `StringPool`. Id 0 is always the empty string (BC's blank code).
public struct StringID: Hashable, Comparable, Sendable, BitwiseCopyable {
  public var raw: UInt32
  @inlinable public init(raw: UInt32) { self.raw = raw }
  public static let blank = StringID(raw: 0)
  @inlinable public var isBlank: Bool { raw == 0 }
  @inlinable public static func < (lhs: StringID, rhs: StringID) -> Bool { lhs.raw < rhs.raw }
}

/// Interns every code and text of a ledger once, as UTF-8 bytes in one arena.
///
/// A million value entries repeat a few hundred item numbers, locations and posting groups; a
/// 4-byte id per field instead of a Swift `String` keeps the ledger compact and makes code
/// comparison an integer comparison. Lookup is an open-addressing hash table over the arena, so
/// the snapshot reader interns straight from the file's bytes without building a `String`.
public struct StringPool: Sendable {
  // Internal, not private: the ledger cache stores and checks them (`Cache/LedgerArchive.swift`).
  var arena: [UInt8] = []
  var offsets: [UInt32] = [0, 0]  // string i occupies arena[offsets[i]..<offsets[i+1]]
  var slots: [UInt32]  // 0 = empty slot, else id + 1
  var hashes: [UInt32] = [0]

  public init() {
    slots = Array(repeating: 0, count: 1024)
  }

  /// Number of distinct strings, the blank one included.
  public var count: Int { offsets.count - 1 }

  /// Interns a Swift string.
  public mutating func intern(_ text: String) -> StringID {
    var utf8 = Array(text.utf8)
    let count = utf8.count
    return utf8.withUnsafeMutableBufferPointer { buffer in
      intern(UnsafeBufferPointer(buffer), from: 0, to: count)
    }
  }

  /// Interns `bytes[start..<end]`, which must be valid UTF-8.
  public mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> StringID {
    if start == end { return .blank }
    let probe = find(bytes, from: start, to: end)
    if let id = probe.id { return id }
    let id = offsets.count - 1
    arena.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<end]))
    offsets.append(UInt32(arena.count))
    hashes.append(probe.hash)
    slots[probe.slot] = UInt32(id + 1)
    if (id + 1) * 2 > slots.count { grow() }
    return StringID(raw: UInt32(id))
  }

  /// Finds `bytes[start..<end]`: its id if interned, else the free slot where it would go.
  private func find(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int)
    -> (id: StringID?, slot: Int, hash: UInt32)
  {
    let hash = StringPool.hash(bytes, from: start, to: end)
    let mask = slots.count - 1
    var slot = Int(hash) & mask
    let length = end - start
    while true {
      let entry = slots[slot]
      if entry == 0 { return (nil, slot, hash) }
      let id = Int(entry - 1)
      if hashes[id] == hash {
        let from = Int(offsets[id])
        if Int(offsets[id + 1]) - from == length && equalBytes(bytes, start, from, length) {
          return (StringID(raw: UInt32(id)), slot, hash)
        }
      }
      slot = (slot + 1) & mask
    }
  }

  /// A multiply-mix hash over eight bytes at a time: codes are short, so this is a few steps.
  @inline(__always)
  static func hash(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> UInt32 {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(end - start)
    var index = start
    if let base = bytes.baseAddress {
      while index + 8 <= end {
        let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
        state = (state ^ word) &* 0xBF58_476D_1CE4_E5B9
        state ^= state >> 29
        index += 8
      }
    }
    var tail: UInt64 = 0
    let left = end - index
    if left > 0, let base = bytes.baseAddress, index + 8 <= bytes.count {
      // One load covers the tail; the bytes past `end` are masked off.
      tail =
        UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) & (UInt64.max >> UInt64(64 - 8 * left))
    } else {
      var shift: UInt64 = 0
      while index < end {
        tail |= UInt64(bytes[index]) << shift
        shift += 8
        index += 1
      }
    }
    state = (state ^ tail) &* 0x94D0_49BB_1331_11EB
    state ^= state >> 32
    return UInt32(truncatingIfNeeded: state)
  }

  private func equalBytes(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ from: Int, _ length: Int)
    -> Bool
  {
    arena.withUnsafeBufferPointer { stored in
      guard let storedBase = stored.baseAddress, let base = bytes.baseAddress else { return length == 0 }
      return memcmp(storedBase + from, base + start, length) == 0
    }
  }

  private mutating func grow() {
    let size = slots.count * 2
    var newSlots = [UInt32](repeating: 0, count: size)
    let mask = size - 1
    for id in 1..<(offsets.count - 1) {
      var slot = Int(hashes[id]) & mask
      while newSlots[slot] != 0 { slot = (slot + 1) & mask }
      newSlots[slot] = UInt32(id + 1)
    }
    slots = newSlots
  }

  /// The string for an id.
  public func string(_ id: StringID) -> String {
    let index = Int(id.raw)
    let from = Int(offsets[index])
    let to = Int(offsets[index + 1])
    return String(decoding: arena[from..<to], as: UTF8.self)
  }

  /// Calls `body` with the UTF-8 bytes of an id without copying them.
  public func withBytes<Result>(_ id: StringID, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
    let index = Int(id.raw)
    let from = Int(offsets[index])
    let to = Int(offsets[index + 1])
    return arena.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[from..<to])) }
  }

  /// The id of a string already in the pool, without adding it.
  public func lookup(_ text: String) -> StringID? {
    if text.isEmpty { return .blank }
    var utf8 = Array(text.utf8)
    let count = utf8.count
    return utf8.withUnsafeMutableBufferPointer { find(UnsafeBufferPointer($0), from: 0, to: count).id }
  }
}
