/// The job's WIP buffer (table 1018 "Job WIP Buffer"): exact amounts by (group, type, posting
/// group, G/L account), the balancing account taken from the row's first addition.
struct WIPBuffer {
  struct Key: Hashable {
    var group: Int
    var type: JobWIPEntryType
    var postingGroup: UInt32
    var account: UInt32
  }
  struct Row {
    var key: Key
    var balancingAccount: UInt32
    var amount: Fraction
  }
  private var rows: [Row] = []
  private var rowByKey: [Key: Int] = [:]

  mutating func add(_ key: Key, balancingAccount: UInt32, amount: Fraction) {
    if let existing = rowByKey[key] {
      rows[existing].amount = rows[existing].amount + amount
    } else {
      rowByKey[key] = rows.count
      rows.append(Row(key: key, balancingAccount: balancingAccount, amount: amount))
    }
  }

  /// Key order of `CreateWIPEntries`: group, type, posting group code, G/L account code (the
  /// codes by their rank in byte order, `JobIndex.codeRank`).
  func sortedRows(rank: [UInt32: Int]) -> [Row] {
    rows.sorted { a, b in
      if a.key.group != b.key.group { return a.key.group < b.key.group }
      if a.key.type != b.key.type { return a.key.type < b.key.type }
      if a.key.postingGroup != b.key.postingGroup {
        return (rank[a.key.postingGroup] ?? 0) < (rank[b.key.postingGroup] ?? 0)
      }
      return (rank[a.key.account] ?? 0) < (rank[b.key.account] ?? 0)
    }
  }
}

/// The thirteen accounts of a Job Posting Group (table 208), in the order of its fields.
enum JobAccount: Int, CaseIterable {
  case wipCosts, wipAccruedCosts, wipAccruedSales, wipInvoicedSales, jobCostsApplied, jobCostsAdjustment
  case jobSalesApplied, jobSalesAdjustment, recognizedCosts, recognizedSales, itemCostsApplied
  case resourceCostsApplied, glCostsApplied

  /// The snapshot field (`wipCostsAccount`).
  var field: String { Columns.jobPostingGroup.accounts[rawValue].name }
}

/// The posting task an addition to the buffer is for: its group, and its posting group (the
/// task's, else the job's; nil row: none, or one that does not exist).
struct TaskContext {
  let group: Int
  let taskRow: Int
  let taskNo: String
  let postingGroupRow: Int?
  let postingGroupCode: StringID
}

/// Adding one posting task's entries to the buffer (`CreateTempJobWIPBuffers`,
/// `FindJobLedgerEntriesByJobTask`; `jobs-wip.md` §5.5). Every `add` looks its accounts up before
/// it looks at the amount, as BC does: a blank account the task needs refuses the job even when
/// the amount turns out 0.
extension JobCalculation {
  func taskContext(group: Int, task: JobWIPRun.Task) -> TaskContext {
    var code = ledger.jobTasks[Columns.jobTask.jobPostingGroup, task.row]
    if code.isBlank { code = ledger.jobs[Columns.job.jobPostingGroup, jobRow] }
    return TaskContext(
      group: group, taskRow: task.row, taskNo: task.jobTaskNo,
      postingGroupRow: code.isBlank ? nil : index.postingGroupRowByID[code.raw], postingGroupCode: code)
  }

  /// `add(type, account, bal. account, amount)` of §5.5.
  mutating func add(
    _ context: TaskContext, _ type: JobWIPEntryType, _ account: JobAccount, _ balancing: JobAccount,
    _ amount: Fraction, _ buffer: inout WIPBuffer
  ) {
    guard let row = context.postingGroupRow else {
      refuse(
        context.postingGroupCode.isBlank
          ? "job \(jobNo), task \(context.taskNo): Job Posting Group must have a value (on the task or the job)"
          : "job \(jobNo), task \(context.taskNo): job posting group \"\(ledger.string(context.postingGroupCode))\" does not exist"
      )
      return
    }
    let accounts = index.postingGroupAccounts[row]
    let accountID = accounts[account.rawValue], balancingID = accounts[balancing.rawValue]
    if accountID == 0 { refuseBlank(account, context, row) }
    if balancingID == 0 { refuseBlank(balancing, context, row) }
    if accountID == 0 || balancingID == 0 || amount.isZero { return }
    buffer.add(
      WIPBuffer.Key(
        group: context.group, type: type, postingGroup: context.postingGroupCode.raw, account: accountID),
      balancingAccount: balancingID, amount: amount)
  }

