/// The test report of Post Inventory Cost to G/L (§4.4, §4.5) as export tables.
extension InventoryCostPosting.Plan {
  /// Every would-be G/L line, one per account of each value entry, one line per skipped entry
  /// naming its problem, and one per entry on which BC's batch job would stop with an error.
  public func glLinesTable(_ ledger: Ledger) -> ExportTable {
    let decimals = ledger.amountDecimals
    func head(_ row: Int) -> [ExportTable.Cell] { Self.entryCells(row, ledger) }
    var rows: [[ExportTable.Cell]] = lines.map { line in
      head(line.valueEntryRow) + [
        .text(ledger.string(line.account)), .text(ledger.accountName(line.account)),
        .text(InventoryCostPosting.description(of: line, options.method, ledger)),
        .amount(line.amount, decimals: decimals), .empty,
      ]
    }
    for skip in skipped {
      rows.append(
        head(skip.valueEntryRow) + [
          .empty, .empty, .empty, .empty, .text("Skipped: " + skip.reason.description),
        ])
    }
    for stop in stopped {
      rows.append(
        head(stop.valueEntryRow) + [
          .empty, .empty, .empty, .empty, .text("Error, stops the run: " + stop.reason.description),
        ])
    }
    return ExportTable(
      title: "Post Inventory Cost to G/L - Test"
        + (options.method == .perEntry ? " (per entry)" : " (per posting group)"),
      header: [
        "Entry No.", "Item No.", "Item Ledger Entry Type", "Entry Type", "Posting Date", "Document No.",
        "G/L Account No.", "G/L Account Name", "Description", "Amount", "Problems",
      ],
      rows: rows)
  }

  /// The printout columns of §4.4: per value entry, the amounts grouped by kind of account, with
  /// a total line.
  public func printoutTable(_ ledger: Ledger) -> ExportTable {
    let groups: [(String, Set<InventoryAccountType>)] = [
      ("COGS", [.cogs, .cogsInterim]), ("Inventory Adjustment", [.inventoryAdjmt, .invtAccrualInterim]),
      ("Direct Cost Applied", [.directCostApplied]), ("Overhead Applied", [.overheadApplied]),
      ("Purchase Variance", [.purchaseVariance]),
      (
        "Mfg. Direct Cost Variance",
        [.materialVariance, .capacityVariance, .subcontractedVariance, .capOverheadVariance]
      ),
      ("Manufacturing Ovhd Variance", [.mfgOverheadVariance]), ("WIP Inventory", [.wipInventory]),
      ("Inventory", [.inventory, .inventoryInterim]),
    ]
    let ve = Columns.valueEntry
    let entries = ledger.valueEntries
    let decimals = ledger.amountDecimals
    var sums: [Int: [ExactSum]] = [:]
    var order: [Int] = []
    for line in lines {
      if sums[line.valueEntryRow] == nil {
        sums[line.valueEntryRow] = Array(repeating: ExactSum(), count: groups.count)
        order.append(line.valueEntryRow)
      }
      if let group = groups.firstIndex(where: { $0.1.contains(line.accountType) }) {
        sums[line.valueEntryRow]?[group].add(line.amount)
      }
    }
    var totals = Array(repeating: ExactSum(), count: groups.count)
    var rows: [[ExportTable.Cell]] = order.map { row in
      let amounts = sums[row] ?? []
      for (index, sum) in amounts.enumerated() { totals[index].add(ExactDecimal(units: sum.units)) }
      let item = entries[ve.itemNo, row]
      return [
        .text(ledger.string(item)), .text(ledger.itemDescription(item)),
        .text(entries[ve.postingDate, row].text),
        .text(ledger.string(entries[ve.inventoryPostingGroup, row])),
        .text(ledger.string(entries[ve.documentNo, row])),
        .text(entries[ve.itemLedgerEntryType, row].caption), .integer(entries[ve.entryNo, row]),
        .text(ledger.string(entries[ve.sourceNo, row])), .text(entries[ve.expectedCost, row] ? "Yes" : "No"),
      ] + amounts.map { .amount(ExactDecimal(units: $0.units), decimals: decimals) }
    }
    rows.append(
      [.text("Total"), .empty, .empty, .empty, .empty, .empty, .empty, .empty, .empty]
        + totals.map { .amount(ExactDecimal(units: $0.units), decimals: decimals) })
    return ExportTable(
      title: "Value entries to post",
      header: [
        "Item No.", "Description", "Posting Date", "Inventory Posting Group", "Document No.",
        "Item Ledger Entry Type",
        "Entry No.", "Source No.", "Expected Cost",
      ] + groups.map(\.0),
      rows: rows)
  }

