/// Job Calculate WIP (codeunit 1000 "Job Calculate WIP", procedure `JobCalcWIP`), as
/// `jobs-wip.md` §5 and §6 describe it: jobs one by one in number order, their tasks cut into WIP
/// groups, recognized costs and sales per posting task, the WIP buffer, the Job WIP Entries and
/// the warnings. Nothing is changed; `JobWIPPosting` writes what this finds.
extension JobWIPRun {
  public init(_ ledger: Ledger, _ options: Options) {
    self.init(ledger, options, index: JobIndex(ledger))
  }

  init(_ ledger: Ledger, _ options: Options, index: JobIndex) {
    self.options = options
    jobs = []
    problems = []
    let methods = JobWIPMethodSet(ledger)
    let job = Columns.job, wip = Columns.jobWIPEntry
    let selected = index.jobRowsInOrder.filter { row in
      options.jobs.map { $0.matches(ledger.string(ledger.jobs[job.no, row])) } ?? true
    }
    // Entry numbers (§5.8): a processed job's old entries are removed, its new ones follow the
    // largest number left, counting the new entries of the jobs before it.
    let selectedSet = Set(selected)
    var unselectedMax = index.orphanWIPEntryMax
    var existingMax = [Int64](repeating: 0, count: ledger.jobs.count)
    for jobRow in ledger.jobs.indices {
      let largest = index.wipEntriesByJob[jobRow].map { ledger.jobWIPEntries[wip.entryNo, $0] }.max() ?? 0
      if selectedSet.contains(jobRow) {
        existingMax[jobRow] = largest
      } else {
        unselectedMax = max(unselectedMax, largest)
      }
    }
    var laterMax = [Int64](repeating: 0, count: selected.count + 1)
    for position in selected.indices.reversed() {
      laterMax[position] = max(laterMax[position + 1], existingMax[selected[position]])
    }
    var lastNumber: Int64 = 0
    // One calculation for all jobs: the ledger and the index are not copied per job.
    var calculation = JobCalculation(ledger: ledger, index: index, methods: methods, options: options)
    for (position, jobRow) in selected.enumerated() {
      var result = calculation.run(jobRow: jobRow)
      var next = max(unselectedMax, laterMax[position + 1], lastNumber) + 1
      for entryIndex in result.entries.indices {
        result.entries[entryIndex].entryNo = next
        next += 1
      }
      if !result.entries.isEmpty { lastNumber = next - 1 }
      jobs.append(result)
    }
    problems = calculation.problems
  }
}

/// The calculation of the jobs of a run, one at a time (`run(jobRow:)`).
struct JobCalculation {
  let ledger: Ledger
  let index: JobIndex
  let methods: JobWIPMethodSet
  let options: JobWIPRun.Options
  /// The job being calculated, and its number (for messages).
  private(set) var jobRow = 0
  private(set) var jobNo = ""
  private(set) var problems: [String] = []
  private var problemSet = Set<String>()
  private var decimals: Int { min(max(ledger.amountDecimals, 0), ExactDecimal.scale) }

  init(ledger: Ledger, index: JobIndex, methods: JobWIPMethodSet, options: JobWIPRun.Options) {
    self.ledger = ledger
    self.index = index
    self.methods = methods
    self.options = options
  }

  mutating func refuse(_ message: String) {
    if problemSet.insert(message).inserted { problems.append(message) }
  }

  mutating func run(jobRow: Int) -> JobWIPRun.JobResult {
    let job = Columns.job, wipGL = Columns.jobWIPGLEntry
    let jobs = ledger.jobs
    self.jobRow = jobRow
    let jobNo = ledger.string(jobs[job.no, jobRow])
    self.jobNo = jobNo
    let methodCode = ledger.string(jobs[job.wipMethod, jobRow])
    var result = JobWIPRun.JobResult(
      row: jobRow, jobNo: jobNo, description: ledger.string(jobs[job.description, jobRow]),
      wipMethod: methodCode,
      postingMethod: jobs[job.wipPostingMethod, jobRow].normalized, skipped: false, complete: false,
      filledEndingDate: nil)

    // §5.1: a job whose completion was posted is never calculated again.
    if index.wipGLEntriesByJob[jobRow].contains(where: { ledger.jobWIPGLEntries[wipGL.jobComplete, $0] }) {
      result.skipped = true
      return result
    }
    if jobs[job.blocked, jobRow] != .none {
      refuse("job \(jobNo): the job is blocked (Blocked: \(jobs[job.blocked, jobRow].caption))")
    }
    if methodCode.isEmpty { refuse("job \(jobNo): WIP Method must have a value") }

    // §5.2: a Complete job without an ending date ends on the posting date.
    let date = options.postingDate
    let flaggedComplete = jobs[job.complete, jobRow]
    var endingDate = jobs[job.endingDate, jobRow]
    if flaggedComplete && endingDate == LedgerTable.noDate {
      endingDate = date
      result.filledEndingDate = date
    }
    result.complete = flaggedComplete && date >= endingDate

    result.tasks = tasksWithGroups(jobNo: jobNo, jobMethod: methodCode, groups: &result.groups)
    if methodCode.isEmpty { return result }
    var buffer = WIPBuffer()
    for groupIndex in result.groups.indices {
      calculate(group: groupIndex, in: &result, buffer: &buffer)
      balanceReturnedUsage(group: result.groups[groupIndex], amounts: &result.amountsToPost)
      if !flaggedComplete { result.warnings += warnings(for: result.groups[groupIndex], jobNo: jobNo) }
    }
    result.entries = entries(from: buffer, result)
    return result
  }

