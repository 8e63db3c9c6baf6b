/// The `?` overlay: the key registry grouped by what the keys do, titles wrapped to the box,
/// scrollable. The reducer (to scroll) and the renderer (to draw) use the same lines.
public enum Help {
  public enum LineKind: Equatable, Sendable { case heading, key, blank }

  public struct Line: Equatable, Sendable {
    public var kind: LineKind
    public var keys: String
    public var text: String
  }

  /// The box: its position and size for a screen, and the width of the keys column.
  struct Box {
    var x: Int
    var y: Int
    var width: Int
    var height: Int
    var keyWidth: Int
    /// Text rows inside the frame.
    var rows: Int { max(0, height - 2) }
  }

  static func box(width: Int, height: Int) -> Box {
    let keyWidth = min(18, KeyRegistry.helpLines.map { ScreenBuffer.width(of: $0.keys) }.max() ?? 0)
    let boxWidth = max(10, min(width - 2, 96))
    let boxHeight = max(3, height - 2)
    return Box(
      x: max(0, (width - boxWidth) / 2), y: max(0, (height - boxHeight) / 2), width: boxWidth,
      height: boxHeight, keyWidth: min(keyWidth, max(4, boxWidth / 3)))
  }

  /// Every line of the help for a box of that size: a heading per group, then each command with
  /// its keys and its full title, wrapped.
  static func lines(for box: Box) -> [Line] {
    let textWidth = max(8, box.width - box.keyWidth - 6)
    var result: [Line] = []
    var group: String?
    // Grouped: each group once, in the order its first command appears in the registry.
    let groups = KeyRegistry.bindings.map(\.0.group).reduce(into: [String]()) {
      if !$0.contains($1) { $0.append($1) }
    }
    let ordered = groups.flatMap { name in KeyRegistry.bindings.filter { $0.0.group == name } }
    for (command, keys) in ordered {
      if command.group != group {
        if group != nil { result.append(Line(kind: .blank, keys: "", text: "")) }
        group = command.group
        result.append(Line(kind: .heading, keys: "", text: command.group))
      }
      let keyText = keys.map(\.label).joined(separator: " ")
      for (index, piece) in wrap(command.title, width: textWidth).enumerated() {
        result.append(Line(kind: .key, keys: index == 0 ? keyText : "", text: piece))
      }
    }
    return result
  }

  /// The furthest the help can scroll on a screen of this size.
  static func maximumScroll(width: Int, height: Int) -> Int {
    let box = box(width: width, height: height)
    return max(0, lines(for: box).count - box.rows)
  }

  /// Words into lines of at most `width` columns (a word longer than that is cut).
  static func wrap(_ text: String, width: Int) -> [String] {
    var lines: [String] = []
    var current = ""
    for word in text.split(separator: " ") {
      let candidate = current.isEmpty ? String(word) : current + " " + word
      if ScreenBuffer.width(of: candidate) <= width {
        current = candidate
      } else {
        if !current.isEmpty { lines.append(current) }
        current = ScreenBuffer.truncate(String(word), to: width)
      }
    }
    if !current.isEmpty || lines.isEmpty { lines.append(current) }
    return lines
  }

  /// Keys while the help is open: it scrolls with the movement keys and closes with Esc, q, ?
  /// or Enter; other keys do nothing (so a stray key does not close it by surprise).
  static func handle(_ state: inout AppState, _ key: Key) {
    let maximum = maximumScroll(width: state.width, height: state.height)
    let page = max(1, box(width: state.width, height: state.height).rows - 1)
    switch key {
    case .down, .character("j"): state.helpScroll += 1
    case .up, .character("k"): state.helpScroll -= 1
    case .pageDown, .control("f"), .character(" "): state.helpScroll += page
    case .pageUp, .control("b"): state.helpScroll -= page
    case .home, .character("g"): state.helpScroll = 0
    case .end, .character("G"): state.helpScroll = maximum
    case .escape, .character("q"), .character("?"), .enter, .backspace: state.showHelp = false
    default: state.say("In the help: ↑ ↓ PgUp PgDn Home End scroll; Esc, q or ? closes")
    }
    state.helpScroll = min(max(0, state.helpScroll), maximum)
  }
}
