/// BC's field captions for snapshot fields (`costAmountActual` → `Cost Amount (Actual)`), from
/// the same table of BC fields the import reads (bc-import.md §3), so entry cards read as BC's
/// pages do.
public enum FieldCaptions {
  private static let byTable: [String: [String: String]] = {
    var result: [String: [String: String]] = [:]
    for table in BCTable.all {
      guard let array = table.array else { continue }
      var fields: [String: String] = [:]
      for field in table.fields {
        if case .field(let name) = field.target, fields[name] == nil {
          fields[name] = field.caption ?? field.name
        }
      }
      result[array] = fields
    }
    return result
  }()

  /// The caption of a field of a snapshot table; the field's own name when BC has none for it.
  public static func caption(table: String, field: String) -> String {
    byTable[table]?[field] ?? field
  }
}

extension LedgerTable {
  /// Every field of a row under BC's captions, formatted as the workbench shows it.
  public func captionedFieldTexts(row: Int, ledger: Ledger) -> [(name: String, value: String)] {
    fieldTexts(row: row, ledger: ledger).map {
      (FieldCaptions.caption(table: schema.name, field: $0.name), $0.value)
    }
  }
}
