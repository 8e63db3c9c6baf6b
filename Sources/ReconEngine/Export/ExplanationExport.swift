/// The reconciling items as an export table (cli.md "explain").
extension Explanation {
  public func table(_ ledger: Ledger) -> ExportTable {
    ExportTable(
      title: "Reconciling items" + reconciliation.filterCaption,
      header: [
        "Account Type", "G/L Account No.", "Cause", "Amount", "Value Entry Nos.", "G/L Entry Nos.",
        "Description",
      ],
      rows: items.map { item in
        [
          .text(item.field.caption), .text(ledger.string(item.account)), .text(item.cause.rawValue),
          .amount(item.amount, decimals: ledger.amountDecimals),
          .text(Explanation.ranges(item.valueEntryNos)),
          .text(Explanation.ranges(item.glEntryNos)), .text(item.description),
        ]
      })
  }

  /// Entry numbers separated by spaces, runs of consecutive numbers as `a-b`.
  public static func ranges(_ numbers: [Int64]) -> String {
    let sorted = Array(Set(numbers)).sorted()
    var parts: [String] = []
    var index = 0
    while index < sorted.count {
      var end = index
      while end + 1 < sorted.count && sorted[end + 1] == sorted[end] + 1 { end += 1 }
      parts.append(end == index ? String(sorted[index]) : "\(sorted[index])-\(sorted[end])")
      index = end + 1
    }
    return parts.joined(separator: " ")
  }
}
