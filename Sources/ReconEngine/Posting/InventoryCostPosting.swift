/// Post Inventory Cost to G/L (BC report 1002) and its test report (1003), reconciliation.md §4:
/// moves the not-yet-posted part of every pending value entry to the G/L accounts of the posting
/// map, per entry or per posting group, with one G/L register per run and a G/L – Item Ledger
/// Relation row for every (G/L entry, value entry) pair.
public enum InventoryCostPosting {
  public enum Method: String, Sendable, CaseIterable {
    case perEntry = "entry"
    case perPostingGroup = "posting-group"
  }

  public struct Options: Sendable {
    public var method: Method
    /// Required per posting group, refused per entry.
    public var documentNo: String?
    public var items: CodeFilter?
    public var dates: DateRange
    /// The register's creation date (BC: the work date).
    public var runDate: LedgerDate

    public init(
      method: Method, documentNo: String? = nil, items: CodeFilter? = nil, dates: DateRange = .all,
      runDate: LedgerDate
    ) {
      self.method = method
      self.documentNo = documentNo
      self.items = items
      self.dates = dates
      self.runDate = runDate
    }
  }

  public enum PostingError: Error, Equatable, Sendable, CustomStringConvertible {
    case documentNoRequired
    case documentNoNotAllowed
    case nothingToPost(skipped: Int)
    case overflow
    /// Value entries on which BC's batch job stops with an error: nothing is posted.
    case refused([StoppedEntry])

    public var description: String {
      switch self {
      case .documentNoRequired: return "posting per posting group needs a document number (--document-no)"
      case .documentNoNotAllowed:
        return "posting per entry takes the value entries' document numbers; leave --document-no out"
      case .nothingToPost(let skipped):
        return skipped == 0
          ? "there is nothing to post"
          : "there is nothing to post: all \(skipped) pending value entries were skipped"
      case .overflow: return "a G/L amount exceeds the exact decimal range"
      case .refused(let entries):
        return entries.map { "value entry \($0.entryNo): \($0.reason.description); nothing was posted" }
          .joined(separator: "\n")
      }
    }
  }

  /// Why a pending value entry was left in the queue (report 1002 lists it under Skipped
  /// Entries): BufferInvtPosting returned false.
  public enum SkipReason: Error, Equatable, Sendable, CustomStringConvertible {
    /// BufferInvtPosting's first test: an Expected Cost entry with nothing expected posted
    /// while Expected Cost Posting to G/L is off; or only expected cost left to post then.
    case expectedCostPostingOff
    /// SetAccNo finds no setup row (`if not …Get then exit`): the account stays blank.
    case missingSetup(String)
    /// The setup row's account field is blank.
    case blankAccount(String)
    /// CheckAccNo blanks a blocked account outside item posting.
    case blockedAccount(String)

    public var description: String {
      switch self {
      case .expectedCostPostingOff: return "expected cost only, and Expected Cost Posting to G/L is off"
      case .missingSetup(let key): return "no posting setup row for \(key)"
      case .blankAccount(let field): return "\(field) is blank in the posting setup"
      case .blockedAccount(let account): return "G/L account \(account) is blocked"
      }
    }
  }

  /// Why BC's batch job stops with an error on a value entry (and posts nothing at all).
  public enum StopReason: Error, Equatable, Sendable, CustomStringConvertible {
    /// ErrorNonValidCombination (Text002): the entry type is not one the item ledger entry
    /// type's Buffer…Posting procedure handles.
    case combinationNotAllowed(ItemLedgerEntryType, ValueEntryType, expectedCost: Bool)
    /// BufferPurchPosting: TestField("Variance Type", Purchase).
    case varianceTypeNotPurchase(VarianceType)
    /// BufferInvtPosting: TestField("Expected Cost", false) and TestField("Cost Amount
    /// (Expected)", 0) for entry types other than Direct Cost and Revaluation.
    case expectedCostNotAllowed(ValueEntryType)
    /// SetAccNo: GenPostingSetup.TestField(Blocked, false).
    case blockedSetup(String)
    /// CheckAccNo: GLAccount.Get fails.
    case missingAccount(String)
    /// Gen. Jnl.-Post Line: TestField("Account Type", Posting) when the G/L entry is made.
    case notPostingAccount(String)
    /// Gen. Jnl.-Check Line: the posting date is not within the allowed posting dates.
    case dateNotAllowed(LedgerDate)

