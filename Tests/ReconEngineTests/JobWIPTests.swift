import Foundation
import Testing

@testable import ReconEngine

/// The job WIP extension below the command line: the snapshot tables (round trip, synonyms,
/// the loader's checks of `jobs-wip.md` §2.10), the rounding points of §5.9, and properties of
/// posting (§7.6). The worked examples with every number are the CLI golden cases.
@Suite("Job WIP")
struct JobWIPTests {
  static let accounts = """
    "glAccounts":[
    {"no":"2231","name":"WIP Costs","accountType":"Posting"},{"no":"2232","name":"WIP Accrued Costs"},
    {"no":"2233","name":"WIP Accrued Sales"},{"no":"2234","name":"WIP Invoiced Sales"},
    {"no":"6620","name":"Job Sales Applied"},{"no":"6630","name":"Job Sales Adjustment"},
    {"no":"6910","name":"Recognized Sales"},{"no":"7180","name":"Recognized Costs"},
    {"no":"7620","name":"Job Costs Applied"},{"no":"7621","name":"Item Costs Applied"},
    {"no":"7622","name":"Resource Costs Applied"},{"no":"7623","name":"G/L Costs Applied"},
    {"no":"7630","name":"Job Costs Adjustment"}],
    "jobPostingGroups":[{"code":"SETTING UP","wipCostsAccount":"2231","wipAccruedCostsAccount":"2232",
    "wipAccruedSalesAccount":"2233","wipInvoicedSalesAccount":"2234","jobCostsAppliedAccount":"7620",
    "jobCostsAdjustmentAccount":"7630","jobSalesAppliedAccount":"6620","jobSalesAdjustmentAccount":"6630",
    "recognizedCostsAccount":"7180","recognizedSalesAccount":"6910","itemCostsAppliedAccount":"7621",
    "resourceCostsAppliedAccount":"7622","glCostsAppliedAccount":"7623"}]
    """

  /// One job, one posting task and its Total task, with the given plan and ledger.
  static func job(
    method: String = "COST VALUE", postingMethod: String = "Per Job", decimals: Int = 2, lines: String,
    entries: String, extra: String = ""
  ) -> String {
    snapshot(
      """
      "setup":{"amountDecimals":\(decimals)},
      \(accounts),
      "jobs":[{"no":"J1","wipMethod":"\(method)","wipPostingMethod":"\(postingMethod)","jobPostingGroup":"SETTING UP"}],
      "jobTasks":[{"jobNo":"J1","jobTaskNo":"1000"},{"jobNo":"J1","jobTaskNo":"1010"},
      {"jobNo":"J1","jobTaskNo":"1999","jobTaskType":"Total","wipTotal":"Total"}],
      "jobPlanningLines":[\(lines)],
      "jobLedgerEntries":[\(entries)]\(extra)
      """)
  }

  static let date = LedgerDate("2024-01-31") ?? LedgerTable.noDate

  func run(_ text: String) throws -> JobWIPRun {
    JobWIPRun(try decodeSnapshot(text), .init(postingDate: JobWIPTests.date))
  }

  func amounts(_ run: JobWIPRun, _ type: JobWIPEntryType) -> [String] {
    run.entries.filter { $0.type == type }.map { $0.amount.plain(decimals: 2) }
  }

  // MARK: Snapshot

  @Test("the extension round-trips byte for byte, synonyms kept as read, defaults left out")
  func roundTrip() throws {
    let text = JobWIPTests.job(
      postingMethod: "Per Project Ledger Entry",
      lines: """
        {"jobNo":"J1","jobTaskNo":"1000","lineNo":10000,"lineType":"Both Budget and Billable","planningDate":"2024-01-05","type":"Item","no":"1000","totalCostLCY":100,"lineAmountLCY":"110.50"}
        """,
      entries: """
        {"entryNo":1,"jobNo":"J1","jobTaskNo":"1000","postingDate":"2024-01-10","entryType":"Usage","type":"G/L Account","totalCostLCY":10,"lineAmountLCY":11,"amtPostedToGL":4},
        {"entryNo":2,"jobNo":"J1","jobTaskNo":"1000","postingDate":"C2024-01-31","entryType":"Sale","totalCostLCY":-8,"lineAmountLCY":-10}
        """,
      extra: """
        ,"jobWipMethods":[{"code":"MINE","recognizedCosts":"Usage (Total Cost)","recognizedSales":"Usage (Total Price)","wipSales":false,"valid":false}],
        "jobWipEntries":[{"entryNo":7,"jobNo":"J1","type":"Accrued Sales","reverse":false,"wipEntryAmount":-1.5,"wipPostingDate":"2024-01-31"}],
        "jobWipGLEntries":[{"entryNo":3,"jobNo":"J1","postingDate":"2024-01-31","type":"Recognized Costs","reverseDate":null,"wipTransactionNo":2,"x-note":"kept"}]
        """)
    let ledger = try decodeSnapshot(text)
    #expect(ledger.jobs[Columns.job.wipPostingMethod, 0] == .perProjectLedgerEntry)
    #expect(ledger.jobs[Columns.job.wipPostingMethod, 0].normalized == .perJobLedgerEntry)
    #expect(ledger.jobWIPMethods[Columns.jobWIPMethod.wipCost, 0])
    #expect(!ledger.jobWIPMethods[Columns.jobWIPMethod.wipSales, 0])
    #expect(ledger.jobWIPEntries[Columns.jobWIPEntry.reverse, 0] == false)
    #expect(ledger.jobWIPGLEntries[Columns.jobWIPGLEntry.reverse, 0])
    let first = SnapshotStore.encode(ledger)
    let encoded = String(decoding: first, as: UTF8.self)
    #expect(encoded.contains("\"wipPostingMethod\":\"Per Project Ledger Entry\""))
    #expect(encoded.contains("\"lineAmountLCY\":110.50"))
    #expect(encoded.contains("\"x-note\":\"kept\""))
    #expect(!encoded.contains("\"reverse\":true"))
    let again = SnapshotStore.encode(try decodeSnapshot(encoded))
    #expect(again == first)
  }