  // MARK: §5.3 WIP-Total assignment and groups

  private mutating func tasksWithGroups(jobNo: String, jobMethod: String, groups: inout [JobWIPRun.Group])
    -> [JobWIPRun.Task]
  {
    let task = Columns.jobTask
    let rows = index.taskRowsByJob[jobRow]
    let table = ledger.jobTasks
    var tasks = rows.map { row in
      JobWIPRun.Task(
        row: row, jobTaskNo: ledger.string(table[task.jobTaskNo, row]),
        description: ledger.string(table[task.description, row]), type: table[task.jobTaskType, row],
        wipTotal: table[task.wipTotal, row], wipMethod: ledger.string(table[task.wipMethod, row]),
        groupIndex: nil,
        isPostingMember: false, figures: figures(ofTask: row))
    }
    // Rule 1: the last task that is not Excluded closes a group with the job's method.
    if let last = tasks.lastIndex(where: { $0.wipTotal != .excluded }), tasks[last].wipTotal != .total {
      tasks[last].wipTotal = .total
      tasks[last].wipMethod = jobMethod
    }
    // Rule 2: a Total task without a method takes the job's.
    for position in tasks.indices
    where tasks[position].wipTotal == .total && tasks[position].wipMethod.isEmpty {
      tasks[position].wipMethod = jobMethod
    }
    // Rules 3-4: groups end at each Total task; members are the tasks that are not Excluded.
    var members: [Int] = []
    for position in tasks.indices {
      if tasks[position].wipTotal != .excluded { members.append(position) }
      guard tasks[position].wipTotal == .total else { continue }
      let code = tasks[position].wipMethod
      let method =
        methods.method(code)
        ?? JobWIPMethod(
          code: code, recognizedCosts: .atCompletion, recognizedSales: .atCompletion, wipCost: false,
          wipSales: false)
      // A blank method is refused once, as the job's (§5.1); only a named one can be unknown.
      if methods.method(code) == nil && !code.isEmpty { refuseUnknownMethod(code, jobNo: jobNo) }
      let postingTasks = members.filter { tasks[$0].type == .posting }
      for member in members {
        tasks[member].groupIndex = groups.count
        tasks[member].isPostingMember = tasks[member].type == .posting
      }
      let total = postingTasks.reduce(JobWIPRun.Figures()) { $0 + tasks[$1].figures }
      groups.append(
        JobWIPRun.Group(
          totalTaskRow: tasks[position].row, totalTaskNo: tasks[position].jobTaskNo, method: method,
          postingTaskIndices: postingTasks, figures: total))
      members = []
    }
    return tasks
  }

  private mutating func refuseUnknownMethod(_ code: String, jobNo: String) {
    refuse("job \(jobNo): WIP method \"\(code)\" does not exist in jobWipMethods")
  }

  // MARK: §4.1 the eight amounts of a posting task