    public var description: String {
      switch self {
      case .combinationNotAllowed(let ile, let entryType, let expected):
        return
          "the combination Item Ledger Entry Type = '\(ile.caption)', Entry Type = '\(entryType.caption)' and Expected Cost = \(expected ? "Yes" : "No") is not allowed"
      case .varianceTypeNotPurchase(let type):
        return "Variance Type must be Purchase on a purchase variance, not '\(type.caption)'"
      case .expectedCostNotAllowed(let type):
        return
          "a \(type.caption) entry cannot carry expected cost (Expected Cost must be No, Cost Amount (Expected) 0)"
      case .blockedSetup(let key): return "the general posting setup \(key) is blocked"
      case .missingAccount(let account): return "G/L account \(account) does not exist"
      case .notPostingAccount(let account): return "G/L account \(account) is not a posting account"
      case .dateNotAllowed(let date):
        return "posting date \(date.text) is not within the allowed posting dates"
      }
    }
  }

  /// One would-be G/L line of one value entry (the test report's unit).
  public struct EntryLine: Sendable {
    public var valueEntryRow: Int
    public var accountType: InventoryAccountType
    public var balancingType: InventoryAccountType
    public var interim: Bool
    public var account: StringID
    /// The buffer's Inventory Posting Group: the value entry's, except on the WIP line of an
    /// entry whose source is another item (GetInvPostingGroupCode).
    public var inventoryPostingGroup: StringID
    public var amount: ExactDecimal
  }

  public struct SkippedEntry: Sendable {
    public var valueEntryRow: Int
    public var reason: SkipReason
  }

  public struct StoppedEntry: Equatable, Sendable {
    public var valueEntryRow: Int
    public var entryNo: Int64
    public var reason: StopReason
  }

  /// What a run would do: the lines per value entry, the entries it would mark as posted, the
  /// skipped ones, and the ones on which BC would stop. The same plan is printed by a dry run
  /// and carried out by `post` (which refuses it when anything would stop BC).
  public struct Plan: Sendable {
    public var options: Options
    public var lines: [EntryLine] = []
    public var postedRows: [Int] = []
    public var skipped: [SkippedEntry] = []
    public var stopped: [StoppedEntry] = []
    /// Pending entries ignored silently (not inventoriable, or all amounts zero).
    public var ignored = 0
  }

  public struct Summary: Sendable, CustomStringConvertible {
    public var valueEntriesPosted: Int
    public var glEntriesCreated: Int
    public var registerNo: Int64
    public var skipped: Int

    public var description: String {
      "\(valueEntriesPosted) value entries posted, \(glEntriesCreated) G/L entries in register \(registerNo), \(skipped) skipped"
    }
  }

  // MARK: Plan

