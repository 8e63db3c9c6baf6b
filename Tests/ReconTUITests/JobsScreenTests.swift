import ReconEngine
import Testing

@testable import ReconTUI

/// The Jobs screens (`J`, Enter, `c`, `p`, `5`) on the reducer and the renderer. Expected figures
/// come from the engine's own values for the same ledger (the screen must show what `jobs wip`
/// prints), or from the sample's ledger columns, never from a previous screen capture.
@Suite("Jobs screen")
struct JobsScreenTests {
  func text(_ state: AppState) -> String { Render.frame(state).lines().joined(separator: "\n") }

  func topList(_ state: AppState) throws -> ListView {
    guard case .list(let list) = state.stack.last else { throw TUITestError("no list on top") }
    return list
  }

  @Test("J lists every job at the end of the month of the last job entry, with the run's figures")
  func opens() throws {
    var state = try sampleState()
    press(&state, .character("J"))
    let list = try topList(state)
    #expect(list.jobs == .jobs)
    #expect(list.title == "Jobs at 2025-12-31")
    #expect(list.order.count == state.ledger.jobs.count)
    let run = JobWIPRun(state.ledger, .init(postingDate: try #require(LedgerDate("2025-12-31"))))
    let frame = text(state)
    for job in run.jobs {
      #expect(frame.contains(job.jobNo))
      if !job.entries.isEmpty { #expect(frame.contains(job.wipAmount.grouped(decimals: 2))) }
    }
    #expect(state.message?.contains("6 jobs at 2025-12-31") == true)
    // The next key clears the message; the footer then shows the screen's keys.
    press(&state, .down)
    #expect(text(state).contains("c calculate WIP  p post WIP"))
  }

  @Test("Enter drills to the tasks, then to the planning lines and ledger entries of a task")
  func drills() throws {
    var state = try sampleState()
    press(&state, .character("J"), .enter)
    var list = try topList(state)
    #expect(list.jobs == .tasks)
    let job = state.ledger.jobs[Columns.job.no, 0]
    #expect(list.title == "\(state.ledger.string(job)) tasks")
    // The second task is the group's first posting task (the first is its Begin-Total).
    press(&state, .down, .enter)
    list = try topList(state)
    #expect(list.jobs == .lines)
    let t = Columns.jobTask, e = Columns.jobLedgerEntry, p = Columns.jobPlanningLine
    let taskRows = state.ledger.jobTasks.indices.filter { state.ledger.jobTasks[t.jobNo, $0] == job }
    let taskNo = try #require(
      taskRows.map { state.ledger.string(state.ledger.jobTasks[t.jobTaskNo, $0]) }.sorted().dropFirst().first)
    let entries = state.ledger.jobLedgerEntries.indices.filter {
      state.ledger.jobLedgerEntries[e.jobNo, $0] == job
        && state.ledger.string(state.ledger.jobLedgerEntries[e.jobTaskNo, $0]) == taskNo
    }
    let lines = state.ledger.jobPlanningLines.indices.filter {
      state.ledger.jobPlanningLines[p.jobNo, $0] == job
        && state.ledger.string(state.ledger.jobPlanningLines[p.jobTaskNo, $0]) == taskNo
    }
    #expect(list.order.count == entries.count + lines.count)
    #expect(!entries.isEmpty)
    // Esc twice: back on the Jobs screen.
    press(&state, .escape, .escape)
    #expect(try topList(state).jobs == .jobs)
  }

  @Test("c asks for a posting date and shows the Job WIP Entries of that date; a bad date is refused")
  func calculates() throws {
    var state = try sampleState()
    press(&state, .character("c"))
    #expect(state.prompt?.kind == .wipPostingDate)
    press(&state, .control("u"))
    type(&state, "2025-06-30")
    press(&state, .enter)
    let list = try topList(state)
    #expect(list.jobs == .entries)
    let date = try #require(LedgerDate("2025-06-30"))
    let run = JobWIPRun(state.ledger, .init(postingDate: date, documentNo: "WIP-20250630"))
    #expect(list.order.count == run.entries.count)
    #expect(
      list.source.exportTable(state.ledger, order: list.order, title: "").csv
        == run.entriesTable(decimals: 2).csv)
    #expect(state.stack.count == 2)  // the Jobs screen at that date below it
    press(&state, .character("c"), .control("u"))
    type(&state, "2025-02-30")
    press(&state, .enter)
    #expect(state.messageIsError)
    #expect(state.message?.contains("one date") == true)
  }

  @Test("p posts the WIP after a yes, as post-wip does; n changes nothing")
  func posts() throws {
    var state = try sampleState()
    press(&state, .character("J"), .character("p"))
    #expect(state.prompt?.kind == .confirmPostWIP)
    press(&state, .character("n"))
    #expect(!state.dirty)
    #expect(state.ledger.glEntries.count == sharedSample.glEntries.count)
    press(&state, .character("p"), .character("y"))
    #expect(state.dirty)
    var expected = sharedSample
    let date = try #require(LedgerDate("2025-12-31"))
    let summary = try JobWIPPosting.post(
      &expected, .init(postingDate: date, documentNo: "WIP-20251231", runDate: state.today))
    #expect(state.message == summary.description)
    #expect(state.ledger.glEntries.count == expected.glEntries.count)
    #expect(state.ledger.jobWIPGLEntries.count == expected.jobWIPGLEntries.count)
    #expect(try topList(state).jobs == .jobs)
  }

  @Test("5 opens Job WIP To G/L at the jobs' date; D changes it; it exports as CSV")
  func report() throws {
    var state = try sampleState()
    press(&state, .character("5"))
    var list = try topList(state)
    #expect(list.report?.kind == .jobWIPToGL)
    let date = try #require(LedgerDate("2025-12-31"))
    let expected = JobWIPToGL(state.ledger, .init(postingDate: date)).table(decimals: 2)
    #expect(list.source.exportTable(state.ledger, order: list.order, title: "").csv == expected.csv)
    press(&state, .character("D"), .control("u"))
    type(&state, "2025-06-30")
    press(&state, .enter)
    list = try topList(state)
    #expect(list.title == "Job WIP To G/L at 2025-06-30")
    let effects = press(&state, .character("E"), .enter)
    #expect(
      effects.contains {
        if case .writeFile(let path, _, _, _) = $0 {
          return path == "job-wip-to-gl.csv"
        } else {
          return false
        }
      })
  }

  @Test("every Jobs screen draws at 80×24 and 200×50, and a company without jobs says so")
  func sizes() throws {
    for (width, height) in [(80, 24), (120, 40), (200, 50)] {
      var state = try sampleState(width: width, height: height)
      press(&state, .character("J"))
      #expect(text(state).contains("J-1001"))
      press(&state, .enter, .down, .enter)
      #expect(text(state).contains("Planning Line"))
    }
    var empty = try AppState(
      ledger: Ledger(), snapshotName: "empty", snapshotPath: nil,
      today: LedgerDate("2026-01-05") ?? LedgerTable.noDate)
    press(&empty, .character("J"))
    #expect(empty.stack.isEmpty)
    #expect(empty.message?.contains("no jobs") == true)
  }
}
