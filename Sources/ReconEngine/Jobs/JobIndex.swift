/// The job tables arranged for the WIP calculation, built in one pass over each table: jobs in
/// `no` order, each job's tasks in `jobTaskNo` order, and each task's planning lines and ledger
/// entries (the latter in entry-number order) as ranges of flat arrays.
struct JobIndex: Sendable {
  /// Job rows sorted by number (codes compared byte by byte, as `jobs-wip.md` §2.3 orders them).
  let jobRowsInOrder: [Int]
  /// Per job row, its task rows in task-number order.
  let taskRowsByJob: [[Int]]
  /// Per task row, its planning-line rows and its ledger-entry rows (entry-number order).
  let planningLinesByTask: [[Int]]
  let ledgerEntriesByTask: [[Int]]
  /// Per job row, its Job WIP G/L entry rows (entry-number order) and its Job WIP Entry rows.
  let wipGLEntriesByJob: [[Int]]
  let wipEntriesByJob: [[Int]]
  /// Largest Job WIP Entry number of entries whose job is not in the table (none after
  /// validation, but a calculation never trusts that).
  let orphanWIPEntryMax: Int64
  let postingGroupRowByID: [UInt32: Int]
  /// Per posting group row, its thirteen account ids in `JobAccount` order (0 = blank).
  let postingGroupAccounts: [[UInt32]]
  /// The rank of every posting group code and account id in byte order of the codes: the
  /// buffer's key order without building strings per comparison.
  let codeRank: [UInt32: Int]

