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
    var taskRows: [Int]
  }
  private var rows: [Row] = []
  private var rowByKey: [Key: Int] = [:]

  mutating func add(_ key: Key, balancingAccount: UInt32, amount: Fraction, taskRow: Int) {
    if let existing = rowByKey[key] {
      rows[existing].amount = rows[existing].amount + amount
      if rows[existing].taskRows.last != taskRow { rows[existing].taskRows.append(taskRow) }
    } else {
      rowByKey[key] = rows.count
      rows.append(Row(key: key, balancingAccount: balancingAccount, amount: amount, taskRows: [taskRow]))
    }
  }

  /// Key order of `CreateWIPEntries`: group, type, posting group code, G/L account code.
  func sortedRows(_ ledger: Ledger) -> [Row] {
    rows.sorted { a, b in
      if a.key.group != b.key.group { return a.key.group < b.key.group }
      if a.key.type != b.key.type { return a.key.type < b.key.type }
      if a.key.postingGroup != b.key.postingGroup {
        return codePrecedes(
          ledger.string(StringID(raw: a.key.postingGroup)), ledger.string(StringID(raw: b.key.postingGroup)))
      }
      return codePrecedes(
        ledger.string(StringID(raw: a.key.account)), ledger.string(StringID(raw: b.key.account)))
    }
  }
}

/// Adds one posting task's entries to the buffer (`CreateTempJobWIPBuffers`,
/// `FindJobLedgerEntriesByJobTask`; `jobs-wip.md` §5.5). Every `add` looks its accounts up
/// before it looks at the amount, as BC does: a blank account the task needs refuses the job
/// even when the amount turns out 0.
struct BufferAdder {
  typealias Account = KeyPath<JobPostingGroupColumns, StringColumn>
  let ledger: Ledger
  let index: JobIndex
  var buffer: WIPBuffer
  let group: Int
  let taskRow: Int
  let jobNo: String
  let taskNo: String
  let date: LedgerDate
  private(set) var problems: [String] = []
  /// The task's posting group row; nil when it has none (refused on first use).
  private let postingGroupRow: Int?
  private let postingGroupCode: StringID

  init(
    calculation: JobCalculation, buffer: WIPBuffer, group: Int, taskRow: Int, jobNo: String, taskNo: String
  ) {
    ledger = calculation.ledger
    index = calculation.index
    self.buffer = buffer
    self.group = group
    self.taskRow = taskRow
    self.jobNo = jobNo
    self.taskNo = taskNo
    date = calculation.options.postingDate
    var code = ledger.jobTasks[Columns.jobTask.jobPostingGroup, taskRow]
    if code.isBlank { code = ledger.jobs[Columns.job.jobPostingGroup, calculation.jobRow] }
    postingGroupCode = code
    postingGroupRow = code.isBlank ? nil : calculation.index.postingGroupRowByID[code.raw]
  }

  /// `add(type, account, bal. account, amount)` of §5.5.
  mutating func add(_ type: JobWIPEntryType, _ account: Account, _ balancing: Account, _ amount: Fraction) {
    guard let row = postingGroupRow else {
      let message =
        postingGroupCode.isBlank
        ? "job \(jobNo), task \(taskNo): Job Posting Group must have a value (on the task or the job)"
        : "job \(jobNo), task \(taskNo): job posting group \"\(ledger.string(postingGroupCode))\" does not exist"
      if !problems.contains(message) { problems.append(message) }
      return
    }
    guard let accountID = lookUp(account, row), let balancingID = lookUp(balancing, row) else { return }
    if amount.isZero { return }
    buffer.add(
      WIPBuffer.Key(group: group, type: type, postingGroup: postingGroupCode.raw, account: accountID),
      balancingAccount: balancingID, amount: amount, taskRow: taskRow)
  }

  private mutating func lookUp(_ account: Account, _ row: Int) -> UInt32? {
    let columns = Columns.jobPostingGroup
    let id = ledger.jobPostingGroups[columns[keyPath: account], row]
    if id.isBlank {
      let field =
        columns.accounts.first { $0.column.slot == columns[keyPath: account].slot }?.name ?? "account"
      let message =
        "job \(jobNo), task \(taskNo): job posting group \"\(ledger.string(postingGroupCode))\" has no \(JobPostingGroupColumns.caption(field)) (jobPostingGroups[\(row)].\(field))"
      if !problems.contains(message) { problems.append(message) }
      return nil
    }
    return id.raw
  }

  // MARK: The entries of one posting task

