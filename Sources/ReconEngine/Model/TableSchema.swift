#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// How one snapshot field is read, stored, validated and written.
public enum FieldKind: Sendable, Equatable {
  /// Integer ≥ 1, unique within its table (Entry No., register No.).
  case entryNumber
  /// Integer ≥ 0 (a reference to an entry number, 0 = none; counts).
  case integer
  /// Money: at most `setup.amountDecimals` decimals.
  case amount
  /// Quantity or unit cost: at most five decimals.
  case quantity
  case date
  /// A date that may also be `null` (the posting window).
  case nullableDate
  /// A code: compared exactly as written.
  case code
  /// Free text (descriptions, names).
  case text
  case boolean
  case enumeration(captions: [String], blankAllowed: Bool)

  /// Which of the four column stores holds this kind.
  var storage: ColumnStorage {
    switch self {
    case .entryNumber, .integer, .amount, .quantity: return .numbers
    case .date, .nullableDate: return .dates
    case .code, .text: return .strings
    case .boolean, .enumeration: return .bytes
    }
  }

  /// The word used in messages: "expected a date".
  var expectation: String {
    switch self {
    case .entryNumber: return "an entry number (integer ≥ 1)"
    case .integer: return "an integer ≥ 0"
    case .amount: return "an amount"
    case .quantity: return "a quantity"
    case .date: return "a date (YYYY-MM-DD or CYYYY-MM-DD)"
    case .nullableDate: return "a date (YYYY-MM-DD or CYYYY-MM-DD) or null"
    case .code: return "a code (string)"
    case .text: return "a string"
    case .boolean: return "true or false"
    case .enumeration(let captions, _):
      return "one of " + captions.filter { !$0.isEmpty }.map { "\"\($0)\"" }.joined(separator: ", ")
    }
  }
}

enum ColumnStorage: Sendable { case numbers, dates, strings, bytes }

/// `FieldKind` without payload, for the reader's hot loop (no retain/release per field).
enum FieldCode: UInt8, Sendable {
  case entryNumber, integer, amount, quantity, date, nullableDate, string, boolean, enumeration
}

extension FieldKind {
  var code: FieldCode {
    switch self {
    case .entryNumber: return .entryNumber
    case .integer: return .integer
    case .amount: return .amount
    case .quantity: return .quantity
    case .date: return .date
    case .nullableDate: return .nullableDate
    case .code, .text: return .string
    case .boolean: return .boolean
    case .enumeration: return .enumeration
    }
  }
}

public struct FieldSpec: Sendable {
  public let name: String
  public let kind: FieldKind
  public let required: Bool
  /// Index into the column store that `kind.storage` names.
  let slot: Int
  /// Default for a byte column (booleans: 0/1, enumerations: raw value).
  let defaultByte: UInt8
  /// Default for an integer column (only `amountDecimals` is not 0).
  let defaultNumber: Int64
  /// Default for a string column when not blank (only `inventoryPostCostSourceCode`).
  let defaultText: String
}

/// The fields of one snapshot table, in the order they are written. A class, so that passing a
/// schema around the reader's per-row loop costs one reference count, not one per array inside.
public final class TableSchema: Sendable {
  public let name: String
  public let fields: [FieldSpec]
  let slotCounts: [ColumnStorage: Int]
  /// Defaults by slot, so appending a row is a loop over plain arrays.
  let numberDefaults: [Int64]
  let byteDefaults: [UInt8]
  private let keySlots: [Int16]  // open-addressing table: field index + 1, 0 = empty
  // Flat per-field facts for the reader, indexed by field index.
  let codes: [FieldCode]
  let slots: [Int]
  let captionBytes: [[[UInt8]]]
  let blankAllowed: [Bool]
  let requiredMask: UInt64
  let textDefaultMask: UInt64
  /// `"name":` for each field, as the writer puts it out.
  let keyBytes: [[UInt8]]
  private let nameBytes: [UInt8]
  private let nameStarts: [Int]