  init(_ ledger: Ledger) {
    let job = Columns.job, task = Columns.jobTask
    let jobs = ledger.jobs, tasks = ledger.jobTasks
    var jobRowByID: [UInt32: Int] = [:]
    jobRowByID.reserveCapacity(jobs.count)
    for row in jobs.indices where jobRowByID[jobs[job.no, row].raw] == nil {
      jobRowByID[jobs[job.no, row].raw] = row
    }
    let jobNumbers = jobs.indices.map { Array(ledger.string(jobs[job.no, $0]).utf8) }
    jobRowsInOrder = jobs.indices.sorted { jobNumbers[$0].lexicographicallyPrecedes(jobNumbers[$1]) }

    var taskRowsByJob = [[Int]](repeating: [], count: jobs.count)
    var taskRowByKey: [JobTaskKey: Int] = [:]
    taskRowByKey.reserveCapacity(tasks.count)
    for row in tasks.indices {
      let key = JobTaskKey(job: tasks[task.jobNo, row], task: tasks[task.jobTaskNo, row])
      if taskRowByKey[key] == nil { taskRowByKey[key] = row }
      if let jobRow = jobRowByID[key.job] { taskRowsByJob[jobRow].append(row) }
    }
    // Sort each job's tasks by their number's bytes; one byte array per distinct code.
    var codeBytes: [UInt32: [UInt8]] = [:]
    for row in tasks.indices {
      let id = tasks[task.jobTaskNo, row]
      if codeBytes[id.raw] == nil { codeBytes[id.raw] = Array(ledger.string(id).utf8) }
    }
    for jobRow in taskRowsByJob.indices where taskRowsByJob[jobRow].count > 1 {
      taskRowsByJob[jobRow].sort { a, b in
        let left = codeBytes[tasks[task.jobTaskNo, a].raw] ?? []
        let right = codeBytes[tasks[task.jobTaskNo, b].raw] ?? []
        return left.lexicographicallyPrecedes(right)
      }
    }
    self.taskRowsByJob = taskRowsByJob

    let line = Columns.jobPlanningLine
    var planning = [[Int]](repeating: [], count: tasks.count)
    for row in ledger.jobPlanningLines.indices {
      let key = JobTaskKey(
        job: ledger.jobPlanningLines[line.jobNo, row], task: ledger.jobPlanningLines[line.jobTaskNo, row])
      if let taskRow = taskRowByKey[key] { planning[taskRow].append(row) }
    }
    planningLinesByTask = planning

    let entry = Columns.jobLedgerEntry
    let entries = ledger.jobLedgerEntries
    var byTask = [[Int]](repeating: [], count: tasks.count)
    var lastKey = JobTaskKey(job: .blank, task: .blank)
    var lastTask: Int? = nil
    for row in entries.indices {
      let key = JobTaskKey(job: entries[entry.jobNo, row], task: entries[entry.jobTaskNo, row])
      if key != lastKey || lastTask == nil {
        lastKey = key
        lastTask = taskRowByKey[key]
      }
      if let taskRow = lastTask { byTask[taskRow].append(row) }
    }
    let numbers = entries.values(entry.entryNo)
    for taskRow in byTask.indices where byTask[taskRow].count > 1 {
      var sorted = true
      for index in 1..<byTask[taskRow].count
      where numbers[byTask[taskRow][index - 1]] > numbers[byTask[taskRow][index]] {
        sorted = false
        break
      }
      if !sorted { byTask[taskRow].sort { numbers[$0] < numbers[$1] } }
    }
    ledgerEntriesByTask = byTask

    let wipGL = Columns.jobWIPGLEntry
    var glByJob = [[Int]](repeating: [], count: jobs.count)
    for row in ledger.jobWIPGLEntries.indices {
      if let jobRow = jobRowByID[ledger.jobWIPGLEntries[wipGL.jobNo, row].raw] { glByJob[jobRow].append(row) }
    }
    let glNumbers = ledger.jobWIPGLEntries.values(wipGL.entryNo)
    for jobRow in glByJob.indices where glByJob[jobRow].count > 1 {
      glByJob[jobRow].sort { glNumbers[$0] < glNumbers[$1] }
    }
    wipGLEntriesByJob = glByJob

    let wip = Columns.jobWIPEntry
    var wipByJob = [[Int]](repeating: [], count: jobs.count)
    var orphanMax: Int64 = 0
    for row in ledger.jobWIPEntries.indices {
      if let jobRow = jobRowByID[ledger.jobWIPEntries[wip.jobNo, row].raw] {
        wipByJob[jobRow].append(row)
      } else {
        orphanMax = max(orphanMax, ledger.jobWIPEntries[wip.entryNo, row])
      }
    }
    wipEntriesByJob = wipByJob
    orphanWIPEntryMax = orphanMax
    var groups: [UInt32: Int] = [:]
    for row in ledger.jobPostingGroups.indices.reversed() {
      groups[ledger.jobPostingGroups[Columns.jobPostingGroup.code, row].raw] = row
    }
    postingGroupRowByID = groups
    let columns = Columns.jobPostingGroup
    postingGroupAccounts = ledger.jobPostingGroups.indices.map { row in
      columns.accounts.map { ledger.jobPostingGroups[$0.column, row].raw }
    }
    var ids = Set<UInt32>()
    for row in ledger.jobPostingGroups.indices { ids.insert(ledger.jobPostingGroups[columns.code, row].raw) }
    for accounts in postingGroupAccounts { ids.formUnion(accounts) }
    let ordered = ids.sorted {
      codePrecedes(ledger.string(StringID(raw: $0)), ledger.string(StringID(raw: $1)))
    }
    var rank: [UInt32: Int] = [:]
    for (position, id) in ordered.enumerated() { rank[id] = position }
    codeRank = rank
  }
}

extension JobIndex {
  /// One task's planning-line and ledger-entry rows (entry-number order), found without the
  /// whole index: what the workbench lists behind a task.
  struct TaskRows {
    var planningLines: [Int]
    var ledgerEntries: [Int]
  }

  static func rows(ofTask taskRow: Int, in ledger: Ledger) -> TaskRows {
    let t = Columns.jobTask, p = Columns.jobPlanningLine, e = Columns.jobLedgerEntry
    let job = ledger.jobTasks[t.jobNo, taskRow], task = ledger.jobTasks[t.jobTaskNo, taskRow]
    let lines = ledger.jobPlanningLines, entries = ledger.jobLedgerEntries
    let planning = lines.indices.filter { lines[p.jobNo, $0] == job && lines[p.jobTaskNo, $0] == task }
    let numbers = entries.values(e.entryNo)
    let ledgerRows = entries.indices.filter {
      entries[e.jobNo, $0] == job && entries[e.jobTaskNo, $0] == task
    }
    .sorted { numbers[$0] < numbers[$1] }
    return TaskRows(planningLines: planning, ledgerEntries: ledgerRows)
  }
}

/// Codes in the order `jobs-wip.md` sorts them: byte by byte (ordinal).
func codePrecedes(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }
