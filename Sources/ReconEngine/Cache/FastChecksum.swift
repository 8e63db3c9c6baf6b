/// A 64-bit checksum for the ledger cache: four independent multiply-rotate lanes over 32 bytes
/// at a time (the round of xxHash64, not its exact output), so checking a few hundred megabytes
/// costs a fraction of reading them. It detects damage (a torn write, a flipped bit, a truncated
/// file); it is not a defence against someone forging a cache file, and does not need to be: the
/// cache lives in the user's own cache folder.
enum FastChecksum {
  private static let prime1: UInt64 = 0x9E37_79B1_85EB_CA87
  private static let prime2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
  private static let prime3: UInt64 = 0x1656_67B1_9E37_79F9
  private static let prime5: UInt64 = 0x27D4_EB2F_1656_67C5

  @inline(__always)
  private static func round(_ lane: UInt64, _ word: UInt64) -> UInt64 {
    let mixed = lane &+ word &* prime2
    return ((mixed << 31) | (mixed >> 33)) &* prime1
  }

  /// The checksum of `bytes`, seeded (different seeds give unrelated checksums).
  static func of(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0) -> UInt64 {
    let count = bytes.count
    guard let base = bytes.baseAddress, count > 0 else { return finish(seed &+ prime5, length: 0) }
    var lanes = (seed &+ prime1 &+ prime2, seed &+ prime2, seed, seed &- prime1)
    var index = 0
    while index + 32 <= count {
      lanes.0 = round(lanes.0, base.loadUnaligned(fromByteOffset: index, as: UInt64.self))
      lanes.1 = round(lanes.1, base.loadUnaligned(fromByteOffset: index + 8, as: UInt64.self))
      lanes.2 = round(lanes.2, base.loadUnaligned(fromByteOffset: index + 16, as: UInt64.self))
      lanes.3 = round(lanes.3, base.loadUnaligned(fromByteOffset: index + 24, as: UInt64.self))
      index += 32
    }
    var state = rotate(lanes.0, 1) &+ rotate(lanes.1, 7) &+ rotate(lanes.2, 12) &+ rotate(lanes.3, 18)
    while index + 8 <= count {
      state =
        rotate(state ^ round(0, base.loadUnaligned(fromByteOffset: index, as: UInt64.self)), 27)
        &* prime1 &+ prime3
      index += 8
    }
    while index < count {
      state =
        rotate(state ^ (UInt64(base.load(fromByteOffset: index, as: UInt8.self)) &* prime5), 11) &* prime1
      index += 1
    }
    return finish(state, length: count)
  }

  /// The checksum of a whole array's bytes.
  static func of<Element: BitwiseCopyable>(_ array: [Element], seed: UInt64 = 0) -> UInt64 {
    array.withUnsafeBytes { of($0, seed: seed) }
  }

  @inline(__always)
  private static func rotate(_ value: UInt64, _ bits: UInt64) -> UInt64 {
    (value << bits) | (value >> (64 - bits))
  }

  private static func finish(_ value: UInt64, length: Int) -> UInt64 {
    var state = value &+ UInt64(length)
    state ^= state >> 33
    state = state &* prime2
    state ^= state >> 29
    state = state &* prime3
    state ^= state >> 32
    return state
  }
}
