import Testing

@testable import ReconEngine

/// The explanation's reused per-entry lists behave as the arrays they replace.
@Suite("Scratch lists")
struct ScratchListTests {
  @Test("append past the capacity, remove in the middle, clear: the same as an array")
  func sameAsArray() {
    var list = ScratchList<Int>(capacity: 1)
    var array: [Int] = []
    for value in [5, 3, 9, 3, 7, 1, 8] {
      list.append(value)
      array.append(value)
    }
    #expect((0..<list.count).map { list[$0] } == array)
    #expect(list.firstIndex { $0 == 3 } == array.firstIndex { $0 == 3 })
    #expect(list.firstIndex { $0 > 100 } == nil)
    #expect(list.remove(at: 1) == array.remove(at: 1))
    #expect(list.remove(at: list.count - 1) == array.remove(at: array.count - 1))
    #expect(list.remove(at: 0) == array.remove(at: 0))
    #expect((0..<list.count).map { list[$0] } == array)
    list[0] = 42
    #expect(list[0] == 42)
    list.removeAll()
    let empty = list.isEmpty
    #expect(empty)
    list.append(6)
    #expect(list.count == 1 && list[0] == 6)
  }

  @Test("sums start at zero and keep what is written")
  func sums() {
    var sums = ScratchList<Int64>(repeating: 0, count: 4)
    #expect(sums.count == 4)
    #expect((0..<4).allSatisfy { sums[$0] == 0 })
    sums[2] += 7
    sums[2] -= 10
    #expect(sums[2] == -3 && sums[1] == 0)
  }
}