  private func figures(ofTask taskRow: Int) -> JobWIPRun.Figures {
    let line = Columns.jobPlanningLine, entry = Columns.jobLedgerEntry
    var stc: Int128 = 0, stp: Int128 = 0, ctc: Int128 = 0, ctp: Int128 = 0
    let lines = ledger.jobPlanningLines
    for row in index.planningLinesByTask[taskRow] {
      let type = lines[line.lineType, row]
      let cost = Int128(lines[line.totalCostLCY, row].units),
        price = Int128(lines[line.lineAmountLCY, row].units)
      if type.isBudget {
        stc += cost
        stp += price
      }
      if type.isBillable {
        ctc += cost
        ctp += price
      }
    }
    var utc: Int128 = 0, utp: Int128 = 0, cip: Int128 = 0, cic: Int128 = 0
    let entries = ledger.jobLedgerEntries
    let date = options.postingDate
    for row in index.ledgerEntriesByTask[taskRow] where entries[entry.postingDate, row] <= date {
      let cost = Int128(entries[entry.totalCostLCY, row].units),
        price = Int128(entries[entry.lineAmountLCY, row].units)
      switch entries[entry.entryType, row] {
      case .usage:
        utc += cost
        utp += price
      case .sale:
        cic -= cost
        cip -= price
      }
    }
    return JobWIPRun.Figures(
      budgetTotalCost: Fraction(units: stc), budgetTotalPrice: Fraction(units: stp),
      billableTotalCost: Fraction(units: ctc),
      billableTotalPrice: Fraction(units: ctp), usageTotalCost: Fraction(units: utc),
      usageTotalPrice: Fraction(units: utp),
      invoicedPrice: Fraction(units: cip), invoicedCost: Fraction(units: cic))
  }

  // MARK: §5.4 recognized amounts, §5.5 buffer entries, §5.6 accrued costs

  private mutating func calculate(
    group groupIndex: Int, in result: inout JobWIPRun.JobResult, buffer: inout WIPBuffer
  ) {
    let group = result.groups[groupIndex]
    let method = group.method
    let totals = group.figures
    let complete = result.complete
    let perEntry = result.postingMethod.isPerLedgerEntry
    // BC's globals WIPAmount, RecognizedAllocationPercentage, JobWIPTotalChanged: shared by the
    // costs and the sales step for the whole group.
    var changed = true
    var w = Fraction.zero
    var pct = Fraction.zero
    var sumRecognized = Fraction.zero, sumUsage = Fraction.zero
    var accrualTask: Int? = nil
    for taskIndex in group.postingTaskIndices {
      let t = result.tasks[taskIndex].figures
      var r = Fraction.zero, rs = Fraction.zero
      if complete {
        rs = t.invoicedPrice
        r = t.usageTotalCost
      } else {
        switch method.recognizedCosts {
        case .costOfSales:
          if !totals.billableTotalPrice.isZero {
            if changed {
              w =
                totals.usageTotalCost - (totals.invoicedPrice / totals.billableTotalPrice)
                * totals.budgetTotalCost
              if !totals.usageTotalCost.isZero { pct = w / totals.usageTotalCost }
            }
            if !pct.isZero { w = round(t.usageTotalCost * pct) }
            r = t.usageTotalCost - w
          }
        case .costValue:
          if !totals.budgetTotalPrice.isZero {
            if changed {
              w =
                totals.usageTotalCost * totals.billableTotalPrice / totals.budgetTotalPrice
                - totals.budgetTotalCost * totals.invoicedPrice / totals.budgetTotalPrice
              if !totals.usageTotalCost.isZero { pct = w / totals.usageTotalCost }
            }
            if !pct.isZero { w = round(t.usageTotalCost * pct) }
            r = t.usageTotalCost - w
          }
        case .contractInvoicedCost: r = t.invoicedCost
        case .usageTotalCost: r = t.usageTotalCost
        case .atCompletion: break
        }
        switch method.recognizedSales {
        case .contractInvoicedPrice: rs = t.invoicedPrice
        case .usageTotalCost: rs = t.usageTotalCost
        case .usageTotalPrice: rs = t.usageTotalPrice
        case .percentageOfCompletion:
          if !totals.budgetTotalCost.isZero {
            if changed {
              w =
                totals.usageTotalCost <= totals.budgetTotalCost
                ? (totals.usageTotalCost / totals.budgetTotalCost) * totals.billableTotalPrice
                : totals.billableTotalPrice
              if !totals.billableTotalPrice.isZero { pct = w / totals.billableTotalPrice }
            }
            if !pct.isZero { w = round(t.billableTotalPrice * pct) }
            rs = w
          }
        case .salesValue:
          if !totals.budgetTotalPrice.isZero {
            if changed {
              w =
                totals.usageTotalPrice * totals.billableTotalPrice / totals.budgetTotalPrice
                - totals.invoicedPrice
              if !totals.usageTotalPrice.isZero { pct = w / totals.usageTotalPrice }
            }
            if !pct.isZero { w = round(t.usageTotalPrice * pct) }
            rs = t.invoicedPrice + w
          }
        case .atCompletion: break
        }
      }
      result.tasks[taskIndex].recognizedCosts = r
      result.tasks[taskIndex].recognizedSales = rs
      let context = taskContext(group: groupIndex, task: result.tasks[taskIndex])
      addEntries(
        context, recognizedCosts: r, recognizedSales: rs, figures: t, method: method, complete: complete,
        perEntry: perEntry, buffer: &buffer, amounts: &result.amountsToPost)
      if accrualTask == nil && !r.isZero { accrualTask = taskIndex }
      sumRecognized = sumRecognized + r
      sumUsage = sumUsage + t.usageTotalCost
      changed = false
      w = .zero
    }
    // §5.6 accrued costs of the group, on the accrual task's posting group.
    if !complete && sumRecognized > sumUsage, let accrual = accrualTask {
      let context = taskContext(group: groupIndex, task: result.tasks[accrual])
      add(
        context, .accruedCosts, .jobCostsAdjustment, .wipAccruedCosts,
        method.recognizedCosts.accruesCosts ? sumRecognized - sumUsage : .zero, &buffer)
      if perEntry {
        add(context, .appliedCosts, .jobCostsApplied, .wipCosts, sumUsage - sumRecognized, &buffer)
      }
    }
    result.groups[groupIndex].recognizedCosts = sumRecognized
    result.groups[groupIndex].recognizedSales = group.postingTaskIndices.reduce(.zero) {
      $0 + result.tasks[$1].recognizedSales
    }
  }

