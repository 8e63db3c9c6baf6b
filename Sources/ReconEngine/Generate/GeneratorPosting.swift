/// How the synthetic company's inventory cost reached the G/L: a daily "Post Inventory Cost to
/// G/L" run per posting group, each run one G/L register, every value entry linked to its G/L
/// entries through G/L – Item Ledger Relation rows. The last days of the year stay unposted.
extension LedgerGenerator {
  struct BufferKey: Hashable {
    var account: Int
    var balancing: Int
    var location: UInt32
    var group: UInt32
    var business: UInt32
    var product: UInt32
    var negative: Bool
  }

  struct PostingBuffer {
    var index: [BufferKey: Int] = [:]
    var keys: [BufferKey] = []
    var amounts: [Int64] = []
    var members: [[Int64]] = []

    mutating func add(_ key: BufferKey, _ units: Int64, valueEntryNo: Int64) {
      let slot: Int
      if let found = index[key] {
        slot = found
      } else {
        slot = keys.count
        index[key] = slot
        keys.append(key)
        amounts.append(0)
        members.append([])
      }
      amounts[slot] += units
      if members[slot].last != valueEntryNo { members[slot].append(valueEntryNo) }
    }
  }

  mutating func postInventoryCost() {
    let ve = Columns.valueEntry
    let setup = SetupLookup(ledger)
    let cutoff = (LedgerDate(year: options.year, month: 12, day: 31) ?? today).adding(
      days: -options.unpostedDays)
    var buffer = PostingBuffer()
    var bufferDate: LedgerDate?
    for row in ledger.valueEntries.indices {
      let date = ledger.valueEntries[ve.postingDate, row]
      if date > cutoff { break }
      if let current = bufferDate, current != date {
        flush(&buffer, date: current, setup: setup)
      }
      bufferDate = date
      let entryNo = ledger.valueEntries[ve.entryNo, row]
      let ile = ledger.valueEntries[ve.itemLedgerEntryType, row]
      let entryType = ledger.valueEntries[ve.entryType, row]
      let key = BufferKey(
        account: 0, balancing: 0, location: ledger.valueEntries[ve.locationCode, row].raw,
        group: ledger.valueEntries[ve.inventoryPostingGroup, row].raw,
        business: ledger.valueEntries[ve.genBusPostingGroup, row].raw,
        product: ledger.valueEntries[ve.genProdPostingGroup, row].raw, negative: false)
      let actual = ledger.valueEntries[ve.costAmountActual, row].units
      if actual != 0,
        let pair = PostingMap.actual(
          itemLedgerEntryType: ile, entryType: entryType,
          varianceType: ledger.valueEntries[ve.varianceType, row],
          orderType: ledger.valueEntries[ve.orderType, row])
      {
        addPair(pair, key, actual, entryNo, &buffer)
        ledger.valueEntries[ve.costPostedToGL, row] = ExactDecimal(units: actual)
      }
      let expected = ledger.valueEntries[ve.costAmountExpected, row].units
      if options.expectedCostPostingToGL, expected != 0,
        let pair = PostingMap.expected(itemLedgerEntryType: ile, entryType: entryType)
      {
        addPair(pair, key, expected, entryNo, &buffer)
        ledger.valueEntries[ve.expectedCostPostedToGL, row] = ExactDecimal(units: expected)
      }
    }
    if let current = bufferDate { flush(&buffer, date: current, setup: setup) }
  }

  private func addPair(
    _ pair: PostingPair, _ base: BufferKey, _ units: Int64, _ entryNo: Int64, _ buffer: inout PostingBuffer
  ) {
    var debit = base
    debit.account = pair.account.rawValue
    debit.balancing = pair.balancing.rawValue
    debit.negative = units < 0
    buffer.add(debit, units, valueEntryNo: entryNo)
    var credit = base
    credit.account = pair.balancing.rawValue
    credit.balancing = pair.account.rawValue
    credit.negative = units > 0
    buffer.add(credit, -units, valueEntryNo: entryNo)
  }

