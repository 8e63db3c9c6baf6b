import ReconEngine
import Testing

@testable import ReconTUI

/// `t`: a matrix cell's timeline as a bar chart. Expectations come from the engine's `Timeline`
/// of the same ledger (the screen shows what `reconbench timeline` prints), and from the chart's
/// geometry (bars left of the axis for negatives).
@Suite("Timeline screen")
struct TimelineScreenTests {
  func text(_ state: AppState) -> String { Render.frame(state).lines().joined(separator: "\n") }

  /// The sample with the cursor on Difference × Inventory.
  func onDifference(width: Int = 120, height: Int = 40, ascii: Bool = false) throws -> AppState {
    var state = try sampleState(width: width, height: height)
    state.asciiOnly = ascii
    press(&state, .character("G"), .up)
    #expect(state.currentCell.row.caption == "Difference")
    return state
  }

  @Test("t opens one bar per period, the first dates in the title, landing on the period it opened")
  func opens() throws {
    var state = try onDifference()
    press(&state, .character("t"))
    guard case .list(let list) = state.stack.last else { throw TUITestError("no timeline") }
    let timeline = try Timeline(state.ledger, .init())
    #expect(list.order.count == timeline.periods.count)
    let dates = try #require(timeline.firstDates.first { $0.field == .inventory })
    #expect(list.title.contains("not zero since \(try #require(dates.firstNonZero).text)"))
    #expect(
      list.selected == timeline.periods.firstIndex { $0.range.contains(try! #require(dates.firstNonZero)) })
    let frame = text(state)
    #expect(frame.contains("█"))
    #expect(frame.contains("●"))
    // January's Difference is negative: its bar ends at the axis, on the left.
    let january = try #require(frame.split(separator: "\n").first { $0.hasPrefix("2025-01-01..2025-01-31") })
    #expect(january.contains("█│"))
    // The export is the timeline's CSV for the field, without the chart.
    let effects = press(&state, .character("E"), .enter)
    let csv = timeline.table(of: .inventory, decimals: 2).csv
    #expect(
      effects.contains {
        if case .writeFile(_, let contents, _, _) = $0 { return contents == csv } else { return false }
      })
  }

  @Test("Enter on a period opens the matrix filtered to it")
  func drillsToPeriod() throws {
    var state = try onDifference()
    press(&state, .character("t"), .character("g"), .enter)
    #expect(state.stack.isEmpty)
    #expect(state.filters.dates.description == "2025-01-01..2025-01-31")
  }

  @Test("ASCII glyphs without UTF-8; a cell without a G/L side says so; narrow and wide terminals draw")
  func fallbacks() throws {
    var ascii = try onDifference(ascii: true)
    press(&ascii, .character("t"))
    #expect(text(ascii).contains("#|"))
    #expect(!text(ascii).contains("█"))
    var state = try sampleState()
    press(&state, .character("t"))  // Inventory To WIP × Inventory: no G/L side
    #expect(state.stack.isEmpty)
    #expect(state.message?.contains("no Difference with a G/L side") == true)
    for (width, height) in [(80, 24), (200, 50)] {
      var sized = try onDifference(width: width, height: height)
      press(&sized, .character("t"))
      #expect(text(sized).contains("2025-12-01..2025-12-31"))
    }
  }
}
