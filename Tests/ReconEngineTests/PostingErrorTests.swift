import Foundation
import Testing

@testable import ReconEngine

/// Where BC's Post Inventory Cost to G/L stops with an error the whole run posts nothing; where
/// it leaves an account blank the entry is skipped and the rest posts (codeunit 5802
/// BufferInvtPosting, SetAccNo, CheckAccNo; Gen. Jnl.-Post Line / Check Line at posting).
@Suite("Posting errors stop the run, as in BC")
struct PostingErrorTests {
  static let runDate = LedgerDate("2024-03-01") ?? LedgerTable.noDate

  /// A good purchase first, then the entry under test.
  static func ledger(_ change: (inout HandLedger) -> Void) throws -> Ledger {
    var hand = HandLedger()
    var good = HandLedger.Entry()
    good.actual = "100.00"
    hand.entries = [good]
    change(&hand)
    return try hand.ledger()
  }

  static func entry(_ ile: ItemLedgerEntryType, _ type: ValueEntryType, variance: VarianceType = .blank)
    -> HandLedger.Entry
  {
    var entry = HandLedger.Entry()
    entry.date = "2024-01-11"
    entry.ile = ile
    entry.entryType = type
    entry.variance = variance
    entry.actual = ile.isOutbound ? "-40.00" : "40.00"
    return entry
  }

  static let cases: [(String, @Sendable (inout HandLedger) -> Void, InventoryCostPosting.StopReason)] = [
    (
      "invalid combination", { $0.entries.append(entry(.sale, .indirectCost)) },
      .combinationNotAllowed(.sale, .indirectCost, expectedCost: false)
    ),
    (
      "output variance of the purchase variance type",
      { $0.entries.append(entry(.output, .variance, variance: .purchase)) },
      .combinationNotAllowed(.output, .variance, expectedCost: false)
    ),
    (
      "purchase variance of another variance type",
      { $0.entries.append(entry(.purchase, .variance, variance: .material)) },
      .varianceTypeNotPurchase(.material)
    ),
    (
      "expected cost on an indirect cost entry",
      { hand in
        var bad = entry(.purchase, .indirectCost)
        bad.expectedFlag = true
        bad.expected = "5.00"
        hand.expectedCostPosting = true
        hand.entries.append(bad)
      }, .expectedCostNotAllowed(.indirectCost)
    ),
    (
      "blocked general posting setup",
      { hand in
        var other = entry(.sale, .directCost)
        other.business = "DOM"
        hand.generalSetupOverrides["blocked"] = "true"
        hand.entries[0].business = ""
        hand.entries.append(other)
      }, .blockedSetup("\"DOM\" / \"RETAIL\"")
    ),
    (
      "G/L account that is not a posting account",
      { hand in
        hand.extraAccounts = ["{\"no\":\"7200\",\"accountType\":\"Heading\"}"]
        hand.generalSetupOverrides["cogsAccount"] = "\"7200\""
        hand.entries[0].business = ""
        hand.entries.append(entry(.sale, .directCost))
      }, .notPostingAccount("7200")
    ),
    (
      "posting date outside the allowed posting dates",
      { hand in
        hand.allowPostingFrom = "2024-01-11"
        hand.entries[0].date = "2024-01-10"
      }, .dateNotAllowed(LedgerDate("2024-01-10") ?? LedgerTable.noDate)
    ),
  ]

