/// Every field of one row as text for people, named as the snapshot names it: the workbench's
/// entry card.
extension LedgerTable {
  public func fieldTexts(row: Int, ledger: Ledger) -> [(name: String, value: String)] {
    schema.fields.map { field in
      let value: String
      switch field.kind {
      case .entryNumber, .integer: value = String(numbers[field.slot][row])
      case .amount:
        value = ExactDecimal(units: numbers[field.slot][row]).grouped(decimals: ledger.amountDecimals)
      case .quantity: value = ExactDecimal(units: numbers[field.slot][row]).trimmed()
      case .date, .nullableDate:
        let date = LedgerDate(ordinal: dates[field.slot][row])
        value = date == LedgerTable.noDate ? "" : date.text
      case .code, .text: value = ledger.string(StringID(raw: strings[field.slot][row]))
      case .boolean: value = bytes[field.slot][row] != 0 ? "Yes" : "No"
      case .enumeration(let captions, _): value = captions[Int(bytes[field.slot][row])]
      }
      return (field.name, value)
    }
  }
}
