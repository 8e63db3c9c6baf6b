/// The checks that need the whole file read first: amount precision (setup may come after the
/// ledgers), unique entry numbers and keys, and references between tables.
extension Ledger {
  struct ValidationProblem {
    var path: String
    var message: String
  }

  func crossTableProblems(duplicates: DuplicateEntryRows, limit: Int) -> (
    problems: [ValidationProblem], total: Int
  ) {
    var problems: [ValidationProblem] = []
    var total = 0
    func report(_ path: String, _ message: String) {
      total += 1
      if problems.count < limit { problems.append(ValidationProblem(path: path, message: message)) }
    }

    let decimals = amountDecimals
    if !(0...ExactDecimal.scale).contains(decimals) {
      report("setup.amountDecimals", "\(decimals) is not between 0 and 5")
    }
    let allowed = min(max(decimals, 0), ExactDecimal.scale)
    for table in [company, setup] + Ledger.arrayTables.map({ self[keyPath: $0] }) {
      for field in table.schema.fields where field.kind == .amount {
        let units = table.numbers[field.slot]
        for row in units.indices where !ExactDecimal(units: units[row]).fits(decimals: allowed) {
          report(
            path(table, row, field.name),
            "\(ExactDecimal(units: units[row])) has more than \(allowed) decimals (setup.amountDecimals)")
        }
      }
    }

    let ile = Columns.itemLedgerEntry, ve = Columns.valueEntry, gl = Columns.glEntry
    for (table, rows, column) in [
      (itemLedgerEntries, duplicates.itemLedgerEntries, ile.entryNo),
      (valueEntries, duplicates.valueEntries, ve.entryNo), (glEntries, duplicates.glEntries, gl.entryNo),
    ] {
      for row in rows {
        report(path(table, row, "entryNo"), "entry number \(table[column, row]) is used more than once")
      }
    }
    reportDuplicateNumbers(itemApplicationEntries, Columns.itemApplicationEntry.entryNo, "entryNo", report)
    reportDuplicateNumbers(glRegisters, Columns.glRegister.no, "no", report)
    reportDuplicateKeys(glAccounts, [Columns.glAccount.no], report)
    reportDuplicateKeys(items, [Columns.item.no], report)
    reportDuplicateKeys(locations, [Columns.location.code], report)
    reportDuplicateKeys(productionOrders, [Columns.productionOrder.no], report)
    let ips = Columns.inventoryPostingSetup, gps = Columns.generalPostingSetup
    reportDuplicateKeys(inventoryPostingSetup, [ips.locationCode, ips.inventoryPostingGroup], report)
    reportDuplicateKeys(generalPostingSetup, [gps.genBusPostingGroup, gps.genProdPostingGroup], report)

    // References.
    let ileNumbers = valueEntries.values(ve.itemLedgerEntryNo)
    for row in ileNumbers.indices where ileNumbers[row] != 0 {
      if indexes.itemLedgerEntryByNumber.row(of: ileNumbers[row]) == nil {
        report(
          path(valueEntries, row, "itemLedgerEntryNo"), "item ledger entry \(ileNumbers[row]) does not exist")
      }
    }
    let rel = Columns.glItemLedgerRelation
    let relationGL = glItemLedgerRelations.values(rel.glEntryNo)
    let relationVE = glItemLedgerRelations.values(rel.valueEntryNo)
    for row in relationGL.indices {
      if indexes.glEntryByNumber.row(of: relationGL[row]) == nil {
        report(path(glItemLedgerRelations, row, "glEntryNo"), "G/L entry \(relationGL[row]) does not exist")
      }
      if indexes.valueEntryByNumber.row(of: relationVE[row]) == nil {
        report(
          path(glItemLedgerRelations, row, "valueEntryNo"), "value entry \(relationVE[row]) does not exist")
      }
    }
    let accountIDs = Set(glAccounts.ids(Columns.glAccount.no))
    for (table, columns) in [(inventoryPostingSetup, ips.accounts), (generalPostingSetup, gps.accounts)] {
      for column in columns {
        let ids = table.ids(column)
        let name =
          table.schema.fields.first { $0.kind.storage == .strings && $0.slot == column.slot }?.name ?? ""
        for row in ids.indices where ids[row] != 0 && !accountIDs.contains(ids[row]) {
          report(
            path(table, row, name),
            "G/L account \"\(string(StringID(raw: ids[row])))\" does not exist in glAccounts")
        }
      }
    }
    jobProblems(report)
    return (problems, total)
  }

  func path(_ table: LedgerTable, _ row: Int, _ field: String) -> String {
    switch table.schema.name {
    case "company", "setup": return "\(table.schema.name).\(field)"
    default: return "\(table.schema.name)[\(row)].\(field)"
    }
  }

  func reportDuplicateNumbers(
    _ table: LedgerTable, _ column: IntColumn, _ field: String, _ report: (String, String) -> Void
  ) {
    // The entry-number index finds duplicates in one pass over a flat array.
    var duplicates: [Int] = []
    let numbers = table.values(column)
    _ = EntryNumberIndex(numbers: numbers, duplicates: &duplicates)
    for row in duplicates { report(path(table, row, field), "number \(numbers[row]) is used more than once") }
  }

  func reportDuplicateKeys(
    _ table: LedgerTable, _ columns: [StringColumn], _ report: (String, String) -> Void
  ) {
    var seen = Set<[UInt32]>()
    var seenPairs = Set<UInt64>()
    let names = columns.map { column in
      table.schema.fields.first { $0.kind.storage == .strings && $0.slot == column.slot }?.name ?? ""
    }
    let ids = columns.map { table.ids($0) }
    for row in table.indices {
      // One or two codes (every key but the posting setups'): a 64-bit key, no array per row.
      let fresh: Bool
      if ids.count <= 2 {
        fresh =
          seenPairs.insert(UInt64(ids[0][row]) << 32 | UInt64(ids.count == 2 ? ids[1][row] : 0)).inserted
      } else {
        fresh = seen.insert(ids.map { $0[row] }).inserted
      }
      if !fresh {
        let key = columns.map { table[$0, row].raw }
        let shown = zip(names, key).map { "\($0)=\"\(string(StringID(raw: $1)))\"" }.joined(separator: ", ")
        report("\(table.schema.name)[\(row)]", "duplicate key (\(shown))")
      }
    }
  }
}
