/// Job Post WIP to G/L (report 1085 over codeunit 1000's `CalcGLWIP`, `PostWIPGL`, `InsertWIPGL`,
/// `CheckJobGLAcc`; `jobs-wip.md` §7): calculate as `JobWIPRun` does, then per job reverse the
/// earlier unreversed WIP G/L entries and post the new Job WIP Entries, all or nothing.
public enum JobWIPPosting {
  public struct Options: Sendable {
    public var postingDate: LedgerDate
    public var jobs: CodeFilter?
    public var documentNo: String
    /// The G/L register's creation date (BC: today).
    public var runDate: LedgerDate
    public init(postingDate: LedgerDate, jobs: CodeFilter? = nil, documentNo: String, runDate: LedgerDate) {
      self.postingDate = postingDate
      self.jobs = jobs
      self.documentNo = documentNo
      self.runDate = runDate
    }
  }

  public struct Summary: Equatable, Sendable, CustomStringConvertible {
    public var wipGLEntriesPosted: Int
    public var reversed: Int
    public var glEntries: Int
    public var registerNo: Int64
    public var description: String {
      "WIP was successfully posted to G/L: \(wipGLEntriesPosted) Job WIP G/L entries posted, \(reversed) reversed, \(glEntries) G/L entries."
    }
  }

  /// A refused run: every problem, one per line; nothing was changed.
  public struct Refusal: Error, Sendable, CustomStringConvertible {
    public var problems: [String]
    public var description: String { problems.joined(separator: "\n") }
  }

  /// The rows of the Job WIP G/L entries a run reverses for a job (§7.2 order: type, entry no.).
  static func entriesToReverse(_ ledger: Ledger, _ index: JobIndex, jobRow: Int) -> [Int] {
    let g = Columns.jobWIPGLEntry
    let table = ledger.jobWIPGLEntries
    return index.wipGLEntriesByJob[jobRow].filter { table[g.reverse, $0] && !table[g.reversed, $0] }.sorted {
      a, b in
      let (ta, tb) = (table[g.type, a], table[g.type, b])
      return ta != tb ? ta < tb : table[g.entryNo, a] < table[g.entryNo, b]
    }
  }

  public static func post(_ ledger: inout Ledger, _ options: Options) throws(Refusal) -> Summary {
    let date = options.postingDate
    let index = JobIndex(ledger)
    let run = JobWIPRun(
      ledger, JobWIPRun.Options(postingDate: date, jobs: options.jobs, documentNo: options.documentNo),
      index: index)
    let g = Columns.jobWIPGLEntry
    var problems = run.problems
    if let from = ledger.allowPostingFrom, date.normalDate < from.normalDate {
      problems.append(
        "posting date \(date.text) is not within your range of allowed posting dates (from \(from.text))")
    }
    if let to = ledger.allowPostingTo, date.normalDate > to.normalDate {
      problems.append(
        "posting date \(date.text) is not within your range of allowed posting dates (to \(to.text))")
    }
    var reversals: [[Int]] = []
    var accountsUsed: [String] = []
    var anything = false
    for job in run.jobs {
      let rows = job.skipped ? [] : entriesToReverse(ledger, index, jobRow: job.row)
      reversals.append(rows)
      if let late = rows.first(where: { ledger.jobWIPGLEntries[g.postingDate, $0] > date }) {
        problems.append(
          "WIP G/L entries posted for Job \(job.jobNo) cannot be reversed at an earlier date than \(ledger.jobWIPGLEntries[g.postingDate, late].text)."
        )
      }
      for row in rows {
        accountsUsed.append(ledger.string(ledger.jobWIPGLEntries[g.glAccountNo, row]))
        accountsUsed.append(ledger.string(ledger.jobWIPGLEntries[g.glBalAccountNo, row]))
      }
      for entry in job.entries { accountsUsed += [entry.glAccountNo, entry.glBalAccountNo] }
      if !rows.isEmpty || !job.entries.isEmpty { anything = true }
    }
    problems += accountProblems(ledger, accountsUsed)
    if problems.isEmpty && !anything { problems.append("There is nothing to post.") }
    if !problems.isEmpty { throw Refusal(problems: problems) }

    var writer = JobWIPWriter(ledger: ledger, options: options, index: index)
    let newWIP = run.jobs.reduce(0) { $0 + $1.entries.count },
      reversing = reversals.reduce(0) { $0 + $1.count }
    writer.reserve(wipGLEntries: newWIP, glEntries: 2 * (newWIP + reversing))
    for (job, rows) in zip(run.jobs, reversals) { writer.post(job, reversing: rows) }
    writer.finish()
    ledger = writer.ledger
    ledger.rebuildIndexes()
    return writer.summary
  }

