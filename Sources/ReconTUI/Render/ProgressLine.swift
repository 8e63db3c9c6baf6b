import ReconEngine

/// The line a long step shows while it runs — what is being done, how far, for how long, and
/// how to stop it — over the screen it started from (or an empty one, while a file opens).
public enum ProgressLine {
  /// `Opening big.json: 412 of 850 MB (48 %), 1.2 s — Ctrl+C stops`. Without a total (an
  /// explanation), only the time.
  public static func text(
    _ what: String, done: Int?, total: Int?, step: ByteProgress.Step, elapsedMilliseconds: Int
  )
    -> String
  {
    let seconds = "\(elapsedMilliseconds / 1000).\(elapsedMilliseconds % 1000 / 100) s"
    var parts = what
    if let done, let total, total > 0 {
      if step == .checking {
        parts += ": read, checking and indexing"
      } else {
        let percent = min(99, done * 100 / total)
        parts += ": \(megabytes(done)) of \(megabytes(total)) (\(percent) %)"
      }
    } else {
      parts += "…"
    }
    return parts + ", " + seconds + " — Ctrl+C stops"
  }

  static func megabytes(_ bytes: Int) -> String {
    bytes >= 10 << 20 ? "\(bytes >> 20) MB" : "\(bytes / 1024) KB"
  }

  /// `base` (or, without one or when the terminal has changed size since, a blank screen with
  /// a title) with the progress text in the status line.
  public static func frame(_ base: ScreenBuffer?, width: Int, height: Int, title: String, text: String)
    -> ScreenBuffer
  {
    let base = base.flatMap { $0.width == width && $0.height == height ? $0 : nil }
    var buffer = base ?? ScreenBuffer(width: width, height: height)
    guard height > 0 else { return buffer }
    if base == nil {
      buffer.fill(x: 0, y: 0, count: width, role: .filterBar)
      buffer.put(title, x: 0, y: 0, role: .filterBar)
    }
    buffer.fill(x: 0, y: height - 1, count: width, role: .prompt)
    buffer.put(text, x: 0, y: height - 1, role: .prompt)
    return buffer
  }
}
