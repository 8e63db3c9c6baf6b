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
    glInventoryTotal: ExactDecimal
  ) {
    // Step A (CheckExpectedCostPosting).
    let interimDifference = [
      ReconciliationField.inventoryInterim, .wipInventory, .invtAccrualInterim, .cogsInterim,
    ]
    .contains { !difference[$0].isZero }
    expectedCostSetup = interimDifference && !ledger.expectedCostPostingToGL
    chain = WarningFlags.firstMatch(ledger, filters.dates, difference, glInventoryTotal: glInventoryTotal)
  }

  /// Step B, DetermineDiffError's `case true of`: the first test that fires wins.
  static func firstMatch(
    _ ledger: Ledger, _ dates: DateRange, _ difference: FieldAmounts, glInventoryTotal: ExactDecimal
  ) -> ReconciliationWarning? {
    // 1. CheckIfNoDifference: the 20 difference fields other than Inventory (Interim) all zero.
    if ReconciliationField.allCases.allSatisfy({ $0 == .inventoryInterim || difference[$0].isZero }) {
      return nil
    }
    // 2. CheckCostIsPostedToGL.
    if WarningChecks.costNotPostedToGL(ledger, dates) { return .postCostToGL }
    // 3. CheckValueGLCompression.
    if WarningChecks.compressionInFilter(ledger, dates) { return .compression }
    // 4. CheckGLClosingOverlaps: P&L differences, accounting periods, closing entries.
    let profitAndLoss: [ReconciliationField] = [
      .directCostApplied, .overheadApplied, .directCostAppliedActual, .overheadAppliedActual,
      .directCostAppliedWIP, .overheadAppliedWIP, .purchaseVariance, .inventoryAdjmt, .cogs,
      .materialVariance,
      .capacityVariance, .subcontractedVariance, .capOverheadVariance, .mfgOverheadVariance, .inventoryToWIP,
    ]
    if profitAndLoss.contains(where: { !difference[$0].isZero })
      && WarningChecks.closingEntriesOverlap(ledger, dates)
    {
      return .closedFiscalYear
    }
    // 5. CheckDeletedGLAcc: G/L entries whose account was deleted.
    let gl = Columns.glEntry
    for row in ledger.glEntries.indices
    where ledger.glEntries[gl.glAccountNo, row].isBlank
      && dates.contains(ledger.glEntries[gl.postingDate, row])
    {
      return .deletedAccounts
    }
    // 6. CheckPostingDateToGLNotTheSame: the all-time inventory equals the in-period G/L
    // inventory; BC reads that as value entries and G/L entries on different dates (§3.6).
    if let total = ledger.indexes.memo.allTimeInventory({ WarningChecks.allTimeInventory(ledger) }),
      total == glInventoryTotal
    {
      return .postingDate
    }
    // 7. CheckDirectPostings: the differences do not cancel out.
    var sum = ExactSum()
    for field in ReconciliationField.allCases where field != .inventoryToWIP && field != .wipToInterim {
      sum.add(difference[field])
    }
    if let total = try? sum.value(), !total.isZero { return .directPosting }
    return nil
  }
}
