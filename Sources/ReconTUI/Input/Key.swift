/// A key press, decoded by the backend.
public enum Key: Hashable, Sendable {
  case up, down, left, right, pageUp, pageDown, home, end
  case enter, escape, backspace, tab, backTab, delete
  case character(Character)
  /// Ctrl plus a letter, as `control("s")`.
  case control(Character)
  case function(Int)

  /// How the key is written in help: `↑`, `Ctrl+S`, `q`.
  public var label: String {
    switch self {
    case .up: return "↑"
    case .down: return "↓"
    case .left: return "←"
    case .right: return "→"
    case .pageUp: return "PgUp"
    case .pageDown: return "PgDn"
    case .home: return "Home"
    case .end: return "End"
    case .enter: return "Enter"
    case .escape: return "Esc"
    case .backspace: return "Backspace"
    case .tab: return "Tab"
    case .backTab: return "Shift+Tab"
    case .delete: return "Del"
    case .character(let c): return c == " " ? "Space" : String(c)
    case .control(let c): return "Ctrl+" + String(c).uppercased()
    case .function(let n): return "F\(n)"
    }
  }
}

/// A mouse event in screen coordinates.
public struct MouseEvent: Equatable, Sendable {
  public enum Kind: Equatable, Sendable { case click, doubleClick, wheelUp, wheelDown }
  public var kind: Kind
  public var x: Int
  public var y: Int

  public init(kind: Kind, x: Int, y: Int) {
    self.kind = kind
    self.x = x
    self.y = y
  }
}

/// What the run loop feeds into `update`.
public enum Event: Equatable, Sendable {
  case key(Key)
  case mouse(MouseEvent)
  case resize(width: Int, height: Int)
  /// A timer tick (clears timed status messages).
  case tick
  /// Text the terminal delivered as one paste (bracketed paste): never run as key commands.
  case paste(String)
}
