/// Two ledgers are equal when every table holds the same rows in the same order with the same
/// values and `x-` keys. String ids are compared by their text, since two pools may number the
/// same strings differently.
extension Ledger: Equatable {
  public static func == (lhs: Ledger, rhs: Ledger) -> Bool {
    guard lhs.extras == rhs.extras else { return false }
    let tables: [WritableKeyPath<Ledger, LedgerTable>] = [\.company, \.setup] + Ledger.arrayTables
    return tables.allSatisfy { table in
      lhs[keyPath: table].hasSameContent(as: rhs[keyPath: table], lhs.strings, rhs.strings)
    }
  }
}

extension LedgerTable {
  func hasSameContent(as other: LedgerTable, _ strings: StringPool, _ otherStrings: StringPool) -> Bool {
    guard count == other.count, numbers == other.numbers, dates == other.dates, bytes == other.bytes,
      extras == other.extras
    else { return false }
    for slot in self.strings.indices {
      let mine = self.strings[slot]
      let theirs = other.strings[slot]
      for row in mine.indices
      where strings.string(StringID(raw: mine[row])) != otherStrings.string(StringID(raw: theirs[row])) {
        return false
      }
    }
    return true
  }
}
