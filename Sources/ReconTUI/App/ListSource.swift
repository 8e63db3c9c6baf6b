import ReconEngine

/// What a row of a list leads to when opened.
public enum RowRef: Equatable, Sendable {
  case item(StringID, ReconciliationField)
  case glAccount(StringID)
  case valueEntry(Int)
  case glEntry(Int)
  /// The entries behind a reconciling item: value entries if any, else G/L entries.
  case entries(valueRows: [Int], glRows: [Int])
  /// A period of a timeline: Enter opens the matrix filtered to it.
  case period(DateRange)
  /// A job of the Jobs screen's run, and a task of it (indices into `AppState.jobRun`).
  case job(Int)
  case jobTask(job: Int, task: Int)
  /// A text to read whole (an import warning wider than its column).
  case text(title: String, body: String)
  case none
}

/// The rows of a list screen. Entry lists are kept as row numbers and formatted only when a row
/// is drawn, so a list of a million entries opens at once.
public enum ListSource: Sendable {
  case reportLines([DrillLine])
  case valueEntries([Int])
  case glEntries([Int])
  case table(ExportTable, refs: [RowRef])

  public func header(_ ledger: Ledger) -> [String] {
    switch self {
    case .reportLines: return ["Type", "No.", "Description", "Amount"]
    case .valueEntries: return Reconciliation.valueEntryHeader
    case .glEntries: return Reconciliation.glEntryHeader
    case .table(let table, _): return table.header
    }
  }

  public var count: Int {
    switch self {
    case .reportLines(let lines): return lines.count
    case .valueEntries(let rows), .glEntries(let rows): return rows.count
    case .table(let table, _): return table.rows.count
    }
  }

  public func cells(_ index: Int, _ ledger: Ledger) -> [ExportTable.Cell] {
    switch self {
    case .reportLines(let lines):
      let line = lines[index]
      switch line.line.kind {
      case .item(let item):
        return [
          .text("Item"), .text(ledger.string(item)), .text(ledger.itemDescription(item)),
          .amount(line.amount, decimals: ledger.amountDecimals),
        ]
      case .glAccount(let account, _):
        return [
          .text("G/L Account"), .text(ledger.string(account)), .text(ledger.accountName(account)),
          .amount(line.amount, decimals: ledger.amountDecimals),
        ]
      }
    case .valueEntries(let rows): return Reconciliation.valueEntryCells(rows[index], ledger: ledger)
    case .glEntries(let rows): return Reconciliation.glEntryCells(rows[index], ledger: ledger)
    case .table(let table, _): return table.rows[index]
    }
  }

  public func ref(_ index: Int) -> RowRef {
    switch self {
    case .reportLines(let lines):
      switch lines[index].line.kind {
      case .item(let item): return .item(item, lines[index].field)
      case .glAccount(let account, _): return .glAccount(account)
      }
    case .valueEntries(let rows): return .valueEntry(rows[index])
    case .glEntries(let rows): return .glEntry(rows[index])
    case .table(_, let refs): return index < refs.count ? refs[index] : .none
    }
  }

  /// The whole list in `order`, as the CSV export and the headless commands write it.
  public func exportTable(_ ledger: Ledger, order: [Int], title: String) -> ExportTable {
    ExportTable(title: title, header: header(ledger), rows: order.map { cells($0, ledger) })
  }
}