  /// `CheckJobGLAcc` and Gen. Jnl.-Post Line: every account exists, is a posting account and is
  /// not blocked; each account named once.
  static func accountProblems(_ ledger: Ledger, _ accounts: [String]) -> [String] {
    let a = Columns.glAccount
    var rowByNo: [String: Int] = [:]
    for row in ledger.glAccounts.indices { rowByNo[ledger.string(ledger.glAccounts[a.no, row])] = row }
    var seen = Set<String>()
    var problems: [String] = []
    for account in accounts where seen.insert(account).inserted {
      guard let row = rowByNo[account] else {
        problems.append(
          account.isEmpty ? "a WIP entry has no G/L account" : "G/L account \(account) does not exist")
        continue
      }
      if ledger.glAccounts[a.accountType, row] != .posting {
        problems.append(
          "G/L account \(account) must be of Account Type Posting, not \(ledger.glAccounts[a.accountType, row].caption)"
        )
      }
      if ledger.glAccounts[a.blocked, row] { problems.append("G/L account \(account) is blocked") }
    }
    return problems
  }
}

/// Writes one posting run into a ledger (§7.2–§7.6).
private struct JobWIPWriter {
  var ledger: Ledger
  let options: JobWIPPosting.Options
  let index: JobIndex
  var summary = JobWIPPosting.Summary(wipGLEntriesPosted: 0, reversed: 0, glEntries: 0, registerNo: 0)
  private var nextGLEntryNo: Int64
  private var nextWIPGLEntryNo: Int64
  private var nextWIPTransactionNo: Int64
  private let transactionNo: Int64
  private let sourceCode: StringID
  private let documentNo: StringID
  private var firstGLEntryNo: Int64 = 0
  private var removedWIPEntryRows = Set<Int>()
  private var nextWIPGLRow = 0
  private var nextGLRow = 0

  init(ledger: Ledger, options: JobWIPPosting.Options, index: JobIndex) {
    self.ledger = ledger
    self.options = options
    self.index = index
    let gl = Columns.glEntry, g = Columns.jobWIPGLEntry
    nextGLEntryNo = (ledger.glEntries.values(gl.entryNo).max() ?? 0) + 1
    firstGLEntryNo = nextGLEntryNo
    nextWIPGLEntryNo = (ledger.jobWIPGLEntries.values(g.entryNo).max() ?? 0) + 1
    nextWIPTransactionNo = (ledger.jobWIPGLEntries.values(g.wipTransactionNo).max() ?? 0) + 1
    transactionNo = (ledger.glEntries.values(gl.transactionNo).max() ?? 0) + 1
    sourceCode = self.ledger.strings.intern(ledger.jobGLWIPSourceCode)
    documentNo = self.ledger.strings.intern(options.documentNo)
  }

  /// Appends the run's rows at once (neither table has text defaults), filled in by `post`.
  mutating func reserve(wipGLEntries: Int, glEntries: Int) {
    nextWIPGLRow = ledger.jobWIPGLEntries.count
    nextGLRow = ledger.glEntries.count
    ledger.jobWIPGLEntries.appendDefaultRows(wipGLEntries)
    ledger.glEntries.appendDefaultRows(glEntries)
  }