  private mutating func refuseBlank(_ account: JobAccount, _ context: TaskContext, _ row: Int) {
    refuse(
      "job \(jobNo), task \(context.taskNo): job posting group \"\(ledger.string(context.postingGroupCode))\" has no \(JobPostingGroupColumns.caption(account.field)) (jobPostingGroups[\(row)].\(account.field))"
    )
  }

  // MARK: The entries of one posting task

  mutating func addEntries(
    _ context: TaskContext, recognizedCosts r: Fraction, recognizedSales rs: Fraction,
    figures t: JobWIPRun.Figures,
    method: JobWIPMethod, complete: Bool, perEntry: Bool, buffer: inout WIPBuffer,
    amounts: inout [Int: ExactDecimal]
  ) {
    let cip = t.invoicedPrice, utc = t.usageTotalCost
    let poc = method.recognizedSales == .percentageOfCompletion
    if complete {
      if perEntry {
        ledgerCosts(context, &buffer, &amounts)
        ledgerSales(context, method, cip: cip, rs: rs, &buffer, &amounts)
      }
      if !r.isZero {
        add(context, .recognizedCosts, .recognizedCosts, perEntry ? .wipCosts : .jobCostsApplied, r, &buffer)
      }
      if !rs.isZero {
        add(
          context, .recognizedSales, .recognizedSales, perEntry ? .wipInvoicedSales : .jobSalesApplied, -rs,
          &buffer)
      }
      return
    }
    if !r.isZero {
      add(context, .recognizedCosts, .recognizedCosts, .wipCosts, r, &buffer)
      if perEntry {
        ledgerCosts(context, &buffer, &amounts)
      } else {
        add(context, .appliedCosts, .jobCostsApplied, .wipCosts, appliedCosts(method, r, utc), &buffer)
      }
    }
    if !rs.isZero {
      add(
        context, .recognizedSales, .recognizedSales, poc ? .wipAccruedSales : .wipInvoicedSales, -rs, &buffer)
      if !perEntry || poc {
        add(
          context, .appliedSales, .jobSalesApplied, .wipInvoicedSales,
          appliedSales(method, rs, cip, appliedAccrued: cip > rs && poc), &buffer)
      } else {
        ledgerSales(context, method, cip: cip, rs: rs, &buffer, &amounts)
      }
      if rs > cip {
        add(
          context, .accruedSales, .jobSalesAdjustment, .wipAccruedSales,
          method.recognizedSales.accruesSales ? cip - rs : .zero, &buffer)
      }
    }
    if r.isZero && !utc.isZero {
      if perEntry {
        ledgerCosts(context, &buffer, &amounts)
      } else {
        add(context, .appliedCosts, .jobCostsApplied, .wipCosts, -utc, &buffer)
      }
    }
    if rs.isZero && !cip.isZero {
      if perEntry {
        ledgerSales(context, method, cip: cip, rs: rs, &buffer, &amounts)
      } else {
        add(
          context, .appliedSales, .jobSalesApplied, .wipInvoicedSales,
          appliedSales(method, .zero, cip, appliedAccrued: false), &buffer)
      }
    }
  }

  /// `GetAppliedCostsAmount`.
  private func appliedCosts(_ method: JobWIPMethod, _ r: Fraction, _ u: Fraction) -> Fraction {
    guard method.recognizedCosts.accruesCosts && !r.isZero else { return -u }
    let larger = r.magnitude > u.magnitude ? r.magnitude : u.magnitude
    return r.signum > 0 ? -larger : larger
  }

  /// `GetAppliedSalesWIPEntryAmount`.
  private func appliedSales(_ method: JobWIPMethod, _ rs: Fraction, _ cip: Fraction, appliedAccrued: Bool)
    -> Fraction
  {
    if appliedAccrued { return rs - cip >= .zero ? rs - cip : cip }
    if method.recognizedSales.accruesSales { return rs > cip ? rs : cip }
    return cip
  }

