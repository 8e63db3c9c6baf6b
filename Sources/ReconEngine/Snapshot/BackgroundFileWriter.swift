import Dispatch

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes chunks to a file descriptor on a second thread, so serialising the next chunk and
/// writing the previous one overlap. Two staging buffers: `write` copies a chunk into a free one
/// (a memory copy is far cheaper than the disk write it hides) and returns at once.
///
/// The descriptor may be opened for direct I/O: buffers are 4 KiB aligned, and the last,
/// partial chunk is written after switching direct I/O off.
final class BackgroundFileWriter: @unchecked Sendable {
  private let descriptor: Int32
  private let queue = DispatchQueue(label: "reconbench.save")
  private let freeBuffers: DispatchSemaphore
  private let buffers: [UnsafeMutableRawPointer]
  private var nextBuffer = 0
  private let capacity: Int
  // Set on the I/O thread, read after `finish` (the queue orders the accesses).
  private var failure: String?
  private var direct: Bool

  init(descriptor: Int32, direct: Bool, chunkCapacity: Int) {
    self.descriptor = descriptor
    self.direct = direct
    capacity = chunkCapacity
    buffers = (0..<2).map { _ in
      UnsafeMutableRawPointer.allocate(byteCount: chunkCapacity, alignment: OutputBuffer.alignment)
    }
    freeBuffers = DispatchSemaphore(value: buffers.count)
  }

  deinit {
    for buffer in buffers { buffer.deallocate() }
  }

  /// Queues a chunk; returns the error message of an earlier failed write, if any.
  func write(_ chunk: UnsafeRawBufferPointer) -> String? {
    if let failure = queue.sync(execute: { failure }) { return failure }
    var offset = 0
    while offset < chunk.count, let source = chunk.baseAddress {
      let length = min(capacity, chunk.count - offset)
      freeBuffers.wait()
      let index = nextBuffer
      nextBuffer = (nextBuffer + 1) % buffers.count
      buffers[index].copyMemory(from: source + offset, byteCount: length)
      queue.async { [self] in
        writeNow(buffers[index], length)
        freeBuffers.signal()
      }
      offset += length
    }
    return nil
  }

  private func writeNow(_ buffer: UnsafeMutableRawPointer, _ length: Int) {
    if failure != nil { return }
    if direct && length % OutputBuffer.alignment != 0 {
      _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_DIRECT)
      direct = false
    }
    var offset = 0
    while offset < length {
      let result = Glibc.write(descriptor, buffer + offset, length - offset)
      if result < 0 {
        if errno == EINTR { continue }
        failure = errorText()
        return
      }
      offset += result
    }
  }

  /// Waits for every queued write; the error message if one failed.
  func finish() -> String? {
    queue.sync { failure }
  }
}

#if canImport(Glibc)
  /// Linux's O_DIRECT, which the Glibc module does not export.
  let O_DIRECT: Int32 = 0o40000
#endif
