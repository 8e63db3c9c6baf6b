import Testing

@testable import ReconEngine

/// Properties over generated ledgers.
@Suite("Reconciliation properties")
struct ReconciliationPropertyTests {
  @Test(
    "item side: each balance-sheet column equals minus its P&L cells", arguments: [1, 2, 3, 4] as [UInt64])
  func columnIdentity(seed: UInt64) throws {
    let ledger = LedgerGenerator.generate(GeneratorOptions(valueEntries: 2_000, seed: seed))
    for date in [nil, "2025-03-01..2025-03-31", "..2025-06-30"] as [String?] {
      let result = try reconcile(ledger, date: date)
      for column in [MatrixColumn.inventory, .inventoryInterim, .wipInventory] {
        var sum = ExactSum()
        for row in MatrixRow.allCases.prefix(14) {
          if case .amount(let value, _) = result.cell(row, column) { sum.add(value) }
        }
        guard case .amount(let total, _) = result.cell(.total, column) else {
          Issue.record("no total")
          continue
        }
        #expect(try sum.value().negated == total, "column \(column.caption), dates \(date ?? "all")")
      }
    }
  }

  @Test("a fully posted ledger without manual postings has no Difference", arguments: [5, 6, 7] as [UInt64])
  func fullyPosted(seed: UInt64) throws {
    var options = GeneratorOptions(valueEntries: 3_000, seed: seed)
    options.unpostedDays = -1
    options.manualJournalLines = 0
    let ledger = LedgerGenerator.generate(options)
    for date in [nil, "2025-01-01..2025-06-30", "2025-07-01.."] as [String?] {
      let result = try reconcile(ledger, date: date)
      for row in [MatrixRow.difference] {
        for column in MatrixColumn.allCases {
          if case .amount(let value, _) = result.cell(row, column) { #expect(value.isZero) }
        }
      }
      for row in MatrixRow.allCases.prefix(14) {
        if case .amount(let value, _) = result.cell(row, .difference) {
          #expect(value.isZero, "\(row.caption)")
        }
      }
    }
  }

  @Test("drilled lines and entries add up to the cell")
  func drillSums() throws {
    let ledger = LedgerGenerator.generate(GeneratorOptions(valueEntries: 2_000, seed: 9))
    let result = try reconcile(ledger, date: "2025-02-01..2025-05-31")
    let ve = Columns.valueEntry
    for row in MatrixRow.allCases {
      for column in MatrixColumn.allCases {
        guard case .amount(let value, let formula) = result.cell(row, column) else { continue }
        let drill = result.drill(row, column)
        var lines = ExactSum()
        for line in drill.itemLines + drill.glLines { lines.add(line.amount) }
        #expect(try lines.value() == value, "\(row.caption) × \(column.caption)")
        guard formula.side == .items else { continue }
        // The entries behind each item line sum to the line, under the line's own field.
        for line in drill.itemLines {
          guard case .item(let item) = line.line.kind else { continue }
          var entries = ExactSum()
          for entry in result.valueEntryRows(item: item, field: line.field, in: ledger) {
            let terms = Projection.terms(
              itemLedgerEntryType: ledger.valueEntries[ve.itemLedgerEntryType, entry],
              entryType: ledger.valueEntries[ve.entryType, entry],
              varianceType: ledger.valueEntries[ve.varianceType, entry],
              orderType: ledger.valueEntries[ve.orderType, entry])
            for term in terms where term.field == line.field {
              let a = ledger.valueEntries[ve.costAmountActual, entry].units
              let e = ledger.valueEntries[ve.costAmountExpected, entry].units
              let amount = term.source == .actual ? a : term.source == .expected ? e : a + e
              entries.add(ExactDecimal(units: amount * term.sign * formula.sign))
            }
          }
          #expect(try entries.value() == line.amount)
        }
      }
    }
  }
}
