import CNcursesw
import ReconTUI

#if canImport(Glibc)
  import Glibc
#endif

/// The terminal through ncursesw: the only code that calls curses. It draws cell buffers,
/// decodes keys, mouse and resize events, and maps theme roles to colour pairs.
@MainActor
public final class CursesTerminal {
  public enum StartError: Error, CustomStringConvertible {
    case unknownTerminal(String)

    public var description: String {
      switch self {
      case .unknownTerminal(let term):
        return
          "reconbench: cannot use the terminal type \"\(term)\"; set TERM to one your system knows (xterm-256color, screen, tmux-256color)"
      }
    }
  }

  private let screen: OpaquePointer
  private let window: UnsafeMutablePointer<WINDOW>
  private var styles: [StyleRole: (attributes: attr_t, pair: Int16)] = [:]
  /// The terminal's colours (0 when it has none).
  public let colours: Int
  /// Whether the locale's character set is UTF-8 (otherwise ASCII glyphs are used).
  public let isUTF8: Bool
  /// The calling thread's locale before a headless terminal replaced it.
  private var threadLocale: locale_t?
  /// A test terminal on /dev/null: no control sequences of its own.
  private let headless: Bool

  /// Starts curses on the controlling terminal. Call `setlocale` first (done here).
  public init(mouse: Bool) throws(StartError) {
    headless = false
    rc_use_environment_locale()
    isUTF8 = rc_codeset_is_utf8() != 0
    let output = fdopen(1, "w")
    let input = fdopen(0, "r")
    guard let screen = newterm(nil, output, input) else {
      throw .unknownTerminal(String(cString: getenv("TERM") ?? strdup("")))
    }
    self.screen = screen
    _ = rc_register_endwin_at_exit()
    guard let window = rc_stdscr() else { throw .unknownTerminal("(no screen)") }
    self.window = window
    raw()
    noecho()
    keypad(window, true)
    curs_set(0)
    set_escdelay(25)
    wtimeout(window, 200)
    colours = CursesTerminal.startColours()
    setMouse(mouse)
    // Bracketed paste: a paste arrives marked, so it is never taken for key commands.
    CursesTerminal.writeControl("\u{1B}[?2004h")
  }

  /// Writes a control sequence straight to the terminal.
  private static func writeControl(_ text: String) {
    var bytes = Array(text.utf8)
    _ = bytes.withUnsafeMutableBytes { Glibc.write(1, $0.baseAddress, $0.count) }
  }

  /// A terminal with no tty behind it, for tests: output to /dev/null, a fixed size, and the
  /// screen contents readable with `row(_:)`.
  /// It sets a UTF-8 locale for the calling thread only, never the process (`close()` gives the
  /// thread its locale back): tests run it beside other threads.
  public init(headlessWidth width: Int, height: Int) throws(StartError) {
    headless = true
    threadLocale = rc_use_thread_utf8_locale()
    isUTF8 = rc_codeset_is_utf8() != 0
    guard let screen = newterm("xterm-256color", fopen("/dev/null", "w"), fopen("/dev/null", "r")) else {
      if let threadLocale { rc_restore_thread_locale(threadLocale) }
      throw .unknownTerminal("xterm-256color")
    }
    self.screen = screen
    guard let window = rc_stdscr() else { throw .unknownTerminal("(no screen)") }
    self.window = window
    resizeterm(Int32(height), Int32(width))
    colours = CursesTerminal.startColours()
  }

  /// The text of a screen row as curses holds it (headless tests).
  public func row(_ y: Int) -> String {
    var wide = [wchar_t](repeating: 0, count: Int(rc_maxx(window)) * 2 + 1)
    let count = rc_read_row(window, Int32(y), &wide, Int32(wide.count - 1))
    guard count > 0 else { return "" }
    return String(
      String.UnicodeScalarView(wide.prefix(Int(count)).compactMap { Unicode.Scalar(UInt32(bitPattern: $0)) }))
  }

  public var size: (width: Int, height: Int) { (Int(rc_maxx(window)), Int(rc_maxy(window))) }

  public func setMouse(_ on: Bool) {
    _ = mousemask(on ? rc_mouse_interest() : 0, nil)
    mouseinterval(on ? 300 : 0)
  }

  /// One colour pair per role, allocated when a theme is applied, not per draw.
  public func apply(_ resolved: [StyleRole: ResolvedStyle]) {
    var pair: Int16 = 1
    styles = [:]
    for role in StyleRole.allCases {
      let style = resolved[role] ?? ResolvedStyle()
      var attributes: attr_t = 0
      if style.bold { attributes |= rc_attr_bold() }
      if style.underline { attributes |= rc_attr_underline() }
      if style.reverse { attributes |= rc_attr_reverse() }
      if style.dim { attributes |= rc_attr_dim() }
      var number: Int16 = 0
      if colours > 0 && (style.foreground != -1 || style.background != -1) {
        init_pair(pair, Int16(style.foreground), Int16(style.background))
        number = pair
        pair += 1
      }
      styles[role] = (attributes, number)
    }
  }