  init(name: String, fields: [FieldSpec]) {
    self.name = name
    self.fields = fields
    var counts: [ColumnStorage: Int] = [:]
    for field in fields { counts[field.kind.storage, default: 0] += 1 }
    slotCounts = counts
    var numberDefaults = [Int64](repeating: 0, count: counts[.numbers] ?? 0)
    var byteDefaults = [UInt8](repeating: 0, count: counts[.bytes] ?? 0)
    for field in fields {
      if field.kind.storage == .numbers { numberDefaults[field.slot] = field.defaultNumber }
      if field.kind.storage == .bytes { byteDefaults[field.slot] = field.defaultByte }
    }
    self.numberDefaults = numberDefaults
    self.byteDefaults = byteDefaults
    var slots = [Int16](repeating: 0, count: 256)
    for (index, field) in fields.enumerated() {
      var slot = Int(TableSchema.hash(Array(field.name.utf8)[...])) & 255
      while slots[slot] != 0 { slot = (slot + 1) & 255 }
      slots[slot] = Int16(index + 1)
    }
    keySlots = slots
    codes = fields.map(\.kind.code)
    self.slots = fields.map(\.slot)
    captionBytes = fields.map { field in
      if case .enumeration(let captions, _) = field.kind { return captions.map { Array($0.utf8) } }
      return []
    }
    blankAllowed = fields.map { field in
      if case .enumeration(_, let allowed) = field.kind { return allowed }
      return true
    }
    var required: UInt64 = 0
    var textDefaults: UInt64 = 0
    var names: [UInt8] = []
    var starts: [Int] = []
    for (index, field) in fields.enumerated() {
      if field.required { required |= 1 << UInt64(index) }
      if !field.defaultText.isEmpty { textDefaults |= 1 << UInt64(index) }
      starts.append(names.count)
      names += Array(field.name.utf8)
    }
    starts.append(names.count)
    requiredMask = required
    keyBytes = fields.map { Array("\"\($0.name)\":".utf8) }
    textDefaultMask = textDefaults
    nameBytes = names
    nameStarts = starts
  }

  /// The field named `key`, trying first the fields after `guess`: writers list fields in schema
  /// order, so the next key is almost always a few fields further on.
  func fieldIndex(_ key: UnsafeBufferPointer<UInt8>, after guess: Int) -> Int? {
    let length = key.count
    var index = guess
    while index < codes.count {
      if nameStarts[index + 1] - nameStarts[index] == length && nameMatches(index, key) { return index }
      index += 1
    }
    return fieldIndex(key, from: 0, to: length)
  }

  /// Matches the key that starts at `keyStart` (just after its opening quote) against the field
  /// names from `guess` on, without first scanning for the closing quote. Returns the field and
  /// the offset of the closing quote, or nil (the caller then scans the key the slow way).
  @inline(__always)
  func matchKey(_ bytes: UnsafeBufferPointer<UInt8>, at keyStart: Int, after guess: Int) -> (
    index: Int, end: Int
  )? {
    guard let base = bytes.baseAddress else { return nil }
    return nameBytes.withUnsafeBufferPointer { names -> (index: Int, end: Int)? in
      guard let namesBase = names.baseAddress else { return nil }
      var index = guess
      while index < codes.count {
        let start = nameStarts[index]
        let length = nameStarts[index + 1] - start
        let end = keyStart + length
        if end < bytes.count && bytes[end] == UInt8(ascii: "\"")
          && memcmp(namesBase + start, base + keyStart, length) == 0
        {
          return (index, end)
        }
        index += 1
      }
      return nil
    }
  }

  private func nameMatches(_ index: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
    nameBytes.withUnsafeBufferPointer { names in
      let start = nameStarts[index]
      for offset in 0..<key.count where names[start + offset] != key[offset] { return false }
      return true
    }
  }