  /// Ledger-based Applied Costs: BC adds one amount per usage entry up to the posting date to
  /// the row of the entry type's Costs Applied account. The entries of a type are summed first
  /// (exactly, so the rows are the same) and added once per type present, which looks up the
  /// same accounts as BC's per-entry additions.
  private mutating func ledgerCosts(
    _ context: TaskContext, _ buffer: inout WIPBuffer, _ amounts: inout [Int: ExactDecimal]
  ) {
    let entry = Columns.jobLedgerEntry
    let entries = ledger.jobLedgerEntries
    let date = options.postingDate
    var sums: [Int128] = [0, 0, 0]
    var present = [false, false, false]
    for row in index.ledgerEntriesByTask[context.taskRow]
    where entries[entry.entryType, row] == .usage && entries[entry.postingDate, row] <= date {
      let type = Int(entries[entry.type, row].rawValue)
      let cost = entries[entry.totalCostLCY, row]
      sums[type] -= Int128(cost.units)
      present[type] = true
      amounts[row] = cost.subtracting(entries[entry.amtPostedToGL, row]) ?? cost
    }
    let accounts: [JobAccount] = [.resourceCostsApplied, .itemCostsApplied, .glCostsApplied]
    for type in 0..<3 where present[type] {
      add(context, .appliedCosts, accounts[type], .wipCosts, Fraction(units: sums[type]), &buffer)
    }
  }

  /// Ledger-based Applied Sales: per sale entry, or per usage entry when a Usage (Total Price)
  /// method recognizes more than was invoiced (summed first, as the costs are).
  private mutating func ledgerSales(
    _ context: TaskContext, _ method: JobWIPMethod, cip: Fraction, rs: Fraction, _ buffer: inout WIPBuffer,
    _ amounts: inout [Int: ExactDecimal]
  ) {
    let entry = Columns.jobLedgerEntry
    let entries = ledger.jobLedgerEntries
    let date = options.postingDate
    let fromUsage = method.recognizedSales == .usageTotalPrice && cip < rs
    let wanted: JobLedgerEntryType = fromUsage ? .usage : .sale
    var sum: Int128 = 0
    var present = false
    for row in index.ledgerEntriesByTask[context.taskRow]
    where entries[entry.entryType, row] == wanted && entries[entry.postingDate, row] <= date {
      let price = entries[entry.lineAmountLCY, row]
      sum += fromUsage ? Int128(price.units) : -Int128(price.units)
      present = true
      amounts[row] = price.subtracting(entries[entry.amtPostedToGL, row]) ?? price
    }
    if present {
      add(context, .appliedSales, .jobSalesApplied, .wipInvoicedSales, Fraction(units: sum), &buffer)
    }
  }
}

extension JobPostingGroupColumns {
  /// BC's caption of an account field: `wipCostsAccount` → "WIP Costs Account".
  static func caption(_ field: String) -> String {
    switch field {
    case "wipCostsAccount": return "WIP Costs Account"
    case "wipAccruedCostsAccount": return "WIP Accrued Costs Account"
    case "wipAccruedSalesAccount": return "WIP Accrued Sales Account"
    case "wipInvoicedSalesAccount": return "WIP Invoiced Sales Account"
    case "jobCostsAppliedAccount": return "Job Costs Applied Account"
    case "jobCostsAdjustmentAccount": return "Job Costs Adjustment Account"
    case "jobSalesAppliedAccount": return "Job Sales Applied Account"
    case "jobSalesAdjustmentAccount": return "Job Sales Adjustment Account"
    case "recognizedCostsAccount": return "Recognized Costs Account"
    case "recognizedSalesAccount": return "Recognized Sales Account"
    case "itemCostsAppliedAccount": return "Item Costs Applied Account"
    case "resourceCostsAppliedAccount": return "Resource Costs Applied Account"
    case "glCostsAppliedAccount": return "G/L Costs Applied Account"
    default: return field
    }
  }
}
