/// `AccountResolver.namedAccount` per (account type, the two codes its setup row is found by):
/// a ledger uses a few dozen such combinations, and the explanation asks for one on every
/// posted line of every value entry. Open addressing over a multiply hash, so a look-up is a
/// few instructions instead of two `Hasher` runs and the resolver's checks.
struct NamedAccountMemo {
  private var keys: [UInt64] = Array(repeating: 0, count: 256)
  private var types: [UInt8] = Array(repeating: 0, count: 256)
  private var accounts: [UInt32] = Array(repeating: 0, count: 256)
  private var used = 0

  mutating func namedAccount(
    _ type: InventoryAccountType, valueEntryRow row: Int, _ resolver: AccountResolver
  )
    -> StringID
  {
    let (first, second) = resolver.setupCodes(type, valueEntryRow: row)
    let key = UInt64(first) << 32 | UInt64(second)
    // The type is kept beside the key, +1 so that 0 marks an empty slot.
    let tag = UInt8(truncatingIfNeeded: Int(type.rawValue) + 1)
    let mask = keys.count - 1
    var slot = Int(truncatingIfNeeded: ((key ^ UInt64(tag) << 59) &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
    while types[slot] != 0 {
      if types[slot] == tag && keys[slot] == key { return StringID(raw: accounts[slot]) }
      slot = (slot + 1) & mask
    }
    let account = resolver.namedAccount(type, valueEntryRow: row)
    keys[slot] = key
    types[slot] = tag
    accounts[slot] = account.raw
    used += 1
    if used * 2 > keys.count { grow() }
    return account
  }

  private mutating func grow() {
    let old = (keys, types, accounts)
    keys = Array(repeating: 0, count: old.0.count * 2)
    types = Array(repeating: 0, count: old.0.count * 2)
    accounts = Array(repeating: 0, count: old.0.count * 2)
    let mask = keys.count - 1
    for index in old.0.indices where old.1[index] != 0 {
      var slot =
        Int(truncatingIfNeeded: ((old.0[index] ^ UInt64(old.1[index]) << 59) &* 0x9E37_79B9_7F4A_7C15) >> 40)
        & mask
      while types[slot] != 0 { slot = (slot + 1) & mask }
      keys[slot] = old.0[index]
      types[slot] = old.1[index]
      accounts[slot] = old.2[index]
    }
  }
}
