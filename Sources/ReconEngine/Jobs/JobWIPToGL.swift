/// Job WIP To G/L (report 1010 over table 1017 "Job Buffer", `InsertWorkInProgress` and
/// `GetJobBuffer`; `jobs-wip.md` §8): the posted, unreversed WIP per G/L account and job
/// posting group against the G/L balance of the account.
public struct JobWIPToGL: Sendable {
  public struct Options: Sendable, Equatable {
    public var postingDate: LedgerDate
    public var jobs: CodeFilter?
    public init(postingDate: LedgerDate, jobs: CodeFilter? = nil) {
      self.postingDate = postingDate
      self.jobs = jobs
    }
  }

  public struct Line: Equatable, Sendable {
    public var glAccountNo: String
    public var description: String
    public var jobPostingGroup: String
    public var wipCostAmount = ExactDecimal.zero
    public var wipAccruedCostsAmount = ExactDecimal.zero
    public var wipInvoicedSalesAmount = ExactDecimal.zero
    public var wipAccruedSalesAmount = ExactDecimal.zero
    /// Printed on an account's last line only (nil on the others).
    public var glBalance: ExactDecimal?
    public var difference: ExactDecimal?
    /// The Job WIP G/L entry rows behind the line.
    public var wipGLEntryRows: [Int] = []

    public var wipAmount: ExactDecimal {
      ExactDecimal(
        units: wipCostAmount.units &+ wipAccruedCostsAmount.units &+ wipInvoicedSalesAmount.units
          &+ wipAccruedSalesAmount.units)
    }
  }

  public var options: Options
  public var lines: [Line]
  public var totalWIPAmount: ExactDecimal
  public var totalGLBalance: ExactDecimal
  public var totalDifference: ExactDecimal {
    ExactDecimal(units: totalWIPAmount.units &- totalGLBalance.units)
  }
  public var totals: Line

  public init(_ ledger: Ledger, _ options: Options) {
    self.options = options
    let g = Columns.jobWIPGLEntry, j = Columns.job
    let table = ledger.jobWIPGLEntries
    var selectedJobs = Set<UInt32>()
    for row in ledger.jobs.indices {
      let no = ledger.jobs[j.no, row]
      if options.jobs.map({ $0.matches(ledger.string(no)) }) ?? true { selectedJobs.insert(no.raw) }
    }
    struct Key: Hashable {
      var account: UInt32
      var group: UInt32
    }
    var byKey: [Key: Int] = [:]
    var found: [Line] = []
    for row in table.indices {
      guard selectedJobs.contains(table[g.jobNo, row].raw), !table[g.reversed, row],
        !table[g.jobComplete, row],
        table[g.postingDate, row] <= options.postingDate, !table[g.glAccountNo, row].isBlank
      else { continue }
      let key = Key(account: table[g.glAccountNo, row].raw, group: table[g.jobPostingGroup, row].raw)
      let position: Int
      if let existing = byKey[key] {
        position = existing
      } else {
        position = found.count
        byKey[key] = position
        found.append(
          Line(
            glAccountNo: ledger.string(table[g.glAccountNo, row]), description: "",
            jobPostingGroup: ledger.string(table[g.jobPostingGroup, row])))
      }
      let amount = table[g.wipEntryAmount, row]
      switch table[g.type, row] {
      case .appliedCosts, .recognizedCosts:
        found[position].wipCostAmount = Self.sum(found[position].wipCostAmount, amount)
      case .accruedCosts:
        found[position].wipAccruedCostsAmount = Self.sum(found[position].wipAccruedCostsAmount, amount)
      case .appliedSales, .recognizedSales:
        found[position].wipInvoicedSalesAmount = Self.sum(found[position].wipInvoicedSalesAmount, amount)
      case .accruedSales:
        found[position].wipAccruedSalesAmount = Self.sum(found[position].wipAccruedSalesAmount, amount)
      }
      found[position].wipGLEntryRows.append(row)
    }
    var lines = found.sorted { a, b in
      a.glAccountNo != b.glAccountNo
        ? codePrecedes(a.glAccountNo, b.glAccountNo) : codePrecedes(a.jobPostingGroup, b.jobPostingGroup)
    }
    // G/L side: the balance of each listed account up to the date, of the selected jobs' G/L
    // entries when a job filter is given (no filter: every entry of the account).
    let a = Columns.glAccount, gl = Columns.glEntry
    var names: [String: String] = [:]
    for row in ledger.glAccounts.indices {
      names[ledger.string(ledger.glAccounts[a.no, row])] = ledger.string(ledger.glAccounts[a.name, row])
    }
    let accounts = Set(lines.map(\.glAccountNo))
    var balances: [String: ExactDecimal] = [:]
    var accountIDs = Set<UInt32>()
    for account in accounts { if let id = ledger.strings.lookup(account) { accountIDs.insert(id.raw) } }
    for row in ledger.glEntries.indices {
      let id = ledger.glEntries[gl.glAccountNo, row]
      guard accountIDs.contains(id.raw), ledger.glEntries[gl.postingDate, row] <= options.postingDate else {
        continue
      }
      if let filter = options.jobs, !filter.matches(ledger.string(ledger.glEntries[gl.jobNo, row])) {
        continue
      }
      let account = ledger.string(id)
      balances[account] = Self.sum(balances[account] ?? .zero, ledger.glEntries[gl.amount, row])
    }
    var totals = Line(glAccountNo: "Total", description: "", jobPostingGroup: "")
    var totalGL = ExactDecimal.zero
    var accountWIP = ExactDecimal.zero
    for position in lines.indices {
      lines[position].description = names[lines[position].glAccountNo] ?? ""
      accountWIP = Self.sum(accountWIP, lines[position].wipAmount)
      let last = position == lines.count - 1 || lines[position + 1].glAccountNo != lines[position].glAccountNo
      if last {
        let balance = balances[lines[position].glAccountNo] ?? .zero
        lines[position].glBalance = balance
        lines[position].difference = ExactDecimal(units: accountWIP.units &- balance.units)
        totalGL = Self.sum(totalGL, balance)
        accountWIP = .zero
      }
      totals.wipCostAmount = Self.sum(totals.wipCostAmount, lines[position].wipCostAmount)
      totals.wipAccruedCostsAmount = Self.sum(
        totals.wipAccruedCostsAmount, lines[position].wipAccruedCostsAmount)
      totals.wipInvoicedSalesAmount = Self.sum(
        totals.wipInvoicedSalesAmount, lines[position].wipInvoicedSalesAmount)
      totals.wipAccruedSalesAmount = Self.sum(
        totals.wipAccruedSalesAmount, lines[position].wipAccruedSalesAmount)
    }
    self.lines = lines
    totalWIPAmount = totals.wipAmount
    totalGLBalance = totalGL
    totals.glBalance = totalGL
    totals.difference = ExactDecimal(units: totals.wipAmount.units &- totalGL.units)
    self.totals = totals
  }

  /// Sums of validated amounts stay far inside the range; an overflow keeps the last value
  /// rather than trapping.
  private static func sum(_ a: ExactDecimal, _ b: ExactDecimal) -> ExactDecimal { a.adding(b) ?? a }
}
