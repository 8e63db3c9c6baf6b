#if canImport(Glibc)
  import Glibc
#endif

/// Writing to standard output and standard error with plain `write(2)`: no shared C `FILE *`
/// (which Swift 6 strict concurrency refuses), no buffering to flush before exiting.
enum FileHandleOutput {
  static func standardError(_ text: String) {
    write(2, text.hasSuffix("\n") ? text : text + "\n")
  }

  static func standardOutput(_ text: String) {
    write(1, text.hasSuffix("\n") ? text : text + "\n")
  }

  static func write(_ descriptor: Int32, _ text: String) {
    var copy = text
    copy.withUTF8 { bytes in
      var offset = 0
      while offset < bytes.count, let base = bytes.baseAddress {
        let written = Glibc.write(descriptor, base + offset, bytes.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          return
        }
        offset += written
      }
    }
  }
}