  /// Turns a day's buffer into G/L entries, relations and one register.
  private mutating func flush(_ buffer: inout PostingBuffer, date: LedgerDate, setup: SetupLookup) {
    defer { buffer = PostingBuffer() }
    guard !buffer.keys.isEmpty else { return }
    let register = Int64(ledger.glRegisters.count + 1)
    let first = Int64(ledger.glEntries.count + 1)
    let (year, month, dayOfMonth) = date.components
    let document = "IPC-\(year)\(month < 10 ? "0" : "")\(month)\(dayOfMonth < 10 ? "0" : "")\(dayOfMonth)"
    let documentID = ledger.strings.intern(document)
    let source = ledger.strings.intern("INVTPCOST")
    let g = Columns.glEntry, r = Columns.glItemLedgerRelation
    for (slot, key) in buffer.keys.enumerated() where buffer.amounts[slot] != 0 {
      guard let type = InventoryAccountType(rawValue: key.account),
        let balancing = InventoryAccountType(rawValue: key.balancing)
      else { continue }
      let account = setup.account(type, key, in: ledger)
      let row = ledger.appendRow(to: \.glEntries)
      let entryNo = Int64(row + 1)
      ledger.glEntries[g.entryNo, row] = entryNo
      ledger.glEntries[g.glAccountNo, row] = account
      ledger.glEntries[g.postingDate, row] = date
      ledger.glEntries[g.documentNo, row] = documentID
      let description =
        "\(type.caption) - \(balancing.caption), \(ledger.string(StringID(raw: key.location))),"
        + "\(ledger.string(StringID(raw: key.group))),\(ledger.string(StringID(raw: key.business))),"
        + "\(ledger.string(StringID(raw: key.product)))"
      ledger.glEntries[g.description, row] = ledger.strings.intern(description)
      ledger.glEntries[g.amount, row] = ExactDecimal(units: buffer.amounts[slot])
      ledger.glEntries[g.sourceCode, row] = source
      ledger.glEntries[g.systemCreatedEntry, row] = true
      ledger.glEntries[g.transactionNo, row] = register
      for valueEntryNo in buffer.members[slot] {
        let relation = ledger.appendRow(to: \.glItemLedgerRelations)
        ledger.glItemLedgerRelations[r.glEntryNo, relation] = entryNo
        ledger.glItemLedgerRelations[r.valueEntryNo, relation] = valueEntryNo
        ledger.glItemLedgerRelations[r.glRegisterNo, relation] = register
      }
    }
    addRegister(from: first, source: "INVTPCOST", date: date)
  }

  mutating func addRegister(from first: Int64, source: String, date: LedgerDate) {
    let c = Columns.glRegister
    let row = ledger.appendRow(to: \.glRegisters)
    ledger.glRegisters[c.no, row] = Int64(row + 1)
    ledger.glRegisters[c.fromEntryNo, row] = first
    ledger.glRegisters[c.toEntryNo, row] = Int64(ledger.glEntries.count)
    set(\.glRegisters, c.sourceCode, row, source)
    ledger.glRegisters[c.creationDate, row] = date
  }

  /// Manual journal lines straight to an inventory account, balanced against an expense
  /// account, with no value entry behind them: what the Direct Posting warning is about.
  mutating func addManualJournalLines() {
    let count = options.manualJournalLines ?? max(2, options.valueEntries / 100_000)
    let g = Columns.glEntry
    let start = LedgerDate(year: options.year, month: 1, day: 1) ?? today
    for line in 0..<count {
      let date = start.adding(days: random.int(10...(daysInYear - 10)))
      let cents = Int64(random.int(5_000...500_000))
      let first = Int64(ledger.glEntries.count + 1)
      let document = "GJ-\(String(repeating: "0", count: max(0, 5 - String(line + 1).count)))\(line + 1)"
      for (account, sign) in [("2110", Int64(1)), ("8640", Int64(-1))] {
        let row = ledger.appendRow(to: \.glEntries)
        ledger.glEntries[g.entryNo, row] = Int64(row + 1)
        set(\.glEntries, g.glAccountNo, row, account)
        ledger.glEntries[g.postingDate, row] = date
        set(\.glEntries, g.documentNo, row, document)
        set(\.glEntries, g.description, row, "Inventory correction, stock count")
        ledger.glEntries[g.amount, row] = Self.cents(sign * cents)
        set(\.glEntries, g.sourceCode, row, "GENJNL")
        ledger.glEntries[g.transactionNo, row] = Int64(ledger.glRegisters.count + 1)
      }
      addRegister(from: first, source: "GENJNL", date: date)
    }
  }
}

/// Posting setup rows by key, to resolve an account type for a value entry's posting groups.
struct SetupLookup {
  var inventory: [[UInt32]: Int] = [:]
  var general: [[UInt32]: Int] = [:]

  init(_ ledger: Ledger) {
    let ips = Columns.inventoryPostingSetup, gps = Columns.generalPostingSetup
    for row in ledger.inventoryPostingSetup.indices {
      inventory[
        [
          ledger.inventoryPostingSetup[ips.locationCode, row].raw,
          ledger.inventoryPostingSetup[ips.inventoryPostingGroup, row].raw,
        ]] = row
    }
    for row in ledger.generalPostingSetup.indices {
      general[
        [
          ledger.generalPostingSetup[gps.genBusPostingGroup, row].raw,
          ledger.generalPostingSetup[gps.genProdPostingGroup, row].raw,
        ]] = row
    }
  }

  func account(_ type: InventoryAccountType, _ key: LedgerGenerator.BufferKey, in ledger: Ledger) -> StringID
  {
    if let column = type.inventorySetupColumn, let row = inventory[[key.location, key.group]] {
      return ledger.inventoryPostingSetup[column, row]
    }
    if let column = type.generalSetupColumn, let row = general[[key.business, key.product]] {
      return ledger.generalPostingSetup[column, row]
    }
    return .blank
  }
}
