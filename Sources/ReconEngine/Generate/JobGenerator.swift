/// Adds a project (job) business to a ledger: the job accounts and posting groups, jobs over the
/// year with every built-in WIP method, their tasks in WIP groups, planning lines and job ledger
/// entries (monthly usage, invoices at milestones). The sample company takes a handful of named
/// jobs; `generate --jobs N` and the benchmark take thousands.
public struct JobGeneratorOptions: Sendable {
  public var jobs: Int
  /// Posting tasks per job (each group has up to four, between a Begin-Total and an End-Total).
  public var postingTasksPerJob: Int
  /// Job ledger entries in all (spread evenly over the jobs' posting tasks).
  public var ledgerEntries: Int
  public var seed: UInt64
  public var year: Int
  /// Named jobs instead of generated ones (the sample company's).
  public var catalog: [CatalogJob]?

  public init(jobs: Int, postingTasksPerJob: Int = 8, ledgerEntries: Int, seed: UInt64, year: Int = 2025) {
    self.jobs = jobs
    self.postingTasksPerJob = postingTasksPerJob
    self.ledgerEntries = ledgerEntries
    self.seed = seed
    self.year = year
  }
}

/// A job of a fixed catalogue.
public struct CatalogJob: Sendable {
  public var number: String
  public var description: String
  public var method: String
  public var perLedgerEntry: Bool
  /// Months of the year the job runs (usage in each), and the month it is completed, if any.
  public var months: ClosedRange<Int>
  public var completedInMonth: Int?
  public var postingTasks: Int
  public init(
    _ number: String, _ description: String, method: String, perLedgerEntry: Bool = false,
    months: ClosedRange<Int>,
    completedInMonth: Int? = nil, postingTasks: Int = 3
  ) {
    self.number = number
    self.description = description
    self.method = method
    self.perLedgerEntry = perLedgerEntry
    self.months = months
    self.completedInMonth = completedInMonth
    self.postingTasks = postingTasks
  }
}

public enum JobGenerator {
  /// The job chart of accounts (numbers of `jobs-wip.md` §10).
  static let accounts: [(no: String, name: String, balanceSheet: Bool)] = [
    ("2231", "WIP Job Costs", true), ("2232", "WIP Accrued Costs", true), ("2233", "WIP Accrued Sales", true),
    ("2234", "WIP Invoiced Sales", true), ("6610", "Job Sales", false), ("6620", "Job Sales Applied", false),
    ("6630", "Job Sales Adjustment", false), ("6910", "Recognized Sales", false),
    ("7180", "Recognized Costs", false),
    ("7620", "Job Costs Applied", false), ("7621", "Job Costs Applied, Items", false),
    ("7622", "Job Costs Applied, Resources", false), ("7623", "Job Costs Applied, G/L", false),
    ("7630", "Job Costs Adjustment", false),
  ]
  static let methods = ["COMPLETED CONTRACT", "COST OF SALES", "COST VALUE", "SALES VALUE", "POC"]

  public static func addJobs(to ledger: inout Ledger, _ options: JobGeneratorOptions) {
    addMasterData(&ledger)
    var random = SeededRandom(seed: options.seed &+ 0x4A4F_4253)
    let jobs =
      options.catalog
      ?? (0..<options.jobs).map { index in
        let start = 1 + index % 9
        return CatalogJob(
          jobNumber(index + 1), "Project \(index + 1)", method: methods[index % methods.count],
          perLedgerEntry: index % 3 == 2, months: start...min(12, start + 2 + index % 4),
          completedInMonth: index % 7 == 3 ? min(12, start + 3) : nil,
          postingTasks: options.postingTasksPerJob)
      }
    let totalTasks = jobs.reduce(0) { $0 + $1.postingTasks }
    // Entries per posting task: an even share, the remainder one each to the first tasks, so
    // the ledger holds exactly the number asked for.
    let share = options.ledgerEntries / max(1, totalTasks)
    var remainder = options.ledgerEntries - share * totalTasks
    reserve(&ledger, jobs: jobs.count, tasks: totalTasks + jobs.count * 4, entries: options.ledgerEntries)
    var entryNo = (ledger.jobLedgerEntries.values(Columns.jobLedgerEntry.entryNo).max() ?? 0) + 1
    for job in jobs {
      addJob(
        job, &ledger, &random, year: options.year, share: share, remainder: &remainder, entryNo: &entryNo)
    }
  }

  private static func jobNumber(_ number: Int) -> String {
    let digits = String(number)
    return "J" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
  }