  /// Which value entries would be posted, to which accounts, which are skipped and which would
  /// stop the run (§4.2; report 1002 PostValueEntryToGL.OnAfterGetRecord, codeunit 5802
  /// BufferInvtPosting, SetAccNo, CheckAccNo, UpdateGlobalInvtPostBuf).
  public static func plan(_ ledger: Ledger, _ options: Options) throws(PostingError) -> Plan {
    switch options.method {
    case .perPostingGroup where (options.documentNo ?? "").isEmpty: throw .documentNoRequired
    case .perEntry where !(options.documentNo ?? "").isEmpty: throw .documentNoNotAllowed
    default: break
    }
    var plan = Plan(options: options)
    let resolver = AccountResolver(ledger)
    let ve = Columns.valueEntry
    let table = ledger.valueEntries
    let expectedOn = ledger.expectedCostPostingToGL
    let itemMatches = ItemMatcher(ledger, options.items)
    for row in processingOrder(ledger) {
      let actual = table[ve.costAmountActual, row], expected = table[ve.costAmountExpected, row]
      let postedExpected = table[ve.expectedCostPostedToGL, row]
      guard let actualToPost = actual.subtracting(table[ve.costPostedToGL, row]),
        let expectedLeft = expected.subtracting(postedExpected)
      else { throw .overflow }
      if actualToPost.isZero && expectedLeft.isZero { continue }  // not pending
      if !options.dates.contains(table[ve.postingDate, row]) || !itemMatches(table[ve.itemNo, row]) {
        continue
      }
      if !table[ve.inventoriable, row] || (actual.isZero && expected.isZero) {
        plan.ignored += 1
        continue
      }
      func stop(_ reason: StopReason) {
        plan.stopped.append(StoppedEntry(valueEntryRow: row, entryNo: table[ve.entryNo, row], reason: reason))
      }
      let entryType = table[ve.entryType, row]
      let ile = table[ve.itemLedgerEntryType, row]
      let flaggedExpected = table[ve.expectedCost, row]
      if !expectedOn && postedExpected.isZero && flaggedExpected {
        plan.skipped.append(SkippedEntry(valueEntryRow: row, reason: .expectedCostPostingOff))
        continue
      }
      if entryType != .directCost && entryType != .revaluation && (flaggedExpected || !expected.isZero) {
        stop(.expectedCostNotAllowed(entryType))
        continue
      }
      let expectedToPost = expectedOn ? expectedLeft : .zero
      if actualToPost.isZero && expectedToPost.isZero {
        plan.skipped.append(SkippedEntry(valueEntryRow: row, reason: .expectedCostPostingOff))
        continue
      }
      let variance = table[ve.varianceType, row]
      if ile == .purchase && entryType == .variance && variance != .purchase {
        stop(.varianceTypeNotPurchase(variance))
        continue
      }
      guard
        let actualPair = PostingMap.actual(
          itemLedgerEntryType: ile, entryType: entryType, varianceType: variance,
          orderType: table[ve.orderType, row])
      else {
        stop(.combinationNotAllowed(ile, entryType, expectedCost: flaggedExpected))
        continue
      }
      // The parts the Buffer…Posting procedure buffers: the interim pair first, where the
      // entry's types have one (elsewhere the expected amount is left as it is), then actual.
      var parts: [(PostingPair, ExactDecimal, Bool)] = []
      if !expectedToPost.isZero,
        let pair = PostingMap.expected(itemLedgerEntryType: ile, entryType: entryType)
      {
        parts.append((pair, expectedToPost, true))
      }
      if !actualToPost.isZero { parts.append((actualPair, actualToPost, false)) }
      if parts.isEmpty {
        plan.ignored += 1
        continue
      }
      var lines: [EntryLine] = []
      var skip: SkipReason?
      var stopReason: StopReason?
      var atPosting: StopReason?
      for (pair, amount, interim) in parts {
        for (type, balancing, signed) in [
          (pair.account, pair.balancing, amount), (pair.balancing, pair.account, amount.negated ?? .zero),
        ] {
          switch resolver.account(type, valueEntryRow: row) {
          case .success(let account):
            lines.append(
              EntryLine(
                valueEntryRow: row, accountType: type, balancingType: balancing, interim: interim,
                account: account,
                inventoryPostingGroup: resolver.inventoryPostingGroup(type, valueEntryRow: row),
                amount: signed))
          case .failure(let problem):
            switch problem {
            case .skip(let reason): skip = skip ?? reason
            case .stop(let reason): stopReason = stopReason ?? reason
            case .stopWhenPosted(let reason, _): atPosting = atPosting ?? reason
            }
          }
        }
      }
      // An error while buffering stops the run; a blank account drops the entry (skipped);
      // what Gen. Jnl.-Post Line refuses stops the run only for entries that get that far.
      if let stopReason {
        stop(stopReason)
        continue
      }
      if let skip {
        plan.skipped.append(SkippedEntry(valueEntryRow: row, reason: skip))
        continue
      }
      if let atPosting {
        stop(atPosting)
        continue
      }
      if let reason = windowProblem(ledger, table[ve.postingDate, row]) {
        stop(reason)
        continue
      }
      plan.lines += lines
      plan.postedRows.append(row)
    }
    return plan
  }

  /// Item entries first in entry order, then capacity entries grouped by order (§4.2).
  static func processingOrder(_ ledger: Ledger) -> [Int] {
    let ve = Columns.valueEntry
    let table = ledger.valueEntries
    let itemRows = table.indices.filter { table[ve.itemLedgerEntryNo, $0] != 0 }
    var capacityRows = table.indices.filter { table[ve.itemLedgerEntryNo, $0] == 0 }
    capacityRows.sort {
      let left = ledger.string(table[ve.orderNo, $0])
      let right = ledger.string(table[ve.orderNo, $1])
      return left != right ? left.utf8.lexicographicallyPrecedes(right.utf8) : $0 < $1
    }
    let byNumber = itemRows.sorted { table[ve.entryNo, $0] < table[ve.entryNo, $1] }
    return byNumber + capacityRows
  }

