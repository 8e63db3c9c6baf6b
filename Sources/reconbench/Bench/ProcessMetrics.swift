#if canImport(Glibc)
  import Glibc
#endif

/// Peak resident memory and a monotonic clock, read the way `/usr/bin/time` does.
enum ProcessMetrics {
  /// Peak resident set size of this process in kilobytes (VmHWM), 0 if unknown.
  static func peakResidentKilobytes() -> Int {
    guard let file = fopen("/proc/self/status", "r") else { return 0 }
    defer { fclose(file) }
    var line = [CChar](repeating: 0, count: 256)
    while fgets(&line, Int32(line.count), file) != nil {
      let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
      if text.hasPrefix("VmHWM:") {
        return Int(text.dropFirst(6).filter(\.isNumber)) ?? 0
      }
    }
    return 0
  }

  /// Starts the peak over from the present resident size (Linux: `5` into clear_refs), so one
  /// process can report the peak of each step it measures.
  static func resetPeak() {
    guard let file = fopen("/proc/self/clear_refs", "w") else { return }
    fputs("5", file)
    fclose(file)
  }

  /// Seconds `body` took.
  static func time(_ body: () throws -> Void) rethrows -> Double {
    let clock = ContinuousClock()
    let elapsed = try clock.measure(body)
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
  }
}