  private static func reserve(_ ledger: inout Ledger, jobs: Int, tasks: Int, entries: Int) {
    ledger.jobs.reserveCapacity(jobs)
    ledger.jobTasks.reserveCapacity(tasks)
    ledger.jobPlanningLines.reserveCapacity(tasks * 2)
    ledger.jobLedgerEntries.reserveCapacity(entries)
  }

  private static func addMasterData(_ ledger: inout Ledger) {
    let a = Columns.glAccount
    let existing = Set(ledger.glAccounts.indices.map { ledger.string(ledger.glAccounts[a.no, $0]) })
    for account in accounts where !existing.contains(account.no) {
      let row = ledger.appendRow(to: \.glAccounts)
      ledger.glAccounts[a.no, row] = ledger.strings.intern(account.no)
      ledger.glAccounts[a.name, row] = ledger.strings.intern(account.name)
      ledger.glAccounts[a.accountType, row] = .posting
      ledger.glAccounts[a.incomeBalance, row] = account.balanceSheet ? .balanceSheet : .incomeStatement
    }
    let g = Columns.jobPostingGroup
    for (code, description) in [("SETTING UP", "Setting up projects"), ("INSTALL", "Installation projects")] {
      let row = ledger.appendRow(to: \.jobPostingGroups)
      ledger.jobPostingGroups[g.code, row] = ledger.strings.intern(code)
      ledger.jobPostingGroups[g.description, row] = ledger.strings.intern(description)
      let values: [(StringColumn, String)] = [
        (g.wipCostsAccount, "2231"), (g.wipAccruedCostsAccount, "2232"), (g.wipAccruedSalesAccount, "2233"),
        (g.wipInvoicedSalesAccount, "2234"), (g.jobCostsAppliedAccount, "7620"),
        (g.jobCostsAdjustmentAccount, "7630"),
        (g.jobSalesAppliedAccount, "6620"), (g.jobSalesAdjustmentAccount, "6630"),
        (g.recognizedCostsAccount, "7180"),
        (g.recognizedSalesAccount, "6910"), (g.itemCostsAppliedAccount, "7621"),
        (g.resourceCostsAppliedAccount, "7622"),
        (g.glCostsAppliedAccount, "7623"),
      ]
      for (column, account) in values {
        ledger.jobPostingGroups[column, row] = ledger.strings.intern(account)
      }
    }
  }

  private static func cents(_ value: Int) -> ExactDecimal { ExactDecimal(units: Int64(value) * 1_000) }

