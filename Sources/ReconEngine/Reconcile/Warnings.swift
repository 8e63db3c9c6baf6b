/// The warnings of the reconciliation window (reconciliation.md §3.6).
public enum ReconciliationWarning: Int, CaseIterable, Sendable {
  case expectedCostSetup, postCostToGL, compression, postingGroup, directPosting, postingDate
  case closedFiscalYear, similarAccounts, deletedAccounts

  /// The short text shown in a cell.
  public var text: String {
    switch self {
    case .expectedCostSetup: return "Expected Cost Setup"
    case .postCostToGL: return "Post Cost to G/L"
    case .compression: return "Compression"
    case .postingGroup: return "Posting Group"
    case .directPosting: return "Direct Posting"
    case .postingDate: return "Posting Date"
    case .closedFiscalYear: return "Closed Fiscal Year"
    case .similarAccounts: return "Similar Accounts"
    case .deletedAccounts: return "Deleted Accounts"
    }
  }

  /// The long explanation shown when a warning cell is opened.
  public var explanation: String {
    switch self {
    case .expectedCostSetup:
      return
        "Expected-cost posting is switched off, so the interim G/L accounts stay empty while the inventory ledger holds expected cost; that gap is the difference."
    case .postCostToGL:
      return "Part of the inventory cost has not reached the G/L yet; run Post Inventory Cost to G/L."
    case .compression: return "Inventory or G/L entries in the period have been date-compressed."
    case .postingGroup:
      return
        "Inventory accounts in the posting setups may have been reassigned (chart of accounts restructured)."
    case .directPosting:
      return
        "Something was posted straight to an inventory-related G/L account, bypassing the inventory ledger."
    case .postingDate:
      return "Within the period, value entries and their G/L entries carry different posting dates."
    case .closedFiscalYear:
      return
        "Some amounts sit in a closed fiscal year, so P&L-type totals no longer match their G/L accounts (closing entries)."
    case .similarAccounts:
      return "One G/L account seems to be used for several kinds of inventory transactions."
    case .deletedAccounts: return "Inventory-related G/L accounts seem to have been deleted."
    }
  }
}

/// The flags BC sets on the Difference line: the Expected Cost Setup check (step A) and at most
/// one flag from the first-match chain (step B).
public struct WarningFlags: Equatable, Sendable {
  public var expectedCostSetup: Bool
  /// The flag set by step B, or nil when the chain stopped at test 1 or nothing fired.
  public var chain: ReconciliationWarning?

  public init(expectedCostSetup: Bool, chain: ReconciliationWarning?) {
    self.expectedCostSetup = expectedCostSetup
    self.chain = chain
  }

  /// The fields whose Difference, when non-zero, can show Expected Cost Setup.
  static let expectedCostFields: Set<ReconciliationField> = [
    .inventoryInterim, .invtAccrualInterim, .cogsInterim, .wipInventory,
  ]

  /// What a warning cell for `field` shows, given that field's Difference: nothing unless the
  /// Difference is non-zero, then Expected Cost Setup where it applies, else the chain's flag.
  public func warning(for field: ReconciliationField, difference: ExactDecimal) -> ReconciliationWarning? {
    guard !difference.isZero else { return nil }
    if expectedCostSetup && WarningFlags.expectedCostFields.contains(field) { return .expectedCostSetup }
    return chain
  }

  init(
    _ ledger: Ledger, filters: ReconciliationFilters, difference: FieldAmounts,
    glInventoryTotal: ExactDecimal,
    unpostedActualFound: Bool
  ) {
    // Step A.
    let interimDifference = [
      ReconciliationField.inventoryInterim, .wipInventory, .invtAccrualInterim, .cogsInterim,
    ]
    .contains { !difference[$0].isZero }
    expectedCostSetup = interimDifference && !ledger.expectedCostPostingToGL
    chain = WarningFlags.firstMatch(
      ledger, filters.dates, difference, glInventoryTotal: glInventoryTotal,
      unpostedActualFound: unpostedActualFound)
  }

