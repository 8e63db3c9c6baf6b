import ReconEngine

/// Which of the Jobs screens a list is: its footer keys.
public enum JobsScreen: Equatable, Sendable {
  case jobs, entries, tasks, lines

  var keyHints: String {
    switch self {
    case .jobs: return "Enter tasks  c calculate WIP  p post WIP  5 Job WIP To G/L"
    case .entries: return "Enter tasks  c posting date  p post these  5 Job WIP To G/L"
    case .tasks: return "Enter lines  c calculate WIP  p post WIP"
    case .lines: return "c calculate WIP  p post WIP"
    }
  }
}

/// `J`, `c`, `p`: the project (job) WIP screens. The Jobs screen lists every job with what Job
/// Calculate WIP finds for the jobs' posting date; Enter drills to the tasks, then to the planning
/// lines and ledger entries behind a task's figures. `c` asks for a posting date and shows the
/// Job WIP Entries of that date; `p` posts them (Job Post WIP to G/L) after a confirmation.
enum JobsScreens {
  /// The posting date the Jobs screens use: the one chosen last, else the end of the matrix's
  /// date filter, else the end of the month of the last job ledger entry (period-end WIP), else
  /// the last value entry's date, else today.
  static func defaultDate(_ state: AppState) -> LedgerDate {
    if let date = state.jobsDate { return date }
    if let end = state.filters.dates.end { return end.normalDate }
    let jobDates = state.ledger.jobLedgerEntries.ordinals(Columns.jobLedgerEntry.postingDate)
    if let last = jobDates.max() { return LedgerDate(ordinal: last).lastDayOfMonth }
    let dates = state.ledger.valueEntries.ordinals(Columns.valueEntry.postingDate)
    return dates.max().map { LedgerDate(ordinal: $0).normalDate } ?? state.today
  }

  /// `WIP-20251231`: the document number of a run at that date.
  static func documentNo(_ date: LedgerDate) -> String {
    let (year, month, day) = date.components
    return "WIP-\(year)\(month < 10 ? "0" : "")\(month)\(day < 10 ? "0" : "")\(day)"
  }

  @discardableResult
  static func calculateRun(_ state: inout AppState, at date: LedgerDate) -> JobWIPRun {
    let run = JobWIPRun(state.ledger, .init(postingDate: date, documentNo: documentNo(date)))
    state.jobRun = run
    state.jobsDate = date
    return run
  }

  /// Removes the Jobs screens (and what was opened from them) from the stack.
  static func closeScreens(_ state: inout AppState) {
    let first = state.stack.firstIndex { screen in
      if case .list(let list) = screen, list.jobs != nil || list.report?.kind == .jobWIPToGL { return true }
      return false
    }
    if let first { state.stack.removeSubrange(first...) }
  }

  static func open(_ state: inout AppState) {
    guard !state.ledger.jobs.isEmpty else {
      state.say("This company has no jobs (projects): the snapshot has no jobs table")
      return
    }
    let run = calculateRun(&state, at: defaultDate(state))
    closeScreens(&state)
    pushJobs(run, &state)
    sayProblems(
      run, &state, otherwise: "\(run.jobs.count) jobs at \(run.options.postingDate.text): c changes the date")
  }

  private static func pushJobs(_ run: JobWIPRun, _ state: inout AppState) {
    let table = run.jobsTable(decimals: state.ledger.amountDecimals)
    var list = ListView(
      title: "Jobs at \(run.options.postingDate.text)",
      source: .table(table, refs: run.jobs.indices.map { .job($0) }),
      exportName: "jobs-\(run.options.postingDate.text).csv")
    list.jobs = .jobs
    state.stack.append(.list(list))
  }

  private static func sayProblems(_ run: JobWIPRun, _ state: inout AppState, otherwise text: String) {
    if let first = run.problems.first {
      let more = run.problems.count > 1 ? " (and \(run.problems.count - 1) more)" : ""
      state.say("Calculate WIP refuses: \(first)\(more)", error: true)
    } else {
      state.say(text)
    }
  }

