import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// How far a load or an import has read, for a progress line drawn by another thread: bytes of
/// the input done out of a total, and the step after the reading (checking, indexing).
public final class ByteProgress: Sendable {
  public enum Step: Int, Sendable { case reading, checking }

  public let total: Int
  private let done = Atomic<Int>(0)
  private let step = Atomic<Int>(Step.reading.rawValue)

  public init(total: Int) { self.total = max(0, total) }

  public var bytesDone: Int { min(done.load(ordering: .relaxed), total) }
  public var currentStep: Step { Step(rawValue: step.load(ordering: .relaxed)) ?? .reading }

  func add(_ bytes: Int) { done.wrappingAdd(max(0, bytes), ordering: .relaxed) }
  /// Back to nothing read: the reading starts over (a split guessed from the lines was wrong).
  func restart() { done.store(0, ordering: .relaxed) }
  func finishReading() {
    done.store(total, ordering: .relaxed)
    step.store(Step.checking.rawValue, ordering: .relaxed)
  }

  /// The total size of a file, or of the files in a folder (for an import's progress).
  public static func size(of path: String) -> Int {
    var info = stat()
    guard stat(path, &info) == 0 else { return 0 }
    if (info.st_mode & S_IFMT) != S_IFDIR { return Int(info.st_size) }
    return FilePaths.entries(of: path).reduce(0) { $0 + size(of: path + "/" + $1) }
  }
}
