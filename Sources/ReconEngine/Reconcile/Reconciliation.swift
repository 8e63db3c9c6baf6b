/// One line of the reconciliation (BC's Inventory Report Entry): an item's projected amounts,
/// or one G/L account's net change in the field of its account type.
public struct ReportLine: Sendable {
  public enum Kind: Equatable, Sendable {
    case item(StringID)
    case glAccount(StringID, InventoryAccountType)
  }
  public var kind: Kind
  public var amounts: FieldAmounts
}

public enum ReconciliationError: Error, Equatable, Sendable, CustomStringConvertible {
  case overflow

  public var description: String {
    "a total exceeds the exact decimal range (±92,233,720,368,547.75807); the ledger cannot be summed exactly"
  }
}

/// The result of the Inventory – G/L Reconciliation for one set of filters: the item lines, the
/// G/L lines, their totals, the Difference line and the warning flags. A value: the matrix, the
/// drill-down, the CSV export and the headless commands all read it.
public struct Reconciliation: Sendable {
  public let filters: ReconciliationFilters
  /// One line per item with value entries in the filters, sorted by item number.
  public let itemLines: [ReportLine]
  /// One line per (account type, distinct account) with a non-zero net change.
  public let glLines: [ReportLine]
  public let itemTotals: FieldAmounts
  public let glTotals: FieldAmounts
  /// G/L minus items, per field.
  public let difference: FieldAmounts
  /// Nil when warnings are not shown (switched off, or an item/location filter is set).
  public let warnings: WarningFlags?

  /// Computes the reconciliation of `ledger` under `filters` (reconciliation.md §3.2).
  public init(_ ledger: Ledger, filters: ReconciliationFilters) throws(ReconciliationError) {
    self.filters = filters
    var overflow = false
    let items = Reconciliation.itemSide(ledger, filters, &overflow)
    let gl =
      filters.hasItemOrLocationFilter && filters.attributeGL
      ? Reconciliation.attributedGLSide(ledger, filters, &overflow)
      : Reconciliation.glSide(ledger, filters.dates, &overflow)
    itemLines = items.lines
    glLines = gl.lines
    itemTotals = Reconciliation.total(items.lines, &overflow)
    glTotals = Reconciliation.total(gl.lines, &overflow)
    var difference = FieldAmounts()
    for field in ReconciliationField.allCases {
      let (value, wrapped) = glTotals.units[field.rawValue].subtractingReportingOverflow(
        itemTotals.units[field.rawValue])
      difference.units[field.rawValue] = value
      overflow = overflow || wrapped || value == .min
    }
    self.difference = difference
    if overflow { throw .overflow }
    warnings =
      filters.showsWarnings
      ? WarningFlags(
        ledger, filters: filters, difference: difference, glInventoryTotal: glTotals[.inventory])
      : nil
  }

  /// The item lines of the reconciliation.
  struct ItemSide {
    var lines: [ReportLine] = []
  }

  /// Whether the value entries of an item take part: it matches the item filter and is an
  /// inventory item (an item number with no item record counts as one, as capacity entries do).
  static func includedItems(_ ledger: Ledger, _ filters: ReconciliationFilters) -> [StringID] {
    let groups = ledger.indexes.valueEntriesByItem
    var nonInventory = Set<UInt32>()
    let c = Columns.item
    for row in ledger.items.indices where ledger.items[c.type, row] != .inventory {
      nonInventory.insert(ledger.items[c.no, row].raw)
    }
    var included: [StringID] = []
    for key in 0..<(groups.starts.count - 1) where groups.starts[key] < groups.starts[key + 1] {
      let id = StringID(raw: UInt32(key))
      if nonInventory.contains(id.raw) { continue }
      if let itemFilter = filters.items, !itemFilter.matches(ledger.string(id)) { continue }
      included.append(id)
    }
    included.sort { ledger.string($0).utf8.lexicographicallyPrecedes(ledger.string($1).utf8) }
    return included
  }

  /// Locations allowed by the location filter, as a lookup by string id (nil = all).
  static func allowedLocations(_ ledger: Ledger, _ filters: ReconciliationFilters) -> [Bool]? {
    guard let filter = filters.locations else { return nil }
    var allowed = [Bool](repeating: false, count: ledger.strings.count)
    let locations = Set(ledger.valueEntries.ids(Columns.valueEntry.locationCode))
    for id in locations where filter.matches(ledger.string(StringID(raw: id))) { allowed[Int(id)] = true }
    return allowed
  }

  static func itemSide(_ ledger: Ledger, _ filters: ReconciliationFilters, _ overflow: inout Bool) -> ItemSide
  {
    let selection = EntrySelection(ledger, filters)
    let ve = Columns.valueEntry
    let table = ledger.valueEntries
    let keys = ProjectionKeys(ledger)
    let actual = table.units(ve.costAmountActual)
    let expected = table.units(ve.costAmountExpected)
    let recipes = FlatProjection.shared
    let fieldCount = ReconciliationField.allCases.count
    var sums = [Int64](repeating: 0, count: selection.items.count * fieldCount)
    var seen = [Bool](repeating: false, count: selection.items.count)
    var side = ItemSide()
    var wrappedAny = false
    sums.withUnsafeMutableBufferPointer { sums in
      selection.forEachRow { row, slot in
        seen[slot] = true
        let a = actual[row]
        let e = expected[row]
        let key = keys[row]
        let base = slot * fieldCount
        for term in recipes.range(key) {
          let amount = recipes.signedAmount(term, actual: a, expected: e, overflow: &wrappedAny)
          let index = base + recipes.fields[term]
          let (value, wrapped) = sums[index].addingReportingOverflow(amount)
          sums[index] = value
          wrappedAny = wrappedAny || wrapped
        }
      }
    }
    overflow = overflow || wrappedAny
    for (slot, item) in selection.items.enumerated() where seen[slot] {
      var amounts = FieldAmounts()
      amounts.units = Array(sums[(slot * fieldCount)..<((slot + 1) * fieldCount)])
      side.lines.append(ReportLine(kind: .item(item), amounts: amounts))
    }
    return side
  }