  @Test("a snapshot without jobs is written without the job tables")
  func noJobTables() throws {
    let ledger = try decodeSnapshot(snapshot("\"jobs\":[]"))
    let encoded = String(decoding: SnapshotStore.encode(ledger), as: UTF8.self)
    for name in ["jobs", "jobTasks", "jobPlanningLines", "jobLedgerEntries", "jobWipGLEntries"] {
      #expect(!encoded.contains("\"\(name)\""))
    }
    #expect(!ledger.tableCounts.contains { $0.name == "jobs" })
  }

  @Test(
    "the loader's checks name the path of every violation",
    arguments: [
      ("\"jobs\":[{\"no\":\"J1\"},{\"no\":\"J1\"}]", "jobs[1]", "duplicate key"),
      (
        "\"jobs\":[{\"no\":\"J1\",\"wipMethod\":\"NONE\"}]", "jobs[0].wipMethod",
        "WIP method \"NONE\" does not exist"
      ),
      ("\"jobs\":[{\"no\":\"J1\",\"jobPostingGroup\":\"X\"}]", "jobs[0].jobPostingGroup", "does not exist"),
      ("\"jobs\":[{\"no\":\"J1\",\"wipPostingMethod\":\"Per Task\"}]", "jobs[0].wipPostingMethod", "one of"),
      (
        "\"jobTasks\":[{\"jobNo\":\"J9\",\"jobTaskNo\":\"1\"}]", "jobTasks[0].jobNo",
        "job \"J9\" does not exist"
      ),
      (
        "\"jobs\":[{\"no\":\"J1\"}],\"jobTasks\":[{\"jobNo\":\"J1\",\"jobTaskNo\":\"1\",\"jobTaskType\":\"Heading\",\"wipTotal\":\"Excluded\"}]",
        "jobTasks[0].wipTotal", "only on a task of type \"Posting\""
      ),
      (
        "\"jobs\":[{\"no\":\"J1\"}],\"jobTasks\":[{\"jobNo\":\"J1\",\"jobTaskNo\":\"1\",\"jobTaskType\":\"Heading\"}],\"jobLedgerEntries\":[{\"entryNo\":1,\"jobNo\":\"J1\",\"jobTaskNo\":\"1\",\"postingDate\":\"2024-01-01\",\"entryType\":\"Usage\"}]",
        "jobLedgerEntries[0].jobTaskNo", "as a task of type \"Posting\""
      ),
      (
        "\"jobs\":[{\"no\":\"J1\"}],\"jobTasks\":[{\"jobNo\":\"J1\",\"jobTaskNo\":\"1\"}],\"jobPlanningLines\":[{\"jobNo\":\"J1\",\"jobTaskNo\":\"1\",\"lineNo\":1},{\"jobNo\":\"J1\",\"jobTaskNo\":\"1\",\"lineNo\":1}]",
        "jobPlanningLines[1].lineNo", "used more than once"
      ),
      (
        "\"jobPlanningLines\":[{\"jobNo\":\"J1\",\"jobTaskNo\":\"1\",\"lineNo\":0}]",
        "jobPlanningLines[0].lineNo", "entry number"
      ),
      (
        "\"jobPostingGroups\":[{\"code\":\"G\",\"wipCostsAccount\":\"9999\"}]",
        "jobPostingGroups[0].wipCostsAccount", "G/L account \"9999\" does not exist"
      ),
      (
        "\"jobs\":[{\"no\":\"J1\"}],\"jobWipGLEntries\":[{\"entryNo\":1,\"jobNo\":\"J1\",\"postingDate\":\"2024-01-31\",\"type\":\"Applied Costs\",\"glEntryNo\":5}]",
        "jobWipGLEntries[0].glEntryNo", "G/L entry 5 does not exist"
      ),
      (
        "\"jobWipEntries\":[{\"entryNo\":1,\"jobNo\":\"J2\",\"type\":\"Applied Costs\"}]",
        "jobWipEntries[0].jobNo", "job \"J2\""
      ),
      ("\"jobWipEntries\":[{\"entryNo\":1,\"jobNo\":\"J2\"}]", "jobWipEntries[0].type", "required"),
      (
        "\"jobWipMethods\":[{\"code\":\"M\",\"recognizedCosts\":\"Cost Value\",\"recognizedSales\":\"Sometimes\"}]",
        "jobWipMethods[0].recognizedSales", "one of"
      ),
    ])
  func validation(_ body: String, _ path: String, _ message: String) {
    let found = problems(snapshot(body))
    #expect(
      found.contains { $0.path.hasPrefix(path) && $0.message.contains(message) },
      "expected \(path): \(message) in \(found.map(\.description))")
  }

  // MARK: §5.9 rounding

  @Test("a task share is rounded half away from zero; the rows are rounded once")
  func shareRounding() throws {
    // Cost Value over two tasks: W = UTC·CTP/STP − STC·CIP/STP = 30·300/200 − 100·0/200 = 45;
    // pct = 45/30 = 1.5; task shares round(10.01 × 1.5) = round(15.015) = 15.02 (half away
    // from zero) and round(19.99 × 1.5) = round(29.985) = 29.99. R = UTC − share.
    let text = JobWIPTests.job(
      lines: """
        {"jobNo":"J1","jobTaskNo":"1000","lineNo":1,"lineType":"Budget","totalCostLCY":50,"lineAmountLCY":100},
        {"jobNo":"J1","jobTaskNo":"1010","lineNo":1,"lineType":"Budget","totalCostLCY":50,"lineAmountLCY":100},
        {"jobNo":"J1","jobTaskNo":"1000","lineNo":2,"lineType":"Billable","lineAmountLCY":300}
        """,
      entries: """
        {"entryNo":1,"jobNo":"J1","jobTaskNo":"1000","postingDate":"2024-01-10","entryType":"Usage","totalCostLCY":10.01},
        {"entryNo":2,"jobNo":"J1","jobTaskNo":"1010","postingDate":"2024-01-10","entryType":"Usage","totalCostLCY":19.99}
        """)
    let result = try run(text)
    #expect(result.problems.isEmpty)
    let tasks = result.jobs[0].tasks.filter(\.isPostingMember)
    #expect(tasks.map { $0.recognizedCosts.rounded(decimals: 2)?.plain(decimals: 2) } == ["-5.01", "-10.00"])
    // Negative R: Applied Costs = +max(|R|, |U|) (GetAppliedCostsAmount), Accrued Costs none (ΣR < ΣU).
    #expect(amounts(result, .recognizedCosts) == ["-15.01"])
    #expect(amounts(result, .appliedCosts) == ["30.00"])
    #expect(amounts(result, .accruedCosts).isEmpty)
    #expect(result.warnings.map(\.message).contains("Calc. Recog. Costs Amount is negative."))
  }

  @Test("an unrounded first-task amount is rounded once, in its row, and 0.004 gives a 0.00 entry")
  func rowRounding() throws {
    // Cost Value without usage: W = −STC·CIP/STP = −(1 × 1)/3; pct = 0, so the first task keeps
    // W unrounded: R = 1/3 = 0.3333…, Recognized Costs row round(0.333…) = 0.33.
    // amountDecimals 2: Accrued Costs = ΣR − ΣU = 1/3 → 0.33.
    let text = JobWIPTests.job(
      lines: """
        {"jobNo":"J1","jobTaskNo":"1000","lineNo":1,"lineType":"Budget","totalCostLCY":1,"lineAmountLCY":3},
        {"jobNo":"J1","jobTaskNo":"1000","lineNo":2,"lineType":"Billable","lineAmountLCY":5}
        """,
      entries: """
        {"entryNo":1,"jobNo":"J1","jobTaskNo":"1000","postingDate":"2024-01-10","entryType":"Sale","totalCostLCY":-0.8,"lineAmountLCY":-1}
        """)
    let result = try run(text)
    #expect(result.jobs[0].tasks[0].recognizedCosts == Fraction(1) / Fraction(3))
    #expect(amounts(result, .recognizedCosts) == ["0.33"])
    #expect(amounts(result, .accruedCosts) == ["0.33"])
    #expect(amounts(result, .appliedCosts) == ["-0.33"])

    // STC 0.01, STP 3, CIP 1: R = 0.01/3 = 0.00333…: the rows round to 0.00 but are not 0, so
    // they still give entries (BC quirk of CreateWIPEntries), printed as empty amounts.
    let tiny = text.replacingOccurrences(of: "\"totalCostLCY\":1,", with: "\"totalCostLCY\":0.01,")
    let small = try run(tiny)
    #expect(amounts(small, .recognizedCosts) == ["0.00"])
    let csv = small.entriesTable(decimals: 2).csv
    #expect(
      csv.contains("J1,1999,2024-01-31,,Recognized Costs,7180,2231,,SETTING UP,COST VALUE,Per Job,No,Yes,"))
  }

  @Test("amount precision 0: shares and rows round to whole units")
  func wholeUnits() throws {
    // POC: W = UTC/STC × CTP = 1/3 × 10 = 3.33…; pct = 1/3; share round(10 × 1/3) = 3.
    let text = JobWIPTests.job(
      method: "POC", decimals: 0,
      lines: """
        {"jobNo":"J1","jobTaskNo":"1000","lineNo":1,"lineType":"Both Budget and Billable","totalCostLCY":3,"lineAmountLCY":10}
        """,
      entries: """
        {"entryNo":1,"jobNo":"J1","jobTaskNo":"1000","postingDate":"2024-01-10","entryType":"Usage","totalCostLCY":1}
        """)
    let result = try run(text)
    #expect(result.entries.filter { $0.type == .recognizedSales }.map(\.amount) == [ExactDecimal(-3)])
  }

  @Test("amounts too large to calculate exactly refuse the job instead of trapping")
  func overflow() throws {
    let big = "9999999999999.99"
    let text = JobWIPTests.job(
      lines: """
        {"jobNo":"J1","jobTaskNo":"1000","lineNo":1,"lineType":"Budget","totalCostLCY":\(big),"lineAmountLCY":0.03},
        {"jobNo":"J1","jobTaskNo":"1000","lineNo":2,"lineType":"Billable","lineAmountLCY":\(big)}
        """,
      entries: """
        {"entryNo":1,"jobNo":"J1","jobTaskNo":"1000","postingDate":"2024-01-10","entryType":"Usage","totalCostLCY":\(big)},
        {"entryNo":2,"jobNo":"J1","jobTaskNo":"1000","postingDate":"2024-01-10","entryType":"Sale","lineAmountLCY":-1}
        """)
    let result = try run(text)
    #expect(result.problems.contains { $0.contains("too large") })
  }

  @Test("Fraction rounds half away from zero on both sides")
  func fractionRounding() {
    let half = Fraction(1) / Fraction(200)  // 0.005
    #expect(half.rounded(decimals: 2) == ExactDecimal(units: 1_000))
    #expect((-half).rounded(decimals: 2) == ExactDecimal(units: -1_000))
    #expect((Fraction(1) / Fraction(3)).rounded(decimals: 2) == ExactDecimal(units: 33_000))
    #expect((Fraction(2) / Fraction(3)).rounded(decimals: 0) == ExactDecimal(1))
    #expect((Fraction(1) / Fraction(0)).isOverflow)
  }

  // MARK: §7 posting properties

  @Test(
    "a posting run's G/L entries balance, form one transaction and one register; a second run reverses the first"
  )
  func postingBalances() throws {
    var ledger = SampleCompany.load()
    let before = ledger.glEntries.count
    let date = try #require(LedgerDate("2025-12-31"))
    let summary = try JobWIPPosting.post(
      &ledger, .init(postingDate: date, documentNo: "WIP-TEST", runDate: date))
    let gl = Columns.glEntry
    let new = before..<ledger.glEntries.count
    #expect(summary.glEntries == new.count)
    #expect(summary.glEntries == 2 * (summary.wipGLEntriesPosted + summary.reversed))
    #expect(new.reduce(Int64(0)) { $0 + ledger.glEntries[gl.amount, $1].units } == 0)
    #expect(Set(new.map { ledger.glEntries[gl.transactionNo, $0] }).count == 1)
    #expect(new.allSatisfy { ledger.string(ledger.glEntries[gl.sourceCode, $0]) == "JOBGLWIP" })
    // Posting the same date again: everything just posted is reversed, the same amounts posted anew.
    let posted = summary.wipGLEntriesPosted
    let again = try JobWIPPosting.post(
      &ledger, .init(postingDate: date, documentNo: "WIP-TEST2", runDate: date))
    #expect(again.reversed == posted)
    #expect(again.wipGLEntriesPosted == posted)
    // Job WIP To G/L: the posted WIP equals the G/L except the journal line made by hand (120.00).
    let report = JobWIPToGL(ledger, .init(postingDate: date))
    #expect(report.totalDifference == ExactDecimal(units: -12_000_000))
  }
}