  /// The G/L Setup's Allow Posting From/To, checked by Gen. Jnl.-Check Line when the G/L entry
  /// is made: a date outside stops the run.
  static func windowProblem(_ ledger: Ledger, _ date: LedgerDate) -> StopReason? {
    if let from = ledger.allowPostingFrom, date.normalDate < from.normalDate { return .dateNotAllowed(date) }
    if let to = ledger.allowPostingTo, date.normalDate > to.normalDate { return .dateNotAllowed(date) }
    return nil
  }

  // MARK: Post

  /// Carries out a run: all or nothing. On any error `ledger` is unchanged; a second run finds
  /// nothing left to post.
  @discardableResult
  public static func post(_ ledger: inout Ledger, _ options: Options) throws(PostingError) -> Summary {
    let plan = try plan(ledger, options)
    guard plan.stopped.isEmpty else { throw .refused(plan.stopped) }
    guard !plan.postedRows.isEmpty else { throw .nothingToPost(skipped: plan.skipped.count) }
    var working = ledger
    let created = try write(plan, into: &working)
    working.rebuildIndexes()
    ledger = working
    return Summary(
      valueEntriesPosted: plan.postedRows.count, glEntriesCreated: created,
      registerNo: Int64(working.glRegisters.count),
      skipped: plan.skipped.count)
  }

  /// A G/L line to create and the value entries behind it.
  struct GLLine {
    var date: LedgerDate
    var account: StringID
    var type: InventoryAccountType
    var balancing: InventoryAccountType
    var amount: ExactDecimal
    var documentNo: StringID
    var externalDocumentNo: StringID
    var description: String
    var members: [(row: Int, interim: Bool)]
  }

  /// The G/L lines of a plan: one per buffer line of each value entry (per entry), or one per
  /// buffer key over the whole run (per posting group).
  static func glLines(_ plan: Plan, _ ledger: inout Ledger) throws(PostingError) -> [GLLine] {
    let ve = Columns.valueEntry
    let table = ledger.valueEntries
    var lines: [GLLine] = []
    var index: [BufferKey: Int] = [:]
    for line in plan.lines {
      let row = line.valueEntryRow
      let date = table[ve.postingDate, row]
      var key = BufferKey(
        date: date.ordinal, type: line.accountType.rawValue, location: table[ve.locationCode, row].raw,
        group: line.inventoryPostingGroup.raw, business: table[ve.genBusPostingGroup, row].raw,
        product: table[ve.genProdPostingGroup, row].raw, negative: line.amount.isNegative,
        balancing: line.balancingType.rawValue, entry: -1)
      let description = InventoryCostPosting.description(of: line, plan.options.method, ledger)
      let documentNo: StringID
      let external: StringID
      switch plan.options.method {
      case .perEntry:
        key.entry = row
        documentNo = table[ve.documentNo, row]
        external = table[ve.externalDocumentNo, row]
      case .perPostingGroup:
        documentNo = ledger.strings.intern(plan.options.documentNo ?? "")
        external = .blank
      }
      if let slot = index[key] {
        guard let sum = lines[slot].amount.adding(line.amount) else { throw .overflow }
        lines[slot].amount = sum
        if lines[slot].members.last?.row != row || lines[slot].members.last?.interim != line.interim {
          lines[slot].members.append((row, line.interim))
        }
      } else {
        index[key] = lines.count
        lines.append(
          GLLine(
            date: date, account: line.account, type: line.accountType, balancing: line.balancingType,
            amount: line.amount, documentNo: documentNo, externalDocumentNo: external,
            description: description,
            members: [(row, line.interim)]))
      }
    }
    return lines
  }