  /// The distinct accounts of each account type, as the setup tables name them: blanks and
  /// numbers with no G/L account skipped (§3.2 step 1).
  static func setupAccounts(_ ledger: Ledger) -> [(InventoryAccountType, [StringID])] {
    let existing = Set(ledger.glAccounts.ids(Columns.glAccount.no))
    return InventoryAccountType.allCases.map { type in
      let (table, column) =
        type.isInventoryPostingSetupType
        ? (ledger.inventoryPostingSetup, type.inventorySetupColumn)
        : (ledger.generalPostingSetup, type.generalSetupColumn)
      guard let column else { return (type, []) }
      var seen = Set<UInt32>()
      var accounts: [StringID] = []
      for id in table.ids(column) where id != 0 && existing.contains(id) && seen.insert(id).inserted {
        accounts.append(StringID(raw: id))
      }
      accounts.sort { ledger.string($0).utf8.lexicographicallyPrecedes(ledger.string($1).utf8) }
      return (type, accounts)
    }
  }

  struct GLSide {
    var lines: [ReportLine] = []
  }

  /// Net change per account within the dates, by string id of the account number.
  static func netChanges(_ ledger: Ledger, _ dates: DateRange, _ overflow: inout Bool) -> [UInt32: Int64] {
    let gl = Columns.glEntry
    let accounts = ledger.glEntries.ids(gl.glAccountNo)
    let postingDates = ledger.glEntries.ordinals(gl.postingDate)
    let amounts = ledger.glEntries.units(gl.amount)
    let low = dates.lowerOrdinal
    let high = dates.upperOrdinal
    var sums = [Int64](repeating: 0, count: ledger.strings.count)
    var touched = [Bool](repeating: false, count: ledger.strings.count)
    for row in accounts.indices {
      let date = postingDates[row]
      if date < low || date > high { continue }
      let account = Int(accounts[row])
      let (value, wrapped) = sums[account].addingReportingOverflow(amounts[row])
      sums[account] = value
      touched[account] = true
      overflow = overflow || wrapped
    }
    var result: [UInt32: Int64] = [:]
    for id in touched.indices where touched[id] { result[UInt32(id)] = sums[id] }
    return result
  }

  static func glSide(_ ledger: Ledger, _ dates: DateRange, _ overflow: inout Bool) -> GLSide {
    let changes = netChanges(ledger, dates, &overflow)
    var side = GLSide()
    for (type, accounts) in setupAccounts(ledger) {
      let field = ReconciliationField.forAccountType(type)
      for account in accounts {
        let change = changes[account.raw] ?? 0
        if change == 0 { continue }
        var amounts = FieldAmounts()
        amounts.units[field.rawValue] = change
        side.lines.append(ReportLine(kind: .glAccount(account, type), amounts: amounts))
      }
    }
    return side
  }

  /// The G/L side for an item or location filter: the posted lines of the selected value
  /// entries, followed to their G/L entries, per account and type. G/L amounts with no value
  /// entry behind them belong to no item and are left out (`explain` lists them without the
  /// filter).
  static func attributedGLSide(_ ledger: Ledger, _ filters: ReconciliationFilters, _ overflow: inout Bool)
    -> GLSide
  {
    let gl = Columns.glEntry
    let resolver = AccountResolver(ledger)
    var setup: [UInt32: [InventoryAccountType]] = [:]
    for (type, accounts) in setupAccounts(ledger) {
      for account in accounts { setup[account.raw, default: []].append(type) }
    }
    var sums: [[UInt32]: Int64] = [:]
    let selected = ExplanationBuilder.selection(ledger, filters)
    for row in selected.indices where selected[row] {
      let lines = ExplanationBuilder.postedLines(ledger, row)
      if lines.isEmpty { continue }
      for match in ExplanationBuilder.match(lines, valueEntryRow: row, ledger: ledger, resolver: resolver) {
        let line = match.line
        guard let glRow = match.glRow, filters.dates.contains(ledger.glEntries[gl.postingDate, glRow]) else {
          continue
        }
        let account = ledger.glEntries[gl.glAccountNo, glRow]
        for type in setup[account.raw] ?? [] {
          let key = [UInt32(type.rawValue), account.raw]
          let (value, wrapped) = (sums[key] ?? 0).addingReportingOverflow(line.units)
          sums[key] = value
          overflow = overflow || wrapped
        }
      }
    }
    var side = GLSide()
    for (type, accounts) in setupAccounts(ledger) {
      for account in accounts {
        guard let units = sums[[UInt32(type.rawValue), account.raw]], units != 0 else { continue }
        var amounts = FieldAmounts()
        amounts.units[ReconciliationField.forAccountType(type).rawValue] = units
        side.lines.append(ReportLine(kind: .glAccount(account, type), amounts: amounts))
      }
    }
    return side
  }

  static func total(_ lines: [ReportLine], _ overflow: inout Bool) -> FieldAmounts {
    var total = FieldAmounts()
    for line in lines {
      for index in total.units.indices {
        let (value, wrapped) = total.units[index].addingReportingOverflow(line.amounts.units[index])
        total.units[index] = value
        overflow = overflow || wrapped || value == .min
      }
    }
    return total
  }
}