  mutating func post(_ job: JobWIPRun.JobResult, reversing rows: [Int]) {
    removedWIPEntryRows.formUnion(index.wipEntriesByJob[job.row])
    if job.skipped { return }
    let jobNo = ledger.strings.intern(job.jobNo)
    let g = Columns.jobWIPGLEntry
    // §7.2 reversal of earlier WIP.
    for row in rows {
      let amount = ledger.jobWIPGLEntries[g.wipEntryAmount, row]
      let description = ledger.string(ledger.jobWIPGLEntries[g.description, row])
      _ = glPair(
        account: ledger.jobWIPGLEntries[g.glAccountNo, row],
        balancing: ledger.jobWIPGLEntries[g.glBalAccountNo, row],
        amount: ExactDecimal(units: -amount.units), description: description, jobNo: jobNo)
      ledger.jobWIPGLEntries[g.reversed, row] = true
      ledger.jobWIPGLEntries[g.reverseDate, row] = options.postingDate
      summary.reversed += 1
    }
    // §7.3 task G/L amounts; §7.5 WIP-Total assignments.
    let t = Columns.jobTask
    let decimals = min(max(ledger.amountDecimals, 0), ExactDecimal.scale)
    for task in job.tasks {
      let posting = task.isPostingMember
      ledger.jobTasks[t.recognizedCostsGLAmount, task.row] =
        posting ? task.recognizedCosts.rounded(decimals: decimals) ?? .zero : .zero
      ledger.jobTasks[t.recognizedSalesGLAmount, task.row] =
        posting ? task.recognizedSales.rounded(decimals: decimals) ?? .zero : .zero
      ledger.jobTasks[t.recognizedCostsAmount, task.row] = .zero
      ledger.jobTasks[t.recognizedSalesAmount, task.row] = .zero
      ledger.jobTasks[t.wipTotal, task.row] = task.wipTotal
      ledger.jobTasks[t.wipMethod, task.row] = ledger.strings.intern(task.wipMethod)
    }
    // §7.4 new WIP.
    let transaction = nextWIPTransactionNo
    if !job.entries.isEmpty { nextWIPTransactionNo += 1 }
    for entry in job.entries {
      let description: String
      switch entry.type {
      case .recognizedCosts, .recognizedSales:
        description = (entry.jobComplete ? "Completion " : "Recognition ") + entry.jobNo
      default: description = "WIP " + entry.jobNo
      }
      let account = ledger.strings.intern(entry.glAccountNo),
        balancing = ledger.strings.intern(entry.glBalAccountNo)
      let balancingEntryNo = glPair(
        account: account, balancing: balancing, amount: entry.amount, description: description, jobNo: jobNo)
      let row = nextWIPGLRow
      nextWIPGLRow += 1
      ledger.jobWIPGLEntries[g.entryNo, row] = nextWIPGLEntryNo
      nextWIPGLEntryNo += 1
      ledger.jobWIPGLEntries[g.jobNo, row] = jobNo
      ledger.jobWIPGLEntries[g.documentNo, row] = ledger.strings.intern(entry.documentNo)
      ledger.jobWIPGLEntries[g.glAccountNo, row] = account
      ledger.jobWIPGLEntries[g.glBalAccountNo, row] = balancing
      ledger.jobWIPGLEntries[g.postingDate, row] = options.postingDate
      ledger.jobWIPGLEntries[g.wipPostingDate, row] = entry.wipPostingDate
      ledger.jobWIPGLEntries[g.wipEntryAmount, row] = entry.amount
      ledger.jobWIPGLEntries[g.jobPostingGroup, row] = ledger.strings.intern(entry.jobPostingGroup)
      ledger.jobWIPGLEntries[g.type, row] = entry.type
      ledger.jobWIPGLEntries[g.wipMethodUsed, row] = ledger.strings.intern(entry.wipMethodUsed)
      ledger.jobWIPGLEntries[g.wipPostingMethodUsed, row] = entry.wipPostingMethodUsed
      ledger.jobWIPGLEntries[g.description, row] = ledger.strings.intern(description)
      ledger.jobWIPGLEntries[g.glEntryNo, row] = balancingEntryNo
      ledger.jobWIPGLEntries[g.reversed, row] = false
      ledger.jobWIPGLEntries[g.reverse, row] = entry.reverse
      ledger.jobWIPGLEntries[g.wipTransactionNo, row] = transaction
      ledger.jobWIPGLEntries[g.jobComplete, row] = entry.jobComplete
      ledger.jobWIPGLEntries[g.jobWipTotalEntryNo, row] = 0
      summary.wipGLEntriesPosted += 1
    }
    // Amt. Posted to G/L (§7.4, last paragraph): every ledger entry of the job.
    let e = Columns.jobLedgerEntry
    for (row, amount) in job.amountsToPost where !amount.isZero {
      let posted = ledger.jobLedgerEntries[e.amtPostedToGL, row]
      ledger.jobLedgerEntries[e.amtPostedToGL, row] = posted.adding(amount) ?? posted
    }
    for task in job.tasks {
      for row in index.ledgerEntriesByTask[task.row] { ledger.jobLedgerEntries[e.amtToPostToGL, row] = .zero }
    }
    // §7.5 the job's WIP Posting Date and the ending date §5.2 filled.
    let j = Columns.job
    ledger.jobs[j.wipPostingDate, job.row] = options.postingDate
    if let ending = job.filledEndingDate { ledger.jobs[j.endingDate, job.row] = ending }
  }

