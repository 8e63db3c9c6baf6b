/// A list of plain values reused for every value entry of a pass: appending is a store and a
/// count, clearing sets the count to zero. The explanation fills a handful of such lists per
/// entry, a million times over; as arrays each write paid a uniqueness check and each clear a
/// `replaceSubrange`, together more than the arithmetic they served.
struct ScratchList<Element: BitwiseCopyable>: ~Copyable {
  private var base: UnsafeMutablePointer<Element>
  private var capacity: Int
  private(set) var count = 0

  init(capacity: Int) {
    self.capacity = max(1, capacity)
    base = UnsafeMutablePointer<Element>.allocate(capacity: self.capacity)
  }

  deinit { base.deallocate() }

  var isEmpty: Bool { count == 0 }

  @inline(__always) subscript(index: Int) -> Element {
    get {
      precondition(index >= 0 && index < count, "scratch list index out of range")
      return base[index]
    }
    set {
      precondition(index >= 0 && index < count, "scratch list index out of range")
      base[index] = newValue
    }
  }

  @inline(__always) mutating func append(_ element: Element) {
    if count == capacity { grow() }
    (base + count).initialize(to: element)
    count += 1
  }

  @inline(__always) mutating func removeAll() { count = 0 }

  /// Removes and returns the element at `index`, the later ones moving up (order is kept).
  mutating func remove(at index: Int) -> Element {
    precondition(index >= 0 && index < count, "scratch list index out of range")
    let element = base[index]
    (base + index).update(from: base + index + 1, count: count - index - 1)
    count -= 1
    return element
  }

  /// The first index whose element satisfies `predicate`.
  @inline(__always) func firstIndex(where predicate: (Element) -> Bool) -> Int? {
    var index = 0
    while index < count {
      if predicate(base[index]) { return index }
      index += 1
    }
    return nil
  }

  private mutating func grow() {
    let larger = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
    larger.initialize(from: base, count: count)
    base.deallocate()
    base = larger
    capacity *= 2
  }
}

/// One amount per reconciliation field, reused for every value entry of a pass (zeroed by the
/// caller after each entry): `ScratchList`'s reason, for the sums.
struct ScratchSums: ~Copyable {
  private let base: UnsafeMutablePointer<Int64>
  let count: Int

  init(count: Int) {
    self.count = max(1, count)
    base = UnsafeMutablePointer<Int64>.allocate(capacity: self.count)
    base.initialize(repeating: 0, count: self.count)
  }

  deinit { base.deallocate() }

  @inline(__always) subscript(index: Int) -> Int64 {
    get {
      precondition(index >= 0 && index < count, "scratch sums index out of range")
      return base[index]
    }
    set {
      precondition(index >= 0 && index < count, "scratch sums index out of range")
      base[index] = newValue
    }
  }
}
