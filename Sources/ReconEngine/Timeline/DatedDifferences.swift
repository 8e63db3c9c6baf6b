/// The reconciliation's Difference (G/L − inventory) of every field with a G/L side, by posting
/// date, from one pass over the value entries and one over the G/L entries. The matrix is a sum
/// over the entries of a date range on both sides (`Reconciliation.itemSide`, `glSide`), so the
/// Difference of any range — a period, or everything up to a date — is a difference of two
/// prefix sums here, without a matrix per period. Dates are ordinals: a closing date is its own
/// date, after the day it closes.
struct DatedDifferences {
  /// The distinct posting dates of all entries, ascending.
  let ordinals: [Int32]
  /// `prefix[(i + 1) * fields + f]` = Σ of field f's Difference over the dates `ordinals[0...i]`.
  private let prefix: [Int64]
  static let fieldCount = ReconciliationField.allCases.count
  let overflowed: Bool

  init(_ ledger: Ledger) {
    let fieldCount = DatedDifferences.fieldCount
    let ve = Columns.valueEntry, gl = Columns.glEntry
    let valueDates = ledger.valueEntries.ordinals(ve.postingDate)
    let glDates = ledger.glEntries.ordinals(gl.postingDate)
    let ordinals = Array(Set(valueDates).union(glDates)).sorted()
    self.ordinals = ordinals
    var position: [Int32: Int] = [:]
    position.reserveCapacity(ordinals.count)
    for (index, ordinal) in ordinals.enumerated() { position[ordinal] = index }

    var deltas = [Int64](repeating: 0, count: ordinals.count * fieldCount)
    var overflow = false
    // Inventory side: the projection of every selected value entry (inventory items only), as
    // the matrix's item lines add it, subtracted.
    let selection = EntrySelection(ledger, ReconciliationFilters())
    let keys = ProjectionKeys(ledger)
    let actual = ledger.valueEntries.units(ve.costAmountActual)
    let expected = ledger.valueEntries.units(ve.costAmountExpected)
    let recipes = FlatProjection.shared
    var lastOrdinal = Int32.min, lastBase = 0
    selection.forEachRow { row, _ in
      let ordinal = valueDates[row]
      if ordinal != lastOrdinal {
        lastOrdinal = ordinal
        lastBase = (position[ordinal] ?? 0) * fieldCount
      }
      let a = actual[row], e = expected[row]
      for term in recipes.range(keys[row]) {
        let amount = recipes.signedAmount(term, actual: a, expected: e, overflow: &overflow)
        let index = lastBase + recipes.fields[term]
        let (value, wrapped) = deltas[index].subtractingReportingOverflow(amount)
        deltas[index] = value
        overflow = overflow || wrapped
      }
    }
    // G/L side: every entry on an account the setup names, in each field whose account type
    // names it (as `glSide` lists one line per type and account).
    var fieldsOfAccount: [UInt32: [Int]] = [:]
    for (type, accounts) in Reconciliation.setupAccounts(ledger) {
      let field = ReconciliationField.forAccountType(type).rawValue
      for account in accounts { fieldsOfAccount[account.raw, default: []].append(field) }
    }
    let accounts = ledger.glEntries.ids(gl.glAccountNo)
    let amounts = ledger.glEntries.units(gl.amount)
    for row in accounts.indices {
      guard let fields = fieldsOfAccount[accounts[row]] else { continue }
      let base = (position[glDates[row]] ?? 0) * fieldCount
      for field in fields {
        let (value, wrapped) = deltas[base + field].addingReportingOverflow(amounts[row])
        deltas[base + field] = value
        overflow = overflow || wrapped
      }
    }
    var prefix = [Int64](repeating: 0, count: (ordinals.count + 1) * fieldCount)
    for index in ordinals.indices {
      for field in 0..<fieldCount {
        let (value, wrapped) = prefix[index * fieldCount + field].addingReportingOverflow(
          deltas[index * fieldCount + field])
        prefix[(index + 1) * fieldCount + field] = value
        overflow = overflow || wrapped
      }
    }
    self.prefix = prefix
    overflowed = overflow
  }

  /// How many dates are ≤ `ordinal`.
  private func count(upTo ordinal: Int32) -> Int { DatedDifferences.count(ordinals, upTo: ordinal) }

  /// How many of the ascending `ordinals` are ≤ `ordinal` (a binary search).
  static func count(_ ordinals: [Int32], upTo ordinal: Int32) -> Int {
    var low = 0, high = ordinals.count
    while low < high {
      let middle = (low + high) / 2
      if ordinals[middle] <= ordinal { low = middle + 1 } else { high = middle }
    }
    return low
  }

  /// The Difference of `field` over everything dated ≤ `ordinal` (`matrix --date ..end`).
  func cumulative(_ field: ReconciliationField, upTo ordinal: Int32) -> Int64 {
    prefix[count(upTo: ordinal) * DatedDifferences.fieldCount + field.rawValue]
  }

  /// The Difference of `field` over the dates of `range`.
  func difference(_ field: ReconciliationField, in range: DateRange) -> Int64 {
    let upper = count(upTo: range.upperOrdinal)
    let lower = range.start == nil ? 0 : count(upTo: range.lowerOrdinal - 1)
    return prefix[upper * DatedDifferences.fieldCount + field.rawValue]
      &- prefix[lower * DatedDifferences.fieldCount + field.rawValue]
  }

  /// The cumulative Difference of `field` after each date, in date order.
  func cumulativeByDate(_ field: ReconciliationField) -> [(ordinal: Int32, units: Int64)] {
    ordinals.indices.map { (ordinals[$0], prefix[($0 + 1) * DatedDifferences.fieldCount + field.rawValue]) }
  }
}
