/// A report line behind a cell, with what it contributes to the cell: the lines of a cell add up
/// to the cell's amount (item lines count negatively in a Difference cell, since Difference =
/// G/L − items).
public struct DrillLine: Sendable {
  public var line: ReportLine
  public var field: ReconciliationField
  public var amount: ExactDecimal
}

/// What opening a cell shows (reconciliation.md §3.5, first level).
public struct CellDrill: Sendable {
  public var row: MatrixRow
  public var column: MatrixColumn
  /// Nil for warning cells and cells the layout leaves empty.
  public var formula: CellFormula?
  /// For a warning cell: the warning it shows (its long text is the drill-down).
  public var warning: ReconciliationWarning?
  public var itemLines: [DrillLine]
  public var glLines: [DrillLine]

  public var isWarningCell: Bool { formula == nil && warningField != nil }
  var warningField: ReconciliationField?
}

extension Reconciliation {
  /// The report lines behind a cell: item lines for item cells, G/L lines for G/L Total cells,
  /// both for Difference cells; only lines whose field is non-zero.
  public func drill(_ row: MatrixRow, _ column: MatrixColumn) -> CellDrill {
    var drill = CellDrill(row: row, column: column, formula: nil, warning: nil, itemLines: [], glLines: [])
    guard let formula = CellFormula.formula(row, column) else {
      drill.warningField = warningField(row, column)
      if let field = drill.warningField {
        drill.warning = warnings?.warning(for: field, difference: difference[field])
      }
      return drill
    }
    drill.formula = formula
    let index = formula.field.rawValue
    if formula.side == .items || formula.side == .difference {
      let sign = formula.side == .difference ? -formula.sign : formula.sign
      drill.itemLines = itemLines.compactMap { line in
        let units = line.amounts.units[index]
        return units == 0
          ? nil : DrillLine(line: line, field: formula.field, amount: ExactDecimal(units: units * sign))
      }
    }
    if formula.side == .glLines || formula.side == .difference {
      drill.glLines = glLines.compactMap { line in
        let units = line.amounts.units[index]
        return units == 0
          ? nil
          : DrillLine(line: line, field: formula.field, amount: ExactDecimal(units: units * formula.sign))
      }
    }
    return drill
  }

  /// The value entries behind an item line's field (second level): the item's entries in the
  /// date and location filters that add to the field. Unlike BC's Invt. Accrual (Interim)
  /// drill-down, revaluation entries are listed too, so the entries always sum to the line.
  public func valueEntryRows(item: StringID, field: ReconciliationField, in ledger: Ledger) -> [Int] {
    valueEntryRows(items: [item], field: field, in: ledger)
  }

  /// The value entries behind all item lines of a drill, in entry order.
  public func valueEntryRows(for drill: CellDrill, in ledger: Ledger) -> [Int] {
    var items = Set<StringID>()
    for line in drill.itemLines {
      if case .item(let item) = line.line.kind { items.insert(item) }
    }
    guard let field = drill.itemLines.first?.field, !items.isEmpty else { return [] }
    return valueEntryRows(items: items, field: field, in: ledger)
  }

  /// One pass over the selected entries of `items` that add to `field`, in entry order.
  func valueEntryRows(items: Set<StringID>, field: ReconciliationField, in ledger: Ledger) -> [Int] {
    let keys = ProjectionKeys(ledger)
    let contributes = Projection.fieldMask(field)
    var rows: [Int] = []
    EntrySelection(ledger, filters, onlyItems: items).forEachRow { row, _ in
      if contributes[keys[row]] {
        rows.append(row)
      }
    }
    return rows
  }

  /// The G/L entries of an account in the date filter (second level of a G/L line).
  public func glEntryRows(account: StringID, in ledger: Ledger) -> [Int] {
    let gl = Columns.glEntry
    let accounts = ledger.glEntries.ids(gl.glAccountNo)
    let dates = ledger.glEntries.ordinals(gl.postingDate)
    let low = filters.dates.lowerOrdinal
    let high = filters.dates.upperOrdinal
    return accounts.indices.filter { accounts[$0] == account.raw && dates[$0] >= low && dates[$0] <= high }
  }

  /// The G/L entries behind all G/L lines of a drill, in entry order.
  public func glEntryRows(for drill: CellDrill, in ledger: Ledger) -> [Int] {
    var accounts = Set<UInt32>()
    for line in drill.glLines {
      if case .glAccount(let account, _) = line.line.kind { accounts.insert(account.raw) }
    }
    let gl = Columns.glEntry
    let ids = ledger.glEntries.ids(gl.glAccountNo)
    let dates = ledger.glEntries.ordinals(gl.postingDate)
    let low = filters.dates.lowerOrdinal
    let high = filters.dates.upperOrdinal
    return ids.indices.filter { accounts.contains(ids[$0]) && dates[$0] >= low && dates[$0] <= high }
  }
}

extension Ledger {
  /// Third level: the G/L entries a value entry was posted to (through the relations).
  public func glEntryRows(ofValueEntryRow row: Int) -> [Int] {
    indexes.glEntriesOfValueEntry.rows(of: row).compactMap { $0 >= 0 ? Int($0) : nil }
  }

  /// Third level: the value entries behind a G/L entry (through the relations).
  public func valueEntryRows(ofGLEntryRow row: Int) -> [Int] {
    indexes.valueEntriesOfGLEntry.rows(of: row).compactMap { $0 >= 0 ? Int($0) : nil }
  }
}

extension Projection {
  /// For each combination key, whether entries of that combination add to `field`.
  static func fieldMask(_ field: ReconciliationField) -> [Bool] {
    table.map { terms in terms.contains { $0.field == field } }
  }
}