  /// BC's `Round(x)` at the task share, exact otherwise; an overflow stays an overflow.
  private func round(_ value: Fraction) -> Fraction {
    value.rounded(decimals: decimals).map(Fraction.init) ?? .overflow
  }

  // MARK: §5.7 Amt. to Post to G/L when used quantity is returned

  private func balanceReturnedUsage(group: JobWIPRun.Group, amounts: inout [Int: ExactDecimal]) {
    let task = Columns.jobTask, entry = Columns.jobLedgerEntry
    guard !ledger.jobTasks[task.recognizedSalesGLAmount, group.totalTaskRow].isZero else { return }
    let entries = ledger.jobLedgerEntries
    for row in index.ledgerEntriesByTask[group.totalTaskRow] where entries[entry.entryType, row] == .sale {
      let amount = entries[entry.lineAmountLCY, row]
      if !amount.isZero && (amounts[row] ?? .zero).isZero && entries[entry.amtPostedToGL, row].isZero {
        amounts[row] = amount
      }
    }
  }

  // MARK: §6 warnings

  private func warnings(for group: JobWIPRun.Group, jobNo: String) -> [JobWIPRun.Warning] {
    let f = group.figures
    var messages: [String] = []
    if f.billableTotalPrice.isZero { messages.append("Billable (Total Price) is 0.") }
    if f.budgetTotalCost.isZero { messages.append("Budget (Total Cost) is 0.") }
    if f.budgetTotalPrice.isZero { messages.append("Budget (Total Price) is 0.") }
    if f.usageTotalCost > f.budgetTotalCost { messages.append("Cost completion is greater than 100%.") }
    if group.recognizedSales.signum < 0 { messages.append("Calc. Recog. Sales Amount is negative.") }
    if group.recognizedCosts.signum < 0 { messages.append("Calc. Recog. Costs Amount is negative.") }
    return messages.map { JobWIPRun.Warning(jobNo: jobNo, jobTaskNo: group.totalTaskNo, message: $0) }
  }

  // MARK: §5.8 Job WIP Entries

  private mutating func entries(from buffer: WIPBuffer, _ result: JobWIPRun.JobResult) -> [JobWIPRun.Entry] {
    var entries: [JobWIPRun.Entry] = []
    for row in buffer.sortedRows(rank: index.codeRank) {
      let group = result.groups[row.key.group]
      let method = group.method
      if !method.wipCost && (row.key.type == .recognizedCosts || row.key.type == .appliedCosts) { continue }
      if !method.wipSales && (row.key.type == .recognizedSales || row.key.type == .appliedSales) { continue }
      if row.amount.isZero { continue }
      guard let amount = row.amount.rounded(decimals: decimals) else {
        refuse(
          "job \(result.jobNo): the WIP amounts of task \(group.totalTaskNo) are too large to calculate exactly"
        )
        continue
      }
      entries.append(
        JobWIPRun.Entry(
          entryNo: 0, jobNo: result.jobNo, jobTaskNo: group.totalTaskNo, wipPostingDate: options.postingDate,
          documentNo: options.documentNo, type: row.key.type,
          glAccountNo: ledger.string(StringID(raw: row.key.account)),
          glBalAccountNo: ledger.string(StringID(raw: row.balancingAccount)), amount: amount,
          jobPostingGroup: ledger.string(StringID(raw: row.key.postingGroup)), wipMethodUsed: method.code,
          wipPostingMethodUsed: result.postingMethod, jobComplete: result.complete, reverse: true))
    }
    return entries
  }
}
