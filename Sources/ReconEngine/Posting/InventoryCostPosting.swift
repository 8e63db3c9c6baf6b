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
      }
    }
  }

  /// Why a pending value entry was left in the queue.
  public enum SkipReason: Error, Equatable, Sendable, CustomStringConvertible {
    case expectedCostPostingOff
    case combinationNotAllowed
    case missingSetup(String)
    case blankAccount(String)
    case missingAccount(String)
    case blockedAccount(String)
    case notPostingAccount(String)
    case blockedSetup(String)
    case dateOutsideWindow

    public var description: String {
      switch self {
      case .expectedCostPostingOff: return "expected cost only, and Expected Cost Posting to G/L is off"
      case .combinationNotAllowed:
        return "this combination of item ledger entry type and entry type cannot be posted"
      case .missingSetup(let key): return "no posting setup row for \(key)"
      case .blankAccount(let field): return "\(field) is blank in the posting setup"
      case .missingAccount(let account): return "G/L account \(account) does not exist"
      case .blockedAccount(let account): return "G/L account \(account) is blocked"
      case .notPostingAccount(let account): return "G/L account \(account) is not a posting account"
      case .blockedSetup(let key): return "the general posting setup \(key) is blocked"
      case .dateOutsideWindow: return "posting date is outside the allowed posting window"
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
    public var amount: ExactDecimal
  }

  public struct SkippedEntry: Sendable {
    public var valueEntryRow: Int
    public var reason: SkipReason
  }

  /// What a run would do: the lines per value entry, the entries it would mark as posted, the
  /// skipped ones. The same plan is printed by a dry run and carried out by `post`.
  public struct Plan: Sendable {
    public var options: Options
    public var lines: [EntryLine] = []
    public var postedRows: [Int] = []
    public var skipped: [SkippedEntry] = []
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

  /// Which value entries would be posted, to which accounts, and which are skipped (§4.2).
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
      let actualToPost = table[ve.costAmountActual, row].subtracting(table[ve.costPostedToGL, row])
      let expectedToPost = table[ve.costAmountExpected, row].subtracting(
        table[ve.expectedCostPostedToGL, row])
      guard let actualToPost, let expectedToPost else { throw .overflow }
      if actualToPost.isZero && expectedToPost.isZero { continue }  // not pending
      if !options.dates.contains(table[ve.postingDate, row]) || !itemMatches(table[ve.itemNo, row]) {
        continue
      }
      if !table[ve.inventoriable, row]
        || (table[ve.costAmountActual, row].isZero && table[ve.costAmountExpected, row].isZero)
      {
        plan.ignored += 1
        continue
      }
      let postExpected = expectedOn && !expectedToPost.isZero
      if actualToPost.isZero && !postExpected {
        plan.skipped.append(SkippedEntry(valueEntryRow: row, reason: .expectedCostPostingOff))
        continue
      }
      if let reason = windowProblem(ledger, table[ve.postingDate, row]) {
        plan.skipped.append(SkippedEntry(valueEntryRow: row, reason: reason))
        continue
      }
      var parts: [(PostingPair, ExactDecimal, Bool)] = []
      let ile = table[ve.itemLedgerEntryType, row]
      let entryType = table[ve.entryType, row]
      if !actualToPost.isZero {
        guard
          let pair = PostingMap.actual(
            itemLedgerEntryType: ile, entryType: entryType, varianceType: table[ve.varianceType, row],
            orderType: table[ve.orderType, row])
        else {
          plan.skipped.append(SkippedEntry(valueEntryRow: row, reason: .combinationNotAllowed))
          continue
        }
        parts.append((pair, actualToPost, false))
      }
      if postExpected {
        guard let pair = PostingMap.expected(itemLedgerEntryType: ile, entryType: entryType) else {
          plan.skipped.append(SkippedEntry(valueEntryRow: row, reason: .combinationNotAllowed))
          continue
        }
        parts.append((pair, expectedToPost, true))
      }
      var lines: [EntryLine] = []
      var problem: SkipReason?
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
                amount: signed))
          case .failure(let reason):
            problem = problem ?? reason
          }
        }
      }
      if let problem {
        plan.skipped.append(SkippedEntry(valueEntryRow: row, reason: problem))
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

  static func windowProblem(_ ledger: Ledger, _ date: LedgerDate) -> SkipReason? {
    if let from = ledger.allowPostingFrom, date.normalDate < from.normalDate { return .dateOutsideWindow }
    if let to = ledger.allowPostingTo, date.normalDate > to.normalDate { return .dateOutsideWindow }
    return nil
  }

  // MARK: Post

  /// Carries out a run: all or nothing. On any error `ledger` is unchanged; a second run finds
  /// nothing left to post.
  @discardableResult
  public static func post(_ ledger: inout Ledger, _ options: Options) throws(PostingError) -> Summary {
    let plan = try plan(ledger, options)
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
        group: table[ve.inventoryPostingGroup, row].raw, business: table[ve.genBusPostingGroup, row].raw,
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
        + "\(ledger.string(table[ve.inventoryPostingGroup, row])),\(ledger.string(table[ve.genBusPostingGroup, row])),"
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
    // Every planned entry is now fully posted: its actual part, and its expected part when
    // expected cost posting is on.
    for row in plan.postedRows {
      ledger.valueEntries[ve.costPostedToGL, row] = ledger.valueEntries[ve.costAmountActual, row]
      if ledger.expectedCostPostingToGL {
        ledger.valueEntries[ve.expectedCostPostedToGL, row] = ledger.valueEntries[ve.costAmountExpected, row]
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

/// Resolves an account type for a value entry through the posting setups, with the reasons BC
/// would refuse (§4.2, §4.5).
struct AccountResolver {
  private let ledger: Ledger
  /// A setup row's key: two codes (location + group, or business + product group).
  struct PairKey: Hashable {
    var first: UInt32
    var second: UInt32
  }
  private var inventorySetup: [PairKey: Int] = [:]
  private var generalSetup: [PairKey: Int] = [:]
  private var accountRows: [UInt32: Int] = [:]
  private var itemGroups: [UInt32: UInt32] = [:]

  init(_ ledger: Ledger) {
    self.ledger = ledger
    let ips = Columns.inventoryPostingSetup, gps = Columns.generalPostingSetup
    for row in ledger.inventoryPostingSetup.indices {
      inventorySetup[
        PairKey(
          first: ledger.inventoryPostingSetup[ips.locationCode, row].raw,
          second: ledger.inventoryPostingSetup[ips.inventoryPostingGroup, row].raw)] = row
    }
    for row in ledger.generalPostingSetup.indices {
      generalSetup[
        PairKey(
          first: ledger.generalPostingSetup[gps.genBusPostingGroup, row].raw,
          second: ledger.generalPostingSetup[gps.genProdPostingGroup, row].raw)] = row
    }
    for row in ledger.glAccounts.indices {
      accountRows[ledger.glAccounts[Columns.glAccount.no, row].raw] = row
    }
    for row in ledger.items.indices {
      itemGroups[ledger.items[Columns.item.no, row].raw] =
        ledger.items[Columns.item.inventoryPostingGroup, row].raw
    }
  }

  func account(_ type: InventoryAccountType, valueEntryRow row: Int) -> Result<
    StringID, InventoryCostPosting.SkipReason
  > {
    let ve = Columns.valueEntry
    let entries = ledger.valueEntries
    let account: StringID
    if let column = type.inventorySetupColumn {
      var group = entries[ve.inventoryPostingGroup, row]
      // WIP of a component's consumption uses the produced item's group (§1.2).
      let source = entries[ve.sourceNo, row]
      if type == .wipInventory, !source.isBlank, source != entries[ve.itemNo, row],
        let sourceGroup = itemGroups[source.raw]
      {
        group = StringID(raw: sourceGroup)
      }
      let location = entries[ve.locationCode, row]
      guard let setupRow = inventorySetup[PairKey(first: location.raw, second: group.raw)] else {
        return .failure(
          .missingSetup("location \"\(ledger.string(location))\", group \"\(ledger.string(group))\""))
      }
      account = ledger.inventoryPostingSetup[column, setupRow]
      if account.isBlank { return .failure(.blankAccount(type.caption + " Account")) }
    } else if let column = type.generalSetupColumn {
      let business = entries[ve.genBusPostingGroup, row]
      let product = entries[ve.genProdPostingGroup, row]
      // The key's text only when a message needs it: this runs for every line of every entry.
      func key() -> String { "\"\(ledger.string(business))\" / \"\(ledger.string(product))\"" }
      guard let setupRow = generalSetup[PairKey(first: business.raw, second: product.raw)] else {
        return .failure(.missingSetup(key()))
      }
      if ledger.generalPostingSetup[Columns.generalPostingSetup.blocked, setupRow] {
        return .failure(.blockedSetup(key()))
      }
      account = ledger.generalPostingSetup[column, setupRow]
      if account.isBlank { return .failure(.blankAccount(type.caption + " Account")) }
    } else {
      return .failure(.combinationNotAllowed)
    }
    guard let accountRow = accountRows[account.raw] else {
      return .failure(.missingAccount(ledger.string(account)))
    }
    if ledger.glAccounts[Columns.glAccount.blocked, accountRow] {
      return .failure(.blockedAccount(ledger.string(account)))
    }
    if ledger.glAccounts[Columns.glAccount.accountType, accountRow] != .posting {
      return .failure(.notPostingAccount(ledger.string(account)))
    }
    return .success(account)
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
