// The job WIP results as export tables (`jobs-wip.md` §9): the same values for the CLI, the
// workbench's screens and their CSV export.

extension JobWIPRun {
  public static let entryHeader = [
    "Job No.", "Job Task No.", "WIP Posting Date", "Document No.", "Type", "G/L Account No.",
    "G/L Bal. Account No.",
    "WIP Entry Amount", "Job Posting Group", "WIP Method Used", "WIP Posting Method Used", "Job Complete",
    "Reverse",
    "Entry No.",
  ]

  /// One line per Job WIP Entry, jobs in number order, entries in entry-number order (§9.1).
  public func entriesTable(decimals: Int) -> ExportTable {
    ExportTable(
      title: "Job WIP Entries", header: JobWIPRun.entryHeader,
      rows: entries.map { JobWIPRun.entryRow($0, decimals: decimals) })
  }

  static func entryRow(_ entry: Entry, decimals: Int) -> [ExportTable.Cell] {
    [
      .text(entry.jobNo), .text(entry.jobTaskNo), .text(entry.wipPostingDate.text), .text(entry.documentNo),
      .text(entry.type.caption), .text(entry.glAccountNo), .text(entry.glBalAccountNo),
      .amount(entry.amount, decimals: decimals), .text(entry.jobPostingGroup), .text(entry.wipMethodUsed),
      .text(entry.wipPostingMethodUsed.normalized.caption), .text(yesNo(entry.jobComplete)),
      .text(yesNo(entry.reverse)),
      .integer(entry.entryNo),
    ]
  }

  /// The warnings, jobs and groups in order, checks in the order of §6.
  public var warningsTable: ExportTable {
    ExportTable(
      title: "Warnings", header: ["Job No.", "Job Task No.", "Warning Message"],
      rows: warnings.map { [.text($0.jobNo), .text($0.jobTaskNo), .text($0.message)] })
  }

  /// `{"entries":[…],"warnings":[…]}`, values as in the CSV.
  public func json(decimals: Int) -> String {
    "{\"entries\":" + entriesTable(decimals: decimals).rowObjects + ",\n\"warnings\":"
      + warningsTable.rowObjects + "}"
  }

  /// The jobs of the run with their figures, as the workbench's Jobs screen lists them.
  public func jobsTable(decimals: Int) -> ExportTable {
    ExportTable(
      title: "Jobs",
      header: [
        "Job No.", "Description", "WIP Method", "WIP Posting Method", "Complete", "Recog. Costs Amount",
        "Recog. Sales Amount", "WIP Amount", "Warnings",
      ],
      rows: jobs.map { job in
        [
          .text(job.jobNo), .text(job.description), .text(job.wipMethod), .text(job.postingMethod.caption),
          .text(job.skipped ? "Posted" : yesNo(job.complete)),
          .amount(round(job.recognizedCosts, decimals), decimals: decimals),
          .amount(round(job.recognizedSales, decimals), decimals: decimals),
          .amount(job.wipAmount, decimals: decimals),
          .integer(Int64(job.warnings.count)),
        ]
      })
  }

  /// One job's tasks with the eight amounts and the recognized costs and sales.
  public func tasksTable(of job: JobResult, decimals: Int) -> ExportTable {
    func amount(_ value: Fraction) -> ExportTable.Cell { .amount(round(value, decimals), decimals: decimals) }
    return ExportTable(
      title: "Job Tasks of \(job.jobNo)",
      header: [
        "Job Task No.", "Description", "Job Task Type", "WIP-Total", "WIP Method", "Budget (Total Cost)",
        "Budget (Total Price)", "Billable (Total Price)", "Usage (Total Cost)", "Usage (Total Price)",
        "Billable (Invoiced Price)", "Recog. Costs Amount", "Recog. Sales Amount", "Warnings",
      ],
      rows: job.tasks.map { task in
        let f = task.figures
        let warnings = job.warnings.filter { $0.jobTaskNo == task.jobTaskNo }.map(\.message)
        return [
          .text(task.jobTaskNo), .text(task.description), .text(task.type.caption),
          .text(task.wipTotal.caption),
          .text(task.wipTotal == .total ? task.wipMethod : ""), amount(f.budgetTotalCost),
          amount(f.budgetTotalPrice),
          amount(f.billableTotalPrice), amount(f.usageTotalCost), amount(f.usageTotalPrice),
          amount(f.invoicedPrice),
          amount(task.recognizedCosts), amount(task.recognizedSales), .text(warnings.joined(separator: " ")),
        ]
      })
  }

