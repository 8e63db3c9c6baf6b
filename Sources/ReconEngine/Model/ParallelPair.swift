import Dispatch

/// Runs two independent computations on two threads and keeps both results.
struct ParallelPair<First, Second> {
  let first: First
  let second: Second

  init(_ makeFirst: () -> First, _ makeSecond: () -> Second) {
    let box = Box<First, Second>()
    withoutActuallyEscaping(makeFirst) { makeFirst in
      withoutActuallyEscaping(makeSecond) { makeSecond in
        let tasks = UncheckedPair(makeFirst, makeSecond)
        DispatchQueue.concurrentPerform(iterations: 2) { index in
          if index == 0 { box.first = tasks.first() } else { box.second = tasks.second() }
        }
      }
    }
    guard let first = box.first, let second = box.second else {
      preconditionFailure("concurrentPerform returned before both tasks ran")
    }
    self.first = first
    self.second = second
  }

  /// Each slot is written by exactly one of the two iterations, and read after both ended.
  private final class Box<A, B>: @unchecked Sendable {
    var first: A?
    var second: B?
  }

  private struct UncheckedPair<A, B>: @unchecked Sendable {
    let first: () -> A
    let second: () -> B
    init(_ first: @escaping () -> A, _ second: @escaping () -> B) {
      self.first = first
      self.second = second
    }
  }
}
