/// The loader's checks of the job WIP extension (`jobs-wip.md` §2.10): uniqueness and references
/// between the job tables, the posting groups' accounts and the G/L entries. Blank codes are
/// allowed everywhere; a blank code refers to nothing.
extension Ledger {
  func jobProblems(_ report: (String, String) -> Void) {
    if Ledger.jobTables.allSatisfy({ self[keyPath: $0].isEmpty }) { return }
    let job = Columns.job, task = Columns.jobTask, line = Columns.jobPlanningLine
    let entry = Columns.jobLedgerEntry, group = Columns.jobPostingGroup, method = Columns.jobWIPMethod
    let wip = Columns.jobWIPEntry, wipGL = Columns.jobWIPGLEntry

    reportDuplicateKeys(jobs, [job.no], report)
    reportDuplicateKeys(jobTasks, [task.jobNo, task.jobTaskNo], report)
    reportDuplicatePlanningLines(report)
    reportDuplicateNumbers(jobLedgerEntries, entry.entryNo, "entryNo", report)
    reportDuplicateKeys(jobPostingGroups, [group.code], report)
    reportDuplicateKeys(jobWIPMethods, [method.code], report)
    reportDuplicateNumbers(jobWIPEntries, wip.entryNo, "entryNo", report)
    reportDuplicateNumbers(jobWIPGLEntries, wipGL.entryNo, "entryNo", report)

    let jobIDs = Set(jobs.ids(job.no))
    let groupIDs = Set(jobPostingGroups.ids(group.code))
    // The known WIP method codes as string ids (a code the pool does not hold names nothing).
    var methodIDs = Set(jobWIPMethods.ids(method.code))
    for code in JobWIPMethodSet.builtInCodes { if let id = strings.lookup(code) { methodIDs.insert(id.raw) } }
    var postingTasks = Set<JobTaskKey>()
    for row in jobTasks.indices where jobTasks[task.jobTaskType, row] == .posting {
      postingTasks.insert(JobTaskKey(job: jobTasks[task.jobNo, row], task: jobTasks[task.jobTaskNo, row]))
    }

    func checkCode(
      _ table: LedgerTable, _ row: Int, _ column: StringColumn, _ field: String, in known: Set<UInt32>,
      _ what: String, _ tableName: String
    ) {
      let id = table[column, row]
      if !id.isBlank && !known.contains(id.raw) {
        report(path(table, row, field), "\(what) \"\(string(id))\" does not exist in \(tableName)")
      }
    }
    func checkMethod(_ table: LedgerTable, _ row: Int, _ column: StringColumn) {
      let id = table[column, row]
      if !id.isBlank && !methodIDs.contains(id.raw) {
        report(path(table, row, "wipMethod"), "WIP method \"\(string(id))\" does not exist in jobWipMethods")
      }
    }
    for row in jobs.indices {
      checkCode(
        jobs, row, job.jobPostingGroup, "jobPostingGroup", in: groupIDs, "job posting group",
        "jobPostingGroups")
      checkMethod(jobs, row, job.wipMethod)
    }
    for row in jobTasks.indices {
      checkCode(jobTasks, row, task.jobNo, "jobNo", in: jobIDs, "job", "jobs")
      checkCode(
        jobTasks, row, task.jobPostingGroup, "jobPostingGroup", in: groupIDs, "job posting group",
        "jobPostingGroups")
      checkMethod(jobTasks, row, task.wipMethod)
      if jobTasks[task.wipTotal, row] == .excluded && jobTasks[task.jobTaskType, row] != .posting {
        report(
          path(jobTasks, row, "wipTotal"),
          "\"Excluded\" is allowed only on a task of type \"Posting\", not \"\(jobTasks[task.jobTaskType, row].caption)\""
        )
      }
    }
    for (table, jobColumn, taskColumn) in [
      (jobPlanningLines, line.jobNo, line.jobTaskNo), (jobLedgerEntries, entry.jobNo, entry.jobTaskNo),
    ] {
      for row in table.indices {
        let key = JobTaskKey(job: table[jobColumn, row], task: table[taskColumn, row])
        if !postingTasks.contains(key) {
          report(
            path(table, row, "jobTaskNo"),
            "job task \"\(string(StringID(raw: key.job)))\" \"\(string(StringID(raw: key.task)))\" does not exist in jobTasks as a task of type \"Posting\""
          )
        }
      }
    }
    let accountIDs = Set(glAccounts.ids(Columns.glAccount.no))
    for row in jobPostingGroups.indices {
      for (name, column) in group.accounts {
        checkCode(jobPostingGroups, row, column, name, in: accountIDs, "G/L account", "glAccounts")
      }
    }
    for row in jobWIPEntries.indices {
      checkCode(jobWIPEntries, row, wip.jobNo, "jobNo", in: jobIDs, "job", "jobs")
    }
    for row in jobWIPGLEntries.indices {
      checkCode(jobWIPGLEntries, row, wipGL.jobNo, "jobNo", in: jobIDs, "job", "jobs")
      let glEntryNo = jobWIPGLEntries[wipGL.glEntryNo, row]
      if glEntryNo != 0 && indexes.glEntryByNumber.row(of: glEntryNo) == nil {
        report(path(jobWIPGLEntries, row, "glEntryNo"), "G/L entry \(glEntryNo) does not exist")
      }
    }
  }

  private func reportDuplicatePlanningLines(_ report: (String, String) -> Void) {
    let line = Columns.jobPlanningLine
    var seen = Set<PlanningLineKey>()
    for row in jobPlanningLines.indices {
      let key = PlanningLineKey(
        job: jobPlanningLines[line.jobNo, row].raw, task: jobPlanningLines[line.jobTaskNo, row].raw,
        line: jobPlanningLines[line.lineNo, row])
      if !seen.insert(key).inserted {
        report(
          path(jobPlanningLines, row, "lineNo"),
          "line number \(key.line) is used more than once in job task \"\(string(jobPlanningLines[line.jobNo, row]))\" \"\(string(jobPlanningLines[line.jobTaskNo, row]))\""
        )
      }
    }
  }
}

private struct PlanningLineKey: Hashable {
  var job: UInt32, task: UInt32, line: Int64
}

/// A job task by its two codes (string ids of one pool).
struct JobTaskKey: Hashable {
  var job: UInt32
  var task: UInt32
  init(job: StringID, task: StringID) {
    self.job = job.raw
    self.task = task.raw
  }
}
