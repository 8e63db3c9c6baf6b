/// The matrix and the drill-down lists as export tables (cli.md "Output formats").
extension Reconciliation {
  /// The visible grid: `Row` and the visible column captions, one line per visible row.
  public func matrixTable(decimals: Int) -> ExportTable {
    let layout = self.layout
    var rows: [[ExportTable.Cell]] = []
    for row in layout.rows {
      var cells: [ExportTable.Cell] = [.text(row.caption)]
      for column in layout.columns {
        switch cell(row, column) {
        case .empty: cells.append(.empty)
        case .amount(let value, _): cells.append(.amount(value, decimals: decimals))
        case .warning(let warning, _): cells.append(warning.map { .text($0.text) } ?? .empty)
        }
      }
      rows.append(cells)
    }
    return ExportTable(
      title: "Inventory - G/L Reconciliation" + filterCaption,
      header: ["Row"] + layout.columns.map(\.caption),
      rows: rows)
  }

  /// The filters as the window caption shows them.
  public var filterCaption: String {
    var parts: [String] = []
    if !filters.dates.isAll { parts.append("Posting Date: \(filters.dates)") }
    if let items = filters.items { parts.append("Item: \(items)") }
    if let locations = filters.locations { parts.append("Location: \(locations)") }
    return parts.isEmpty ? "" : " (" + parts.joined(separator: ", ") + ")"
  }

  /// The report lines behind a cell: `Type,No.,Description,Amount`.
  public func reportLinesTable(_ drill: CellDrill, ledger: Ledger) -> ExportTable {
    let decimals = ledger.amountDecimals
    let lines = drill.glLines + drill.itemLines
    return ExportTable(
      title: "\(drill.row.caption) × \(drill.column.caption)" + filterCaption,
      header: ["Type", "No.", "Description", "Amount"],
      rows: lines.map { line in
        switch line.line.kind {
        case .item(let item):
          return [
            .text("Item"), .text(ledger.string(item)), .text(ledger.itemDescription(item)),
            .amount(line.amount, decimals: decimals),
          ]
        case .glAccount(let account, _):
          return [
            .text("G/L Account"), .text(ledger.string(account)), .text(ledger.accountName(account)),
            .amount(line.amount, decimals: decimals),
          ]
        }
      })
  }

  public static let valueEntryHeader = [
    "Entry No.", "Posting Date", "Item No.", "Item Ledger Entry Type", "Entry Type", "Document No.",
    "Location Code", "Valued Quantity", "Cost Amount (Actual)", "Cost Amount (Expected)",
    "Cost Posted to G/L",
    "Expected Cost Posted to G/L",
  ]

  public static let glEntryHeader = [
    "Entry No.", "Posting Date", "G/L Account No.", "Document No.", "Description", "Amount",
  ]

  /// One value entry's cells under `valueEntryHeader` (shared by the export and the workbench).
  public static func valueEntryCells(_ row: Int, ledger: Ledger) -> [ExportTable.Cell] {
    let ve = Columns.valueEntry
    let table = ledger.valueEntries
    let decimals = ledger.amountDecimals
    return [
      .integer(table[ve.entryNo, row]), .text(table[ve.postingDate, row].text),
      .text(ledger.string(table[ve.itemNo, row])), .text(table[ve.itemLedgerEntryType, row].caption),
      .text(table[ve.entryType, row].caption), .text(ledger.string(table[ve.documentNo, row])),
      .text(ledger.string(table[ve.locationCode, row])), .quantity(table[ve.valuedQuantity, row]),
      .amount(table[ve.costAmountActual, row], decimals: decimals),
      .amount(table[ve.costAmountExpected, row], decimals: decimals),
      .amount(table[ve.costPostedToGL, row], decimals: decimals),
      .amount(table[ve.expectedCostPostedToGL, row], decimals: decimals),
    ]
  }

  /// One G/L entry's cells under `glEntryHeader`.
  public static func glEntryCells(_ row: Int, ledger: Ledger) -> [ExportTable.Cell] {
    let gl = Columns.glEntry
    let table = ledger.glEntries
    return [
      .integer(table[gl.entryNo, row]), .text(table[gl.postingDate, row].text),
      .text(ledger.string(table[gl.glAccountNo, row])), .text(ledger.string(table[gl.documentNo, row])),
      .text(ledger.string(table[gl.description, row])),
      .amount(table[gl.amount, row], decimals: ledger.amountDecimals),
    ]
  }

  /// Value entries with BC's column captions.
  public static func valueEntriesTable(_ rows: [Int], ledger: Ledger, title: String = "Value Entries")
    -> ExportTable
  {
    ExportTable(
      title: title, header: valueEntryHeader, rows: rows.map { valueEntryCells($0, ledger: ledger) })
  }

  /// G/L entries with BC's column captions.
  public static func glEntriesTable(_ rows: [Int], ledger: Ledger, title: String = "G/L Entries")
    -> ExportTable
  {
    ExportTable(title: title, header: glEntryHeader, rows: rows.map { glEntryCells($0, ledger: ledger) })
  }
}

extension Ledger {
  /// An item's description, or "" when the item has no record (capacity entries).
  public func itemDescription(_ item: StringID) -> String {
    let c = Columns.item
    guard let row = items.ids(c.no).firstIndex(of: item.raw) else { return "" }
    return string(items[c.description, row])
  }

  public func accountName(_ account: StringID) -> String {
    let c = Columns.glAccount
    guard let row = glAccounts.ids(c.no).firstIndex(of: account.raw) else { return "" }
    return string(glAccounts[c.name, row])
  }
}
