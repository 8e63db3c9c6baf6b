import Foundation
import ReconCurses
import ReconTUI
import Testing

/// The curses backend against a headless terminal: what `present` draws is what curses holds,
/// wide characters included. Curses is global state, hence one serialized suite; the test
/// process runs other suites on other threads, so nothing here may touch process-wide state
/// that they read (no `setenv`, no `setlocale`: the headless terminal sets its thread's locale).
@MainActor
@Suite("Curses backend", .serialized)
struct CursesRoundTripTests {
  @Test("a frame written with present reads back row by row")
  func roundTrip() throws {
    let terminal = try CursesTerminal(headlessWidth: 40, height: 4)
    defer { terminal.close() }
    #expect(terminal.isUTF8)
    #expect(terminal.size == (40, 4))
    let theme = try #require(ThemeLibrary.builtIn["default"])
    terminal.apply(theme.resolve(colours: terminal.colours))
    var buffer = ScreenBuffer(width: 40, height: 4)
    buffer.put("Inventory To WIP   -6,328.19", x: 0, y: 0, role: .pinned)
    buffer.put("1210 在庫 部品", x: 0, y: 1, role: .negative)
    buffer.put("|", x: 20, y: 1, role: .normal)
    buffer.put("Emoji 😀 ok", x: 2, y: 2, role: .selected)
    buffer.put("Total", x: 35, y: 3, role: .total)
    terminal.present(buffer)
    for y in 0..<4 {
      #expect(terminal.row(y) == buffer.line(y), "row \(y)")
    }
  }
}