  private static func addJob(
    _ job: CatalogJob, _ ledger: inout Ledger, _ random: inout SeededRandom, year: Int, share: Int,
    remainder: inout Int, entryNo: inout Int64
  ) {
    let j = Columns.job, t = Columns.jobTask, p = Columns.jobPlanningLine, e = Columns.jobLedgerEntry
    let jobNo = ledger.strings.intern(job.number)
    let row = ledger.appendRow(to: \.jobs)
    ledger.jobs[j.no, row] = jobNo
    ledger.jobs[j.description, row] = ledger.strings.intern(job.description)
    ledger.jobs[j.wipMethod, row] = ledger.strings.intern(job.method)
    ledger.jobs[j.wipPostingMethod, row] = job.perLedgerEntry ? .perJobLedgerEntry : .perJob
    ledger.jobs[j.jobPostingGroup, row] = ledger.strings.intern("SETTING UP")
    if let month = job.completedInMonth {
      ledger.jobs[j.complete, row] = true
      ledger.jobs[j.status, row] = .completed
      ledger.jobs[j.endingDate, row] = LedgerDate.endOfMonth(year: year, month: month)
    }
    func task(_ number: String, _ description: String, _ type: JobTaskType, _ wipTotal: JobWIPTotal = .none)
      -> StringID
    {
      let taskRow = ledger.appendRow(to: \.jobTasks)
      let id = ledger.strings.intern(number)
      ledger.jobTasks[t.jobNo, taskRow] = jobNo
      ledger.jobTasks[t.jobTaskNo, taskRow] = id
      ledger.jobTasks[t.description, taskRow] = ledger.strings.intern(description)
      ledger.jobTasks[t.jobTaskType, taskRow] = type
      ledger.jobTasks[t.wipTotal, taskRow] = wipTotal
      return id
    }
    var posted = 0
    var groupNumber = 1
    let months = Array(job.months)
    let install = ledger.strings.intern("INSTALL")
    while posted < job.postingTasks {
      let inGroup = min(4, job.postingTasks - posted)
      let base = groupNumber * 1000
      _ = task(String(base), "Phase \(groupNumber)", .beginTotal)
      for index in 0..<inGroup {
        let taskNo = task(
          String(base + 10 * (index + 1)), "Work package \(groupNumber).\(index + 1)", .posting)
        if index == 1 { ledger.jobTasks[t.jobPostingGroup, ledger.jobTasks.count - 1] = install }
        // Plan: a budget of resource and item cost, a billable price with a margin.
        let budgetCost = random.int(40...400) * 1000
        let billablePrice = budgetCost * random.int(115...160) / 100
        for (lineNo, (type, cost, price)) in [
          (JobPlanningLineType.budget, budgetCost, budgetCost * 11 / 10),
          (.billable, budgetCost * 9 / 10, billablePrice),
        ].enumerated() {
          let line = ledger.appendRow(to: \.jobPlanningLines)
          ledger.jobPlanningLines[p.jobNo, line] = jobNo
          ledger.jobPlanningLines[p.jobTaskNo, line] = taskNo
          ledger.jobPlanningLines[p.lineNo, line] = Int64(10_000 * (lineNo + 1))
          ledger.jobPlanningLines[p.lineType, line] = type
          ledger.jobPlanningLines[p.type, line] = lineNo == 0 ? .resource : .item
          ledger.jobPlanningLines[p.planningDate, line] = LedgerDate.endOfMonth(year: year, month: months[0])
          ledger.jobPlanningLines[p.totalCostLCY, line] = cents(cost)
          ledger.jobPlanningLines[p.lineAmountLCY, line] = cents(price)
        }
        // Usage month by month; every fifth entry an invoice.
        let entriesPerTask = share + (remainder > 0 ? 1 : 0)
        if remainder > 0 { remainder -= 1 }
        for entryIndex in 0..<entriesPerTask {
          let month = months[entryIndex * months.count / entriesPerTask]
          let invoice = entryIndex % 5 == 4
          let cost = budgetCost / max(1, entriesPerTask) * random.int(70...130) / 100
          let ledgerRow = ledger.appendRow(to: \.jobLedgerEntries)
          ledger.jobLedgerEntries[e.entryNo, ledgerRow] = entryNo
          entryNo += 1
          ledger.jobLedgerEntries[e.jobNo, ledgerRow] = jobNo
          ledger.jobLedgerEntries[e.jobTaskNo, ledgerRow] = taskNo
          ledger.jobLedgerEntries[e.postingDate, ledgerRow] =
            LedgerDate(year: year, month: month, day: 1 + (entryIndex * 7) % 28) ?? LedgerTable.noDate
          if invoice {
            let price = billablePrice * 5 / max(5, entriesPerTask) * random.int(80...100) / 100
            ledger.jobLedgerEntries[e.entryType, ledgerRow] = .sale
            ledger.jobLedgerEntries[e.type, ledgerRow] = .resource
            ledger.jobLedgerEntries[e.documentNo, ledgerRow] = ledger.strings.intern(
              "PSI-\(job.number)-\(entryIndex / 5 + 1)")
            ledger.jobLedgerEntries[e.totalCostLCY, ledgerRow] = cents(-price * 7 / 10)
            ledger.jobLedgerEntries[e.lineAmountLCY, ledgerRow] = cents(-price)
          } else {
            let type: JobLedgerType = [.resource, .item, .glAccount][entryIndex % 3]
            ledger.jobLedgerEntries[e.entryType, ledgerRow] = .usage
            ledger.jobLedgerEntries[e.type, ledgerRow] = type
            ledger.jobLedgerEntries[e.documentNo, ledgerRow] = ledger.strings.intern(
              "JJ-\(job.number)-\(month)")
            ledger.jobLedgerEntries[e.totalCostLCY, ledgerRow] = cents(cost)
            ledger.jobLedgerEntries[e.lineAmountLCY, ledgerRow] = cents(cost * 11 / 10)
          }
        }
      }
      _ = task(String(base + 990), "Total phase \(groupNumber)", .endTotal, .total)
      posted += inGroup
      groupNumber += 1
    }
  }
}

extension LedgerDate {
  static func endOfMonth(year: Int, month: Int) -> LedgerDate {
    LedgerDate(year: year, month: month, day: LedgerDate.daysIn(month: month, year: year))
      ?? LedgerTable.noDate
  }

  /// The last day of this date's month (a normal date).
  public var lastDayOfMonth: LedgerDate {
    let (year, month, _) = components
    return LedgerDate.endOfMonth(year: year, month: month)
  }
}