  /// Step B: the first test that fires wins.
  static func firstMatch(
    _ ledger: Ledger, _ dates: DateRange, _ difference: FieldAmounts, glInventoryTotal: ExactDecimal,
    unpostedActualFound: Bool
  ) -> ReconciliationWarning? {
    // 1. The 20 difference fields other than Inventory (Interim) all zero: nothing to explain.
    if ReconciliationField.allCases.allSatisfy({ $0 == .inventoryInterim || difference[$0].isZero }) {
      return nil
    }
    // 2. Cost not posted at all.
    if unpostedActualFound { return .postCostToGL }
    // 3. A date compression starting or ending inside the filter.
    let dc = Columns.dateCompression
    for row in ledger.dateCompressions.indices where ledger.dateCompressions[dc.tableName, row] != .blank {
      let start = ledger.dateCompressions[dc.startingDate, row]
      let end = ledger.dateCompressions[dc.endingDate, row]
      if (start != LedgerTable.noDate && dates.contains(start))
        || (end != LedgerTable.noDate && dates.contains(end))
      {
        return .compression
      }
    }
    // 4. P&L differences with closing entries of a closed fiscal year in the filter.
    let profitAndLoss: [ReconciliationField] = [
      .directCostApplied, .overheadApplied, .directCostAppliedActual, .overheadAppliedActual,
      .directCostAppliedWIP, .overheadAppliedWIP, .purchaseVariance, .inventoryAdjmt, .cogs,
      .materialVariance,
      .capacityVariance, .subcontractedVariance, .capOverheadVariance, .mfgOverheadVariance, .inventoryToWIP,
    ]
    if profitAndLoss.contains(where: { !difference[$0].isZero }) && !ledger.accountingPeriods.isEmpty
      && closingEntriesInClosedYear(ledger, dates)
    {
      return .closedFiscalYear
    }
    // 5. G/L entries whose account was deleted.
    let gl = Columns.glEntry
    for row in ledger.glEntries.indices
    where ledger.glEntries[gl.glAccountNo, row].isBlank
      && dates.contains(ledger.glEntries[gl.postingDate, row])
    {
      return .deletedAccounts
    }
    // 6. All-time inventory projection equals the in-period G/L inventory: BC reads that as
    // value entries and G/L entries on different dates (see the quirk in §3.6).
    var allTimeInventory = ExactSum()
    let ve = Columns.valueEntry
    let ileTypes = ledger.valueEntries.rawBytes(ve.itemLedgerEntryType)
    let actual = ledger.valueEntries.units(ve.costAmountActual)
    for row in actual.indices where ileTypes[row] != ItemLedgerEntryType.blank.rawValue {
      allTimeInventory.add(ExactDecimal(units: actual[row]))
    }
    if let total = try? allTimeInventory.value(), total == glInventoryTotal { return .postingDate }
    // 7. The differences do not cancel out: something was posted around the inventory ledger.
    var sum = ExactSum()
    for field in ReconciliationField.allCases where field != .inventoryToWIP && field != .wipToInterim {
      sum.add(difference[field])
    }
    if let total = try? sum.value(), !total.isZero { return .directPosting }
    return nil
  }

  /// G/L entries on the closing date of a closed fiscal year that the date filter touches.
  static func closingEntriesInClosedYear(_ ledger: Ledger, _ dates: DateRange) -> Bool {
    let p = Columns.accountingPeriod
    let periods = ledger.accountingPeriods.indices.map {
      (
        start: ledger.accountingPeriods[p.startingDate, $0],
        newYear: ledger.accountingPeriods[p.newFiscalYear, $0],
        closed: ledger.accountingPeriods[p.closed, $0]
      )
    }.sorted { $0.start < $1.start }
    let yearStarts = periods.indices.filter { periods[$0].newYear || $0 == 0 }
    var closingDates: [LedgerDate] = []
    for (index, startIndex) in yearStarts.enumerated() {
      let endIndex = index + 1 < yearStarts.count ? yearStarts[index + 1] : periods.count
      // The year's last day: the day before the next year starts, or (for the last year) one
      // period length after its last period starts; a year is closed when all its periods are.
      guard endIndex > startIndex, periods[startIndex..<endIndex].allSatisfy(\.closed) else { continue }
      let yearStart = periods[startIndex].start
      let lastDay: LedgerDate
      if endIndex < periods.count {
        lastDay = periods[endIndex].start.adding(days: -1)
      } else {
        let (year, month, day) = yearStart.components
        lastDay = (LedgerDate(year: year + 1, month: month, day: day) ?? yearStart).adding(days: -1)
      }
      let touches =
        dates.contains(yearStart) || dates.contains(lastDay)
        || ((dates.start.map { $0 >= yearStart } ?? true) && (dates.end.map { $0 <= lastDay } ?? true))
      if touches { closingDates.append(lastDay.closingDate) }
    }
    guard !closingDates.isEmpty else { return false }
    let wanted = Set(closingDates.map(\.ordinal))
    return ledger.glEntries.ordinals(Columns.glEntry.postingDate).contains { wanted.contains($0) }
  }
}