  static func openTasks(of job: Int, _ state: inout AppState) {
    guard let run = state.jobRun, run.jobs.indices.contains(job) else {
      return state.say("The ledger changed: press J to open the jobs again")
    }
    let result = run.jobs[job]
    guard !result.tasks.isEmpty else { return state.say("\(result.jobNo) has no tasks") }
    let table = run.tasksTable(of: result, decimals: state.ledger.amountDecimals)
    var list = ListView(
      title: "\(result.jobNo) tasks",
      source: .table(table, refs: result.tasks.indices.map { .jobTask(job: job, task: $0) }),
      exportName: "job-tasks-\(result.jobNo).csv")
    list.jobs = .tasks
    state.stack.append(.list(list))
    if result.skipped { state.say("\(result.jobNo): its completion was posted; Calculate WIP leaves it out") }
  }

  static func openLines(job: Int, task: Int, _ state: inout AppState) {
    guard let run = state.jobRun, run.jobs.indices.contains(job), run.jobs[job].tasks.indices.contains(task)
    else {
      return state.say("The ledger changed: press J to open the jobs again")
    }
    let result = run.jobs[job]
    let taskResult = result.tasks[task]
    let table = run.taskLinesTable(state.ledger, job: result, task: taskResult)
    guard !table.rows.isEmpty else {
      return state.say("Task \(taskResult.jobTaskNo) has no planning lines or ledger entries")
    }
    var list = ListView(
      title: table.title, source: .table(table, refs: []),
      exportName: "job-task-\(result.jobNo)-\(taskResult.jobTaskNo).csv")
    list.jobs = .lines
    state.stack.append(.list(list))
  }

  /// `c`: asks for the posting date.
  static func askPostingDate(_ state: inout AppState) {
    guard !state.ledger.jobs.isEmpty else {
      return state.say("This company has no jobs (projects): the snapshot has no jobs table")
    }
    state.prompt = Prompt(
      kind: .wipPostingDate, label: "Calculate WIP at posting date: ", text: defaultDate(state).text)
  }

  /// The posting date prompt's answer: the Jobs screen at that date, the Job WIP Entries above it.
  static func calculate(_ text: String, _ state: inout AppState) {
    guard let date = LedgerDate(text), date.normalDate == date else {
      return state.say("“\(text)”: the WIP posting date is one date (YYYY-MM-DD)", error: true)
    }
    let run = calculateRun(&state, at: date)
    closeScreens(&state)
    pushJobs(run, &state)
    var jobIndex: [String: Int] = [:]
    for (index, job) in run.jobs.enumerated() { jobIndex[job.jobNo] = index }
    let entries = run.entries
    var list = ListView(
      title: "Job WIP Entries at \(date.text) (\(entries.count))",
      source: .table(
        run.entriesTable(decimals: state.ledger.amountDecimals),
        refs: entries.map { .job(jobIndex[$0.jobNo] ?? 0) }),
      exportName: "job-wip-entries-\(date.text).csv")
    list.jobs = .entries
    state.stack.append(.list(list))
    sayProblems(
      run, &state,
      otherwise:
        "\(entries.count) Job WIP entries, \(run.warnings.count) warnings at \(date.text): p posts them")
  }

  /// `p`: asks before posting the WIP of the jobs' posting date.
  static func askToPost(_ state: inout AppState) {
    guard !state.ledger.jobs.isEmpty else {
      return state.say("This company has no jobs (projects): the snapshot has no jobs table")
    }
    let date = defaultDate(state)
    let run =
      state.jobRun.flatMap { $0.options.postingDate == date ? $0 : nil } ?? calculateRun(&state, at: date)
    if !run.problems.isEmpty { return sayProblems(run, &state, otherwise: "") }
    state.prompt = Prompt(
      kind: .confirmPostWIP,
      label:
        "Post \(run.entries.count) Job WIP entries at \(date.text) as \(documentNo(date)), reversing earlier WIP first? (y/n) ",
      text: "")
  }

  /// Confirmed: Job Post WIP to G/L, then the Jobs screen again on the posted ledger.
  static func post(_ state: inout AppState) {
    let date = defaultDate(state)
    var ledger = state.ledger
    do {
      let summary = try JobWIPPosting.post(
        &ledger, .init(postingDate: date, documentNo: documentNo(date), runDate: state.today))
      try state.replaceLedger(ledger)
      state.dirty = true
      let run = calculateRun(&state, at: date)
      closeScreens(&state)
      pushJobs(run, &state)
      state.say(summary.description)
    } catch let refusal as JobWIPPosting.Refusal {
      let more = refusal.problems.count > 1 ? " (and \(refusal.problems.count - 1) more)" : ""
      state.say("Post WIP to G/L refuses: \(refusal.problems.first ?? "")\(more)", error: true)
    } catch {
      state.say("\(error)", error: true)
    }
  }
}