  @Test("each error refuses the whole run and names the entry", arguments: 0..<cases.count)
  func refuses(index: Int) throws {
    let (name, change, reason) = Self.cases[index]
    for method in InventoryCostPosting.Method.allCases {
      var ledger = try Self.ledger(change)
      let before = SnapshotStore.encode(ledger)
      let options = InventoryCostPosting.Options(
        method: method, documentNo: method == .perPostingGroup ? "IPC-1" : nil, runDate: Self.runDate)
      let plan = try InventoryCostPosting.plan(ledger, options)
      #expect(plan.stopped.map(\.reason) == [reason], "\(name)")
      #expect(plan.stoppedTable(ledger).rows.count == 1)
      #expect(
        plan.glLinesTable(ledger).rows.contains { $0.last?.plain.hasPrefix("Error, stops the run") == true })
      #expect(throws: InventoryCostPosting.PostingError.self) {
        try InventoryCostPosting.post(&ledger, options)
      }
      do {
        try InventoryCostPosting.post(&ledger, options)
      } catch {
        guard case .refused(let entries) = error else {
          Issue.record("\(name): \(error)")
          continue
        }
        #expect(entries.count == 1)
        #expect(error.description.hasPrefix("value entry \(entries[0].entryNo): "))
        #expect(!error.description.contains("\n"))
      }
      // All or nothing: not one G/L entry, not one value entry marked.
      #expect(SnapshotStore.encode(ledger) == before, "\(name)")
    }
  }

  @Test("a G/L account that does not exist refuses the run (a ledger changed in memory: snapshots refuse it)")
  func missingAccount() throws {
    var ledger = try Self.ledger { hand in
      hand.entries[0].business = ""
      hand.entries.append(Self.entry(.sale, .directCost))
    }
    let gps = Columns.generalPostingSetup
    let row = try #require(
      ledger.generalPostingSetup.indices.first {
        ledger.generalPostingSetup[gps.genBusPostingGroup, $0] != .blank
      })
    ledger.generalPostingSetup[gps.cogsAccount, row] = ledger.strings.intern("9999")
    let before = SnapshotStore.encode(ledger)
    let options = InventoryCostPosting.Options(method: .perEntry, runDate: Self.runDate)
    #expect(try InventoryCostPosting.plan(ledger, options).stopped.map(\.reason) == [.missingAccount("9999")])
    #expect(
      throws: InventoryCostPosting.PostingError.refused([
        InventoryCostPosting.StoppedEntry(valueEntryRow: 1, entryNo: 2, reason: .missingAccount("9999"))
      ])
    ) { try InventoryCostPosting.post(&ledger, options) }
    #expect(SnapshotStore.encode(ledger) == before)
  }

  @Test("skips leave the account blank and post the rest: missing setup row, blank account, blocked account")
  func skips() throws {
    var ledger = try Self.ledger { hand in
      var missing = Self.entry(.purchase, .directCost)
      missing.group = "NOSUCH"
      hand.extraAccounts = ["{\"no\":\"7299\",\"blocked\":true}"]
      hand.generalSetupOverrides["overheadAppliedAccount"] = "\"7299\""
      hand.generalSetupOverrides["cogsAccount"] = "\"\""
      hand.entries += [missing, Self.entry(.sale, .directCost), Self.entry(.purchase, .indirectCost)]
    }
    let plan = try InventoryCostPosting.plan(ledger, .init(method: .perEntry, runDate: Self.runDate))
    #expect(plan.stopped.isEmpty)
    #expect(
      plan.skipped.map(\.reason) == [
        .missingSetup("location \"\", group \"NOSUCH\""), .blankAccount("COGS Account"),
        .blockedAccount("7299"),
      ])
    let summary = try InventoryCostPosting.post(&ledger, .init(method: .perEntry, runDate: Self.runDate))
    #expect(summary.valueEntriesPosted == 1)
    #expect(summary.skipped == 3)
  }

  @Test("an entry BC skips is not an error even if another of its lines would be one at posting")
  func skipBeforePostingChecks() throws {
    let ledger = try Self.ledger { hand in
      hand.allowPostingFrom = "2024-01-01"
      var missing = Self.entry(.purchase, .directCost)
      missing.group = "NOSUCH"
      missing.date = "2023-12-31"  // outside the window, but dropped before posting
      hand.entries.append(missing)
    }
    let plan = try InventoryCostPosting.plan(ledger, .init(method: .perEntry, runDate: Self.runDate))
    #expect(plan.stopped.isEmpty)
    #expect(plan.skipped.count == 1)
    #expect(plan.postedRows == [0])
  }

  @Test("per posting group, the WIP line of a consumption carries the produced item's posting group")
  func wipKeyedBySourceItem() throws {
    var hand = HandLedger()
    for (item, group) in [("COMP", "RAW"), ("INV", "RESALE")] {
      var consumption = HandLedger.Entry()
      consumption.item = item
      consumption.group = group
      consumption.ile = .consumption
      consumption.order = .production
      consumption.sourceType = "Item"
      consumption.sourceNo = "PROD"
      consumption.actual = "-10.00"
      hand.entries.append(consumption)
    }
    var ledger = try hand.ledger()
    try InventoryCostPosting.post(
      &ledger, .init(method: .perPostingGroup, documentNo: "IPC-1", runDate: Self.runDate))
    let gl = Columns.glEntry
    let wip = ledger.glEntries.indices.filter {
      ledger.string(ledger.glEntries[gl.glAccountNo, $0]) == "2140"
    }
    // Both components' WIP lines share one buffer key (group FINISHED): one G/L entry of 20.
    #expect(wip.count == 1)
    #expect(wip.map { ledger.glEntries[gl.amount, $0] } == [ExactDecimal(20)])
    #expect(
      wip.map { ledger.string(ledger.glEntries[gl.description, $0]) } == [
        "WIP Inventory - Inventory, ,FINISHED,DOM,RETAIL"
      ])
    // Their Inventory lines stay apart, one per component group.
    let inventory = ledger.glEntries.indices.filter {
      ledger.string(ledger.glEntries[gl.glAccountNo, $0]) == "2110"
    }
    #expect(inventory.count == 2)
  }
}