  static func hash(_ bytes: ArraySlice<UInt8>) -> UInt32 {
    var hash: UInt32 = 2_166_136_261
    for byte in bytes { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
    return hash
  }

  /// The field whose name is `bytes[start..<end]`, found without building a `String`.
  func fieldIndex(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int? {
    var hash: UInt32 = 2_166_136_261
    for index in start..<end { hash = (hash ^ UInt32(bytes[index])) &* 16_777_619 }
    var slot = Int(hash) & 255
    while true {
      let entry = keySlots[slot]
      if entry == 0 { return nil }
      let index = Int(entry) - 1
      if fields[index].name.utf8.elementsEqual(UnsafeBufferPointer(rebasing: bytes[start..<end])) {
        return index
      }
      slot = (slot + 1) & 255
    }
  }

  public func field(named name: String) -> FieldSpec? {
    fields.first { $0.name == name }
  }
}

/// Typed handles to columns, so engine code reads `table[ve.costAmountActual, row]`.
public struct IntColumn: Sendable { let slot: Int }
public struct DecimalColumn: Sendable { let slot: Int }
public struct DateColumn: Sendable { let slot: Int }
public struct StringColumn: Sendable { let slot: Int }
public struct BoolColumn: Sendable { let slot: Int }
public struct EnumColumn<Value: LedgerEnum>: Sendable { let slot: Int }

/// Declares a table's fields in writing order and hands out typed column handles.
struct SchemaBuilder {
  let name: String
  private(set) var fields: [FieldSpec] = []
  private var nextSlot: [ColumnStorage: Int] = [:]

  init(_ name: String) { self.name = name }

  private mutating func add(
    _ fieldName: String, _ kind: FieldKind, required: Bool, defaultByte: UInt8 = 0, defaultNumber: Int64 = 0,
    defaultText: String = ""
  ) -> Int {
    let slot = nextSlot[kind.storage, default: 0]
    nextSlot[kind.storage] = slot + 1
    fields.append(
      FieldSpec(
        name: fieldName, kind: kind, required: required, slot: slot, defaultByte: defaultByte,
        defaultNumber: defaultNumber, defaultText: defaultText))
    return slot
  }

  mutating func entryNumber(_ name: String) -> IntColumn {
    IntColumn(slot: add(name, .entryNumber, required: true))
  }
  mutating func integer(_ name: String, required: Bool = false, defaultValue: Int64 = 0) -> IntColumn {
    IntColumn(slot: add(name, .integer, required: required, defaultNumber: defaultValue))
  }
  mutating func amount(_ name: String) -> DecimalColumn {
    DecimalColumn(slot: add(name, .amount, required: false))
  }
  mutating func quantity(_ name: String) -> DecimalColumn {
    DecimalColumn(slot: add(name, .quantity, required: false))
  }
  mutating func date(_ name: String, required: Bool = false, nullable: Bool = false) -> DateColumn {
    DateColumn(slot: add(name, nullable ? .nullableDate : .date, required: required))
  }
  mutating func code(_ name: String, required: Bool = false, defaultText: String = "") -> StringColumn {
    StringColumn(slot: add(name, .code, required: required, defaultText: defaultText))
  }
  mutating func text(_ name: String) -> StringColumn {
    StringColumn(slot: add(name, .text, required: false))
  }
  mutating func boolean(_ name: String, defaultValue: Bool = false) -> BoolColumn {
    BoolColumn(slot: add(name, .boolean, required: false, defaultByte: defaultValue ? 1 : 0))
  }
  /// `blankAllowed` overrides the enumeration's own rule (an item ledger entry needs a type even
  /// though value entries of capacity may leave it blank).
  mutating func enumeration<E: LedgerEnum>(
    _ name: String, _ type: E.Type, required: Bool = false, blankAllowed: Bool? = nil
  ) -> EnumColumn<E> {
    let kind = FieldKind.enumeration(captions: E.captions, blankAllowed: blankAllowed ?? E.blankAllowed)
    return EnumColumn(slot: add(name, kind, required: required))
  }

  func build() -> TableSchema { TableSchema(name: name, fields: fields) }
}
