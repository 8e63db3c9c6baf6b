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

  /// `count` copies of `element` (the per-field sums: zero, and zeroed again after each entry).
  init(repeating element: Element, count: Int) {
    self.init(capacity: count)
    base.initialize(repeating: element, count: count)
    self.count = count
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
