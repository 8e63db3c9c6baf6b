/// The reconciling items as an export table (cli.md "explain").
extension Explanation {
  /// The items as a table. `abbreviatingEntryLists` (for the aligned text a person reads) shows
  /// the first runs of each entry list and the count; CSV and JSON keep every number.
  public func table(_ ledger: Ledger, abbreviatingEntryLists: Bool = false) -> ExportTable {
    let list: ([Int64]) -> String =
      abbreviatingEntryLists ? { Explanation.abbreviatedRanges($0) } : { Explanation.ranges($0) }
    return ExportTable(
      title: "Reconciling items" + reconciliation.filterCaption,
      header: [
        "Account Type", "G/L Account No.", "Cause", "Amount", "Value Entry Nos.", "G/L Entry Nos.",
        "Description",
      ],
      rows: items.map { item in
        [
          .text(item.field.caption), .text(ledger.string(item.account)), .text(item.cause.rawValue),
          .amount(item.amount, decimals: ledger.amountDecimals),
          .text(list(item.valueEntryNos)), .text(list(item.glEntryNos)), .text(item.description),
        ]
      })
  }

  /// The first `limit` runs of `ranges`, then `… (n entries)` when there are more.
  public static func abbreviatedRanges(_ numbers: [Int64], limit: Int = 6) -> String {
    let parts = runs(numbers)
    guard parts.count > limit else { return parts.joined(separator: " ") }
    return parts.prefix(limit).joined(separator: " ") + " … (\(Set(numbers).count) entries)"
  }

  /// Entry numbers separated by spaces, runs of consecutive numbers as `a-b`.
  public static func ranges(_ numbers: [Int64]) -> String { runs(numbers).joined(separator: " ") }

  static func runs(_ numbers: [Int64]) -> [String] {
    let sorted = Array(Set(numbers)).sorted()
    var parts: [String] = []
    var index = 0
    while index < sorted.count {
      var end = index
      while end + 1 < sorted.count && sorted[end + 1] == sorted[end] + 1 { end += 1 }
      parts.append(end == index ? String(sorted[index]) : "\(sorted[index])-\(sorted[end])")
      index = end + 1
    }
    return parts
  }
}