  /// The G/L entries the run would create, after the buffer has combined equal keys.
  public func bufferTable(_ ledger: Ledger) throws(InventoryCostPosting.PostingError) -> ExportTable {
    var copy = ledger
    let lines = try InventoryCostPosting.glLines(self, &copy)
    return ExportTable(
      title: "G/L entries to create",
      header: ["Posting Date", "Account Type", "G/L Account No.", "Document No.", "Description", "Amount"],
      rows: lines.filter { !$0.amount.isZero }.map { line in
        [
          .text(line.date.text), .text(line.type.caption), .text(copy.string(line.account)),
          .text(copy.string(line.documentNo)), .text(line.description),
          .amount(line.amount, decimals: ledger.amountDecimals),
        ]
      })
  }

  /// The entries left in the queue, with the reason.
  public func skippedTable(_ ledger: Ledger) -> ExportTable {
    let ve = Columns.valueEntry
    let entries = ledger.valueEntries
    return ExportTable(
      title: "Skipped Entries",
      header: [
        "Item No.", "Entry No.", "Item Ledger Entry Type", "Entry Type", "Posting Date", "Document No.",
        "Source No.",
        "Location Code", "Inventory Posting Group", "Gen. Bus. Posting Group", "Gen. Prod. Posting Group",
        "Expected Cost", "Cost Amount", "Reason",
      ],
      rows: skipped.map { skip in
        let row = skip.valueEntryRow
        let expected = entries[ve.expectedCost, row]
        return [
          .text(ledger.string(entries[ve.itemNo, row])), .integer(entries[ve.entryNo, row]),
          .text(entries[ve.itemLedgerEntryType, row].caption), .text(entries[ve.entryType, row].caption),
          .text(entries[ve.postingDate, row].text), .text(ledger.string(entries[ve.documentNo, row])),
          .text(ledger.string(entries[ve.sourceNo, row])),
          .text(ledger.string(entries[ve.locationCode, row])),
          .text(ledger.string(entries[ve.inventoryPostingGroup, row])),
          .text(ledger.string(entries[ve.genBusPostingGroup, row])),
          .text(ledger.string(entries[ve.genProdPostingGroup, row])), .text(expected ? "Yes" : "No"),
          .amount(
            expected ? entries[ve.costAmountExpected, row] : entries[ve.costAmountActual, row],
            decimals: ledger.amountDecimals),
          .text(skip.reason.description),
        ]
      })
  }

  /// The entries on which BC's batch job stops with an error: while any is left, nothing posts.
  public func stoppedTable(_ ledger: Ledger) -> ExportTable {
    ExportTable(
      title: "Errors (the run stops, nothing is posted)",
      header: [
        "Entry No.", "Item No.", "Item Ledger Entry Type", "Entry Type", "Posting Date", "Document No.",
        "Error",
      ],
      rows: stopped.map { Self.entryCells($0.valueEntryRow, ledger) + [.text($0.reason.description)] })
  }

  /// Entry No., Item No., Item Ledger Entry Type, Entry Type, Posting Date, Document No.
  static func entryCells(_ row: Int, _ ledger: Ledger) -> [ExportTable.Cell] {
    let ve = Columns.valueEntry
    let entries = ledger.valueEntries
    return [
      .integer(entries[ve.entryNo, row]), .text(ledger.string(entries[ve.itemNo, row])),
      .text(entries[ve.itemLedgerEntryType, row].caption), .text(entries[ve.entryType, row].caption),
      .text(entries[ve.postingDate, row].text), .text(ledger.string(entries[ve.documentNo, row])),
    ]
  }
}