  mutating func addEntries(
    recognizedCosts r: Fraction, recognizedSales rs: Fraction, figures t: JobWIPRun.Figures,
    method: JobWIPMethod,
    complete: Bool, perEntry: Bool, amounts: inout [Int: ExactDecimal]
  ) {
    let cip = t.invoicedPrice, utc = t.usageTotalCost
    let poc = method.recognizedSales == .percentageOfCompletion
    if complete {
      if perEntry {
        ledgerCosts(&amounts)
        ledgerSales(method, cip: cip, rs: rs, &amounts)
      }
      if !r.isZero {
        add(
          .recognizedCosts, \.recognizedCostsAccount, perEntry ? \.wipCostsAccount : \.jobCostsAppliedAccount,
          r)
      }
      if !rs.isZero {
        add(
          .recognizedSales, \.recognizedSalesAccount,
          perEntry ? \.wipInvoicedSalesAccount : \.jobSalesAppliedAccount, -rs)
      }
      return
    }
    if !r.isZero {
      add(.recognizedCosts, \.recognizedCostsAccount, \.wipCostsAccount, r)
      if perEntry {
        ledgerCosts(&amounts)
      } else {
        add(.appliedCosts, \.jobCostsAppliedAccount, \.wipCostsAccount, appliedCosts(method, r, utc))
      }
    }
    if !rs.isZero {
      add(
        .recognizedSales, \.recognizedSalesAccount,
        poc ? \.wipAccruedSalesAccount : \.wipInvoicedSalesAccount, -rs)
      if !perEntry || poc {
        add(
          .appliedSales, \.jobSalesAppliedAccount, \.wipInvoicedSalesAccount,
          appliedSales(method, rs, cip, appliedAccrued: cip > rs && poc))
      } else {
        ledgerSales(method, cip: cip, rs: rs, &amounts)
      }
      if rs > cip {
        add(
          .accruedSales, \.jobSalesAdjustmentAccount, \.wipAccruedSalesAccount,
          method.recognizedSales.accruesSales ? cip - rs : .zero)
      }
    }
    if r.isZero && !utc.isZero {
      if perEntry {
        ledgerCosts(&amounts)
      } else {
        add(.appliedCosts, \.jobCostsAppliedAccount, \.wipCostsAccount, -utc)
      }
    }
    if rs.isZero && !cip.isZero {
      if perEntry {
        ledgerSales(method, cip: cip, rs: rs, &amounts)
      } else {
        add(
          .appliedSales, \.jobSalesAppliedAccount, \.wipInvoicedSalesAccount,
          appliedSales(method, .zero, cip, appliedAccrued: false))
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

  /// Ledger-based Applied Costs: one addition per usage entry up to the posting date.
  private mutating func ledgerCosts(_ amounts: inout [Int: ExactDecimal]) {
    let entry = Columns.jobLedgerEntry
    let entries = ledger.jobLedgerEntries
    for row in index.ledgerEntriesByTask[taskRow]
    where entries[entry.entryType, row] == .usage && entries[entry.postingDate, row] <= date {
      let account: Account
      switch entries[entry.type, row] {
      case .item: account = \.itemCostsAppliedAccount
      case .resource: account = \.resourceCostsAppliedAccount
      case .glAccount: account = \.glCostsAppliedAccount
      }
      let cost = entries[entry.totalCostLCY, row]
      add(.appliedCosts, account, \.wipCostsAccount, -Fraction(cost))
      amounts[row] = cost.subtracting(entries[entry.amtPostedToGL, row]) ?? cost
    }
  }

  /// Ledger-based Applied Sales: per sale entry, or per usage entry when a Usage (Total Price)
  /// method recognizes more than was invoiced.
  private mutating func ledgerSales(
    _ method: JobWIPMethod, cip: Fraction, rs: Fraction, _ amounts: inout [Int: ExactDecimal]
  ) {
    let entry = Columns.jobLedgerEntry
    let entries = ledger.jobLedgerEntries
    let fromUsage = method.recognizedSales == .usageTotalPrice && cip < rs
    let wanted: JobLedgerEntryType = fromUsage ? .usage : .sale
    for row in index.ledgerEntriesByTask[taskRow]
    where entries[entry.entryType, row] == wanted && entries[entry.postingDate, row] <= date {
      let price = entries[entry.lineAmountLCY, row]
      add(
        .appliedSales, \.jobSalesAppliedAccount, \.wipInvoicedSalesAccount,
        fromUsage ? Fraction(price) : -Fraction(price))
      amounts[row] = price.subtracting(entries[entry.amtPostedToGL, row]) ?? price
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
