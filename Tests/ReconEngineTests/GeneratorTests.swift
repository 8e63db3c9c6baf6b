import Testing

@testable import ReconEngine

@Suite("Synthetic company generator")
struct GeneratorTests {
  let ledger = smallCompany
  let ve = Columns.valueEntry

  @Test("the same seed gives the same file; another seed another")
  func deterministic() {
    let again = LedgerGenerator.generate(GeneratorOptions(valueEntries: 3_000, seed: 7))
    #expect(SnapshotStore.encode(again) == SnapshotStore.encode(ledger))
    let other = LedgerGenerator.generate(GeneratorOptions(valueEntries: 3_000, seed: 8))
    #expect(SnapshotStore.encode(other) != SnapshotStore.encode(ledger))
  }

  @Test("it makes about the asked number of value entries and a valid snapshot")
  func sizeAndValidity() throws {
    #expect((3_000...3_020).contains(ledger.valueEntries.count))
    _ = try SnapshotStore.decode(SnapshotStore.encode(ledger), name: "generated")
    let tiny = LedgerGenerator.generate(GeneratorOptions(valueEntries: 1, seed: 1))
    #expect(tiny.valueEntries.count >= 1)
  }

  @Test("every kind of value entry is there")
  func coverage() {
    var kinds = Set<String>()
    for row in ledger.valueEntries.indices {
      let ile = ledger.valueEntries[ve.itemLedgerEntryType, row]
      let type = ledger.valueEntries[ve.entryType, row]
      let variance = ledger.valueEntries[ve.varianceType, row]
      kinds.insert("\(ile.caption)/\(type.caption)/\(variance.caption)")
      if !ledger.valueEntries[ve.itemChargeNo, row].isBlank { kinds.insert("item charge") }
      if ledger.valueEntries[ve.expectedCost, row] { kinds.insert("\(ile.caption) expected") }
    }
    let wanted = [
      "Purchase/Direct Cost/", "Purchase expected", "Purchase/Indirect Cost/", "Purchase/Variance/Purchase",
      "Sale/Direct Cost/", "Sale expected", "Positive Adjmt./Direct Cost/", "Negative Adjmt./Direct Cost/",
      "Transfer/Direct Cost/", "item charge", "Purchase/Revaluation/", "Purchase/Rounding/",
      "Consumption/Direct Cost/", "/Direct Cost/", "/Indirect Cost/", "Output/Direct Cost/",
      "Output expected",
      "Output/Variance/Material", "Output/Variance/Capacity", "Output/Variance/Manufacturing Overhead",
      "Output/Variance/Capacity Overhead", "Output/Variance/Subcontracted",
    ]
    for kind in wanted { #expect(kinds.contains(kind), "missing \(kind)") }
  }

  @Test("expected cost is reversed when invoiced; quantities add up per item ledger entry")
  func itemLedgerConsistency() {
    let ile = Columns.itemLedgerEntry
    var expected: [Int64: ExactSum] = [:]
    var quantity: [Int64: ExactSum] = [:]
    for row in ledger.valueEntries.indices {
      let number = ledger.valueEntries[ve.itemLedgerEntryNo, row]
      guard number != 0 else { continue }
      expected[number, default: ExactSum()].add(ledger.valueEntries[ve.costAmountExpected, row])
      quantity[number, default: ExactSum()].add(ledger.valueEntries[ve.itemLedgerEntryQuantity, row])
    }
    for row in ledger.itemLedgerEntries.indices {
      let number = ledger.itemLedgerEntries[ile.entryNo, row]
      #expect((try? quantity[number]?.value()) == ledger.itemLedgerEntries[ile.quantity, row])
      // Invoiced entries carry no expected cost any more.
      if ledger.itemLedgerEntries[ile.invoicedQuantity, row] == ledger.itemLedgerEntries[ile.quantity, row] {
        #expect((try? expected[number]?.value()) ?? .zero == .zero)
      }
    }
  }

  @Test("posted entries are fully posted, the last days are not, registers balance")
  func posting() throws {
    let lastPostedDay = try #require(LedgerDate("2025-12-27"))
    var unposted = 0
    for row in ledger.valueEntries.indices {
      let actual = ledger.valueEntries[ve.costAmountActual, row]
      let posted = ledger.valueEntries[ve.costPostedToGL, row]
      if ledger.valueEntries[ve.postingDate, row] <= lastPostedDay {
        #expect(posted == actual)
        #expect(
          ledger.valueEntries[ve.expectedCostPostedToGL, row]
            == ledger.valueEntries[ve.costAmountExpected, row])
      } else if actual != .zero {
        #expect(posted == .zero)
        unposted += 1
      }
    }
    #expect(unposted > 0)
    let gl = Columns.glEntry, register = Columns.glRegister
    for row in ledger.glRegisters.indices {
      var sum = ExactSum()
      for entry in ledger.glRegisters[register.fromEntryNo, row]...ledger.glRegisters[register.toEntryNo, row]
      {
        let glRow = try #require(ledger.indexes.glEntryByNumber.row(of: entry))
        sum.add(ledger.glEntries[gl.amount, glRow])
      }
      #expect(try sum.value() == .zero)
    }
  }

  @Test("manual journal lines sit on an inventory account with no value entry behind them")
  func manualLines() {
    let gl = Columns.glEntry
    let manual = ledger.glEntries.indices.filter {
      ledger.string(ledger.glEntries[gl.sourceCode, $0]) == "GENJNL"
    }
    #expect(manual.count >= 4)
    #expect(manual.contains { ledger.string(ledger.glEntries[gl.glAccountNo, $0]) == "2110" })
    #expect(manual.allSatisfy { ledger.indexes.valueEntriesOfGLEntry.rows(of: $0).isEmpty })
  }

  @Test("posted cost in the G/L equals the posted cost of the value entries, per account type")
  func postedTotals() throws {
    // Every system-created G/L entry is explained by its relations: the sum of all of them is zero
    // and the inventory accounts hold exactly the posted inventory cost.
    let gl = Columns.glEntry
    var inventoryGL = ExactSum()
    for row in ledger.glEntries.indices where ledger.glEntries[gl.systemCreatedEntry, row] {
      let account = ledger.string(ledger.glEntries[gl.glAccountNo, row])
      if ["2110", "2120", "2130"].contains(account) { inventoryGL.add(ledger.glEntries[gl.amount, row]) }
    }
    var inventoryVE = ExactSum()
    for row in ledger.valueEntries.indices where ledger.valueEntries[ve.itemLedgerEntryType, row] != .blank {
      inventoryVE.add(ledger.valueEntries[ve.costPostedToGL, row])
    }
    #expect(try inventoryGL.value() == inventoryVE.value())
  }
}
