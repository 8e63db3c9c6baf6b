import Dispatch
import ReconCurses
import ReconEngine
import ReconTUI
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// A step that may take seconds (opening a large file, reloading, explaining) runs on another
/// thread while the screen shows a progress line from the first moment, and Ctrl+C (or a
/// signal) stops waiting for it.
@MainActor
enum LongStep {
  enum Outcome<Value> {
    case done(Value)
    /// Ctrl+C: the result, when it comes, is dropped.
    case stopped
  }

  private final class Slot<Value: Sendable>: Sendable {
    let value = Mutex<Value?>(nil)
  }

  static func run<Value: Sendable>(
    _ what: String, terminal: CursesTerminal, backdrop: ScreenBuffer?, title: String,
    progress: ByteProgress? = nil, _ work: @escaping @Sendable () -> Value
  ) -> Outcome<Value> {
    let slot = Slot<Value>()
    let started = monotonicMilliseconds()
    DispatchQueue.global(qos: .userInitiated).async {
      let result = work()
      slot.value.withLock { $0 = result }
    }
    terminal.setTimeout(milliseconds: 100)
    defer { terminal.setTimeout(milliseconds: 200) }
    while true {
      if let result = slot.value.withLock({ $0 }) { return .done(result) }
      let (width, height) = terminal.size
      let text = ProgressLine.text(
        what, done: progress?.bytesDone, total: progress?.total, step: progress?.currentStep ?? .reading,
        elapsedMilliseconds: monotonicMilliseconds() - started)
      terminal.present(ProgressLine.frame(backdrop, width: width, height: height, title: title, text: text))
      let event = terminal.nextEvent()
      if event == .key(.control("c")) || terminationSignal.load(ordering: .relaxed) != 0 { return .stopped }
    }
  }

  static func monotonicMilliseconds() -> Int {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Int(time.tv_sec) * 1000 + Int(time.tv_nsec) / 1_000_000
  }
}