  /// Two G/L entries: `amount` on the account, its negation on the balancing account; returns
  /// the balancing entry's number (`G/L Entry No.` of the WIP G/L entry).
  private mutating func glPair(
    account: StringID, balancing: StringID, amount: ExactDecimal, description: String, jobNo: StringID
  )
    -> Int64
  {
    let text = ledger.strings.intern(description)
    var last: Int64 = 0
    for (target, value) in [(account, amount), (balancing, ExactDecimal(units: -amount.units))] {
      let gl = Columns.glEntry
      let row = nextGLRow
      nextGLRow += 1
      ledger.glEntries[gl.entryNo, row] = nextGLEntryNo
      ledger.glEntries[gl.glAccountNo, row] = target
      ledger.glEntries[gl.postingDate, row] = options.postingDate
      ledger.glEntries[gl.documentNo, row] = documentNo
      ledger.glEntries[gl.description, row] = text
      ledger.glEntries[gl.amount, row] = value
      ledger.glEntries[gl.sourceCode, row] = sourceCode
      ledger.glEntries[gl.systemCreatedEntry, row] = true
      ledger.glEntries[gl.transactionNo, row] = transactionNo
      ledger.glEntries[gl.jobNo, row] = jobNo
      last = nextGLEntryNo
      nextGLEntryNo += 1
      summary.glEntries += 1
    }
    return last
  }

  /// §7.5 clean-up of the Job WIP Entries and §7.6 the one G/L register of the run.
  mutating func finish() {
    if !removedWIPEntryRows.isEmpty {
      ledger.jobWIPEntries.gather(ledger.jobWIPEntries.indices.filter { !removedWIPEntryRows.contains($0) })
    }
    guard summary.glEntries > 0 else { return }
    let r = Columns.glRegister
    let registerNo = (ledger.glRegisters.values(r.no).max() ?? 0) + 1
    let row = ledger.appendRow(to: \.glRegisters)
    ledger.glRegisters[r.no, row] = registerNo
    ledger.glRegisters[r.fromEntryNo, row] = firstGLEntryNo
    ledger.glRegisters[r.toEntryNo, row] = nextGLEntryNo - 1
    ledger.glRegisters[r.sourceCode, row] = sourceCode
    ledger.glRegisters[r.creationDate, row] = options.runDate
    summary.registerNo = registerNo
  }
}