  /// The G/L entry description a line gets: "<Entry Type> <Source No.> on <Posting Date>" per
  /// entry; "<Account Type> - <Bal. Account Type>, <Location>,<Group>,<Gen. Bus.>,<Gen. Prod.>"
  /// per posting group (§4.3).
  public static func description(of line: EntryLine, _ method: Method, _ ledger: Ledger) -> String {
    let ve = Columns.valueEntry
    let table = ledger.valueEntries
    let row = line.valueEntryRow
    switch method {
    case .perEntry:
      return
        "\(table[ve.entryType, row].caption) \(ledger.string(table[ve.sourceNo, row])) on \(table[ve.postingDate, row].text)"
    case .perPostingGroup:
      return
        "\(line.accountType.caption) - \(line.balancingType.caption), \(ledger.string(table[ve.locationCode, row])),"
        + "\(ledger.string(line.inventoryPostingGroup)),\(ledger.string(table[ve.genBusPostingGroup, row])),"
        + "\(ledger.string(table[ve.genProdPostingGroup, row]))"
    }
  }

  struct BufferKey: Hashable {
    var date: Int32
    var type: Int
    var location: UInt32
    var group: UInt32
    var business: UInt32
    var product: UInt32
    var negative: Bool
    var balancing: Int
    /// The value entry row when posting per entry (each entry posts on its own), else −1.
    var entry: Int
  }

  /// Writes the G/L entries, relations and register of a plan and marks the entries posted.
  static func write(_ plan: Plan, into ledger: inout Ledger) throws(PostingError) -> Int {
    let lines = try glLines(plan, &ledger)
    let gl = Columns.glEntry, rel = Columns.glItemLedgerRelation, ve = Columns.valueEntry
    let register = Int64(ledger.glRegisters.count + 1)
    let firstEntryNo = (ledger.glEntries.values(gl.entryNo).max() ?? 0) + 1
    let source = ledger.strings.intern(ledger.inventoryPostCostSourceCode)
    var created = 0
    for line in lines where !line.amount.isZero {
      let row = ledger.appendRow(to: \.glEntries)
      let entryNo = firstEntryNo + Int64(created)
      created += 1
      ledger.glEntries[gl.entryNo, row] = entryNo
      ledger.glEntries[gl.glAccountNo, row] = line.account
      ledger.glEntries[gl.postingDate, row] = line.date
      ledger.glEntries[gl.documentNo, row] = line.documentNo
      ledger.glEntries[gl.externalDocumentNo, row] = line.externalDocumentNo
      ledger.glEntries[gl.description, row] = ledger.strings.intern(line.description)
      ledger.glEntries[gl.amount, row] = line.amount
      ledger.glEntries[gl.sourceCode, row] = source
      ledger.glEntries[gl.systemCreatedEntry, row] = true
      ledger.glEntries[gl.transactionNo, row] = register
      for member in line.members {
        let relation = ledger.appendRow(to: \.glItemLedgerRelations)
        ledger.glItemLedgerRelations[rel.glEntryNo, relation] = entryNo
        ledger.glItemLedgerRelations[rel.valueEntryNo, relation] = ledger.valueEntries[ve.entryNo, member.row]
        ledger.glItemLedgerRelations[rel.glRegisterNo, relation] = register
      }
    }
    // UpdateValueEntry, per buffer line: an interim line marks the expected cost posted, any
    // other line the actual cost. An expected amount no line took (consumption, assembly,
    // revaluation of adjustments) stays as it was, as in BC.
    for line in plan.lines {
      let row = line.valueEntryRow
      if line.interim {
        ledger.valueEntries[ve.expectedCostPostedToGL, row] = ledger.valueEntries[ve.costAmountExpected, row]
      } else {
        ledger.valueEntries[ve.costPostedToGL, row] = ledger.valueEntries[ve.costAmountActual, row]
      }
    }
    let r = Columns.glRegister
    let registerRow = ledger.appendRow(to: \.glRegisters)
    ledger.glRegisters[r.no, registerRow] = register
    ledger.glRegisters[r.fromEntryNo, registerRow] = created > 0 ? firstEntryNo : 0
    ledger.glRegisters[r.toEntryNo, registerRow] = created > 0 ? firstEntryNo + Int64(created) - 1 : 0
    ledger.glRegisters[r.sourceCode, registerRow] = source
    ledger.glRegisters[r.creationDate, registerRow] = plan.options.runDate
    return created
  }
}

/// The item filter of a posting run.
struct ItemMatcher {
  private let filter: CodeFilter?
  private let ledger: Ledger

  init(_ ledger: Ledger, _ filter: CodeFilter?) {
    self.ledger = ledger
    self.filter = filter
  }

  func callAsFunction(_ item: StringID) -> Bool {
    guard let filter else { return true }
    return filter.matches(ledger.string(item))
  }
}