  /// Draws a frame: every visible cell, then one refresh.
  /// How long `nextEvent` waits for a key before it returns `.tick`.
  public func setTimeout(milliseconds: Int) { wtimeout(window, Int32(milliseconds)) }

  public func present(_ buffer: ScreenBuffer) {
    werase(window)
    var wide = [wchar_t](repeating: 0, count: 8)
    for y in 0..<buffer.height {
      for x in 0..<buffer.width {
        let cell = buffer[x, y]
        if cell.width == 0 { continue }
        let style = styles[cell.role] ?? (0, 0)
        var count = 0
        for scalar in cell.text.unicodeScalars where count < 7 {
          wide[count] = wchar_t(bitPattern: scalar.value)
          count += 1
        }
        wide[count] = 0
        _ = rc_put_cell(window, Int32(y), Int32(x), wide, style.attributes, style.pair)
      }
    }
    wnoutrefresh(window)
    doupdate()
  }

  /// The next input event, or `.tick` after the read timeout.
  public func nextEvent() -> Event {
    var value: wint_t = 0
    let status = wget_wch(window, &value)
    if status == ERR { return .tick }
    if status == KEY_CODE_YES {
      switch Int32(value) {
      case KEY_UP: return .key(.up)
      case KEY_DOWN: return .key(.down)
      case KEY_LEFT: return .key(.left)
      case KEY_RIGHT: return .key(.right)
      case KEY_PPAGE: return .key(.pageUp)
      case KEY_NPAGE: return .key(.pageDown)
      case KEY_HOME: return .key(.home)
      case KEY_END: return .key(.end)
      case KEY_ENTER: return .key(.enter)
      case KEY_BACKSPACE: return .key(.backspace)
      case KEY_DC: return .key(.delete)
      case KEY_BTAB: return .key(.backTab)
      case KEY_RESIZE:
        let (width, height) = size
        return .resize(width: width, height: height)
      case KEY_MOUSE:
        var event = MEVENT()
        guard getmouse(&event) == OK else { return .tick }
        let kinds: [Int32: MouseEvent.Kind] = [1: .click, 2: .doubleClick, 3: .wheelUp, 4: .wheelDown]
        guard let kind = kinds[rc_mouse_kind(event.bstate)] else { return .tick }
        return .mouse(MouseEvent(kind: kind, x: Int(event.x), y: Int(event.y)))
      case let code where code >= rc_key_f(1) && code <= rc_key_f(12):
        return .key(.function(Int(code - rc_key_f(1)) + 1))
      default:
        return .tick
      }
    }
    if value == 27, let paste = readBracketedPaste() { return paste }
    return .key(CursesTerminal.decode(UInt32(value)))
  }

  /// After an Escape: the rest of a bracketed paste (`ESC [200~ … ESC [201~`) as one event, or
  /// nil — the characters read are pushed back and the Escape stands alone.
  private func readBracketedPaste() -> Event? {
    let start: [UInt32] = [91, 50, 48, 48, 126]  // "[200~"
    var read: [wint_t] = []
    wtimeout(window, 0)
    defer { wtimeout(window, 200) }
    for expected in start {
      var next: wint_t = 0
      guard wget_wch(window, &next) == OK else { break }
      read.append(next)
      if UInt32(next) != expected { break }
    }
    guard read.count == start.count, zip(read, start).allSatisfy({ UInt32($0.0) == $0.1 }) else {
      for character in read.reversed() { _ = unget_wch(wchar_t(character)) }
      return nil
    }
    // The pasted text, up to the closing ESC [201~ (or a pause: a terminal that lost it).
    wtimeout(window, 100)
    var text: [UInt32] = []
    let end: [UInt32] = [27, 91, 50, 48, 49, 126]
    while text.count < 1_000_000 {
      var next: wint_t = 0
      let status = wget_wch(window, &next)
      if status == ERR { break }
      if status == KEY_CODE_YES { continue }
      text.append(UInt32(next))
      if text.count >= end.count && Array(text.suffix(end.count)) == end {
        text.removeLast(end.count)
        break
      }
    }
    var result = ""
    for scalar in text { if let value = Unicode.Scalar(scalar) { result.unicodeScalars.append(value) } }
    return .paste(result)
  }

  /// A character from the keyboard as a key: Enter, Esc, Backspace, Tab and Ctrl+letters named.
  nonisolated static func decode(_ value: UInt32) -> Key {
    switch value {
    case 10, 13: return .enter
    case 27: return .escape
    case 8, 127: return .backspace
    case 9: return .tab
    case 1...26: return .control(Character(Unicode.Scalar(value + 96) ?? "a"))
    default: return .character(Character(Unicode.Scalar(value) ?? " "))
    }
  }

  /// Starts colour with the terminal's default colours as −1; the number of colours (0: none).
  private static func startColours() -> Int {
    guard has_colors() else { return 0 }
    start_color()
    use_default_colors()
    return Int(rc_colors())
  }

  /// Ends curses and restores the terminal.
  public func close() {
    if !headless { CursesTerminal.writeControl("\u{1B}[?2004l") }
    if isendwin() == false { endwin() }
    delscreen(screen)
    if let threadLocale {
      rc_restore_thread_locale(threadLocale)
      self.threadLocale = nil
    }
  }
}