  private func round(_ value: Fraction, _ decimals: Int) -> ExactDecimal {
    value.rounded(decimals: decimals) ?? .zero
  }
}

extension JobWIPToGL {
  public static let header = [
    "G/L Acc. No.", "Description", "Job Posting Group", "WIP Cost Amount", "WIP Accrued Costs Amount",
    "WIP Invoiced Sales Amount", "WIP Accrued Sales Amount", "WIP Amount", "G/L Balance", "Difference",
  ]

  /// Report 1010 as a table (§9.2): one line per account and posting group, then `Total`.
  public func table(decimals: Int) -> ExportTable {
    func row(_ line: Line, total: Bool) -> [ExportTable.Cell] {
      [
        .text(line.glAccountNo), total ? .empty : .text(line.description),
        total ? .empty : .text(line.jobPostingGroup),
        .amount(line.wipCostAmount, decimals: decimals),
        .amount(line.wipAccruedCostsAmount, decimals: decimals),
        .amount(line.wipInvoicedSalesAmount, decimals: decimals),
        .amount(line.wipAccruedSalesAmount, decimals: decimals),
        .amount(line.wipAmount, decimals: decimals),
        line.glBalance.map { .amount($0, decimals: decimals) } ?? .empty,
        line.difference.map { .amount($0, decimals: decimals) } ?? .empty,
      ]
    }
    return ExportTable(
      title: "Job WIP To G/L", header: JobWIPToGL.header,
      rows: lines.map { row($0, total: false) } + [row(totals, total: true)])
  }
}

private func yesNo(_ value: Bool) -> String { value ? "Yes" : "No" }

extension ExportTable {
  /// The rows as a JSON array of objects keyed by column caption, values in their CSV form.
  public var rowObjects: String { "[" + objectTexts.joined(separator: ",\n") + "]" }
}

extension JobWIPRun {
  /// What lies behind one task's figures: its planning lines (all dates) and its job ledger
  /// entries (those up to the posting date count; later ones are listed and marked).
  public func taskLinesTable(_ ledger: Ledger, job: JobResult, task: Task) -> ExportTable {
    let p = Columns.jobPlanningLine, e = Columns.jobLedgerEntry
    let decimals = ledger.amountDecimals
    let index = JobIndex.rows(ofTask: task.row, in: ledger)
    var rows: [[ExportTable.Cell]] = []
    for row in index.planningLines {
      let lines = ledger.jobPlanningLines
      rows.append([
        .text("Planning Line"), .integer(lines[p.lineNo, row]), .text(lines[p.planningDate, row].textOrBlank),
        .text(lines[p.lineType, row].caption), .text(lines[p.type, row].caption),
        .text(ledger.string(lines[p.no, row])),
        .empty, .text(ledger.string(lines[p.description, row])),
        .amount(lines[p.totalCostLCY, row], decimals: decimals),
        .amount(lines[p.lineAmountLCY, row], decimals: decimals), .empty, .empty,
      ])
    }
    for row in index.ledgerEntries {
      let entries = ledger.jobLedgerEntries
      let date = entries[e.postingDate, row]
      rows.append([
        .text("Job Ledger Entry"), .integer(entries[e.entryNo, row]), .text(date.text),
        .text(entries[e.entryType, row].caption), .text(entries[e.type, row].caption),
        .text(ledger.string(entries[e.no, row])), .text(ledger.string(entries[e.documentNo, row])),
        .text(ledger.string(entries[e.description, row])),
        .amount(entries[e.totalCostLCY, row], decimals: decimals),
        .amount(entries[e.lineAmountLCY, row], decimals: decimals),
        .amount(entries[e.amtPostedToGL, row], decimals: decimals),
        .text(date <= options.postingDate ? "" : "after \(options.postingDate.text)"),
      ])
    }
    return ExportTable(
      title: "\(job.jobNo) \(task.jobTaskNo) lines",
      header: [
        "Source", "Entry/Line No.", "Date", "Entry/Line Type", "Type", "No.", "Document No.", "Description",
        "Total Cost (LCY)", "Line Amount (LCY)", "Amt. Posted to G/L", "Counted",
      ], rows: rows)
  }
}

extension LedgerDate {
  var textOrBlank: String { self == LedgerTable.noDate ? "" : text }
}
