/// The rows of BC's reconciliation grid (reconciliation.md §3.4), in order.
public enum MatrixRow: Int, CaseIterable, Sendable {
  case inventoryToWIP, wipToInterim, cogsInterim, directCostApplied, overheadApplied, inventoryAdjmt
  case invtAccrualInterim, cogs, purchaseVariance, materialVariance, capacityVariance, subcontractedVariance
  case capacityOverheadVariance, mfgOverheadVariance, total, glTotal, difference, warning

  public var caption: String {
    switch self {
    case .inventoryToWIP: return "Inventory To WIP"
    case .wipToInterim: return "WIP To Interim"
    case .cogsInterim: return "COGS (Interim)"
    case .directCostApplied: return "Direct Cost Applied"
    case .overheadApplied: return "Overhead Applied"
    case .inventoryAdjmt: return "Inventory Adjmt."
    case .invtAccrualInterim: return "Invt. Accrual (Interim)"
    case .cogs: return "COGS"
    case .purchaseVariance: return "Purchase Variance"
    case .materialVariance: return "Material Variance"
    case .capacityVariance: return "Capacity Variance"
    case .subcontractedVariance: return "Subcontracted Variance"
    case .capacityOverheadVariance: return "Capacity Overhead Variance"
    case .mfgOverheadVariance: return "Mfg. Overhead Variance"
    case .total: return "Total"
    case .glTotal: return "G/L Total"
    case .difference: return "Difference"
    case .warning: return "Warning"
    }
  }

  /// Rows 15–18 are totals, shown bold.
  public var isTotal: Bool { rawValue >= MatrixRow.total.rawValue }

  /// The field a P&L row stands for (its Total, G/L Total, Difference and Warning cells).
  public var field: ReconciliationField? {
    switch self {
    case .inventoryToWIP: return .inventoryToWIP
    case .wipToInterim: return .wipToInterim
    case .cogsInterim: return .cogsInterim
    case .directCostApplied: return .directCostApplied
    case .overheadApplied: return .overheadApplied
    case .inventoryAdjmt: return .inventoryAdjmt
    case .invtAccrualInterim: return .invtAccrualInterim
    case .cogs: return .cogs
    case .purchaseVariance: return .purchaseVariance
    case .materialVariance: return .materialVariance
    case .capacityVariance: return .capacityVariance
    case .subcontractedVariance: return .subcontractedVariance
    case .capacityOverheadVariance: return .capOverheadVariance
    case .mfgOverheadVariance: return .mfgOverheadVariance
    default: return nil
    }
  }

  /// Finds a row by caption, ignoring case and surrounding spaces.
  public init?(caption: String) {
    let wanted = caption.trimmingSpaces.lowercased()
    guard let row = MatrixRow.allCases.first(where: { $0.caption.lowercased() == wanted }) else { return nil }
    self = row
  }
}

/// The columns of the grid, in order.
public enum MatrixColumn: Int, CaseIterable, Sendable {
  case inventory, inventoryInterim, wipInventory, total, glTotal, difference, warning

  public var caption: String {
    switch self {
    case .inventory: return "Inventory"
    case .inventoryInterim: return "Inventory (Interim)"
    case .wipInventory: return "WIP Inventory"
    case .total: return "Total"
    case .glTotal: return "G/L Total"
    case .difference: return "Difference"
    case .warning: return "Warning"
    }
  }

  /// The balance-sheet field of the first three columns.
  public var field: ReconciliationField? {
    switch self {
    case .inventory: return .inventory
    case .inventoryInterim: return .inventoryInterim
    case .wipInventory: return .wipInventory
    default: return nil
    }
  }

  /// Total, G/L Total, Difference and Warning are always emphasised.
  public var isEmphasised: Bool { rawValue >= MatrixColumn.total.rawValue }

  public init?(caption: String) {
    let wanted = caption.trimmingSpaces.lowercased()
    guard let column = MatrixColumn.allCases.first(where: { $0.caption.lowercased() == wanted }) else {
      return nil
    }
    self = column
  }
}

/// Where a cell's amount comes from: which side of the reconciliation, which field, which sign.
public struct CellFormula: Equatable, Sendable {
  public enum Side: Equatable, Sendable {
    /// Σ over item lines.
    case items
    /// Σ over G/L lines.
    case glLines
    /// G/L lines minus item lines.
    case difference
  }
  public var side: Side
  public var field: ReconciliationField
  public var sign: Int64

  /// The formula of a cell other than the split halves of `splitRow`.
  static func of(_ row: MatrixRow, _ column: MatrixColumn) -> CellFormula? {
    func cell(_ side: Side, _ field: ReconciliationField, _ sign: Int64 = 1) -> CellFormula {
      CellFormula(side: side, field: field, sign: sign)
    }
    switch row {
    case .inventoryToWIP:
      switch column {
      case .inventory: return cell(.items, .inventoryToWIP, -1)
      case .wipInventory: return cell(.items, .inventoryToWIP)
      case .glTotal: return cell(.glLines, .inventoryToWIP)
      default: return nil
      }
    case .wipToInterim:
      switch column {
      case .inventoryInterim: return cell(.items, .wipToInterim)
      case .wipInventory: return cell(.items, .wipToInterim, -1)
      case .glTotal: return cell(.glLines, .wipToInterim)
      default: return nil
      }
    case .total, .glTotal, .difference:
      guard let field = column.field else { return nil }
      return cell(row == .total ? .items : row == .glTotal ? .glLines : .difference, field)
    case .warning:
      return nil
    default:
      guard let field = row.field else { return nil }
      switch column {
      case .total: return cell(.items, field)
      case .glTotal: return cell(.glLines, field)
      case .difference: return cell(.difference, field)
      case .warning: return nil
      case .inventory, .inventoryInterim, .wipInventory:
        guard let placed = placement(row), placed.column == column else { return nil }
        return cell(.items, placed.field)
      }
    }
  }

  /// The one balance-sheet column a P&L row fills, and with which field; Direct Cost Applied and
  /// Overhead Applied fill two (their Actual and WIP halves).
  private static func placement(_ row: MatrixRow) -> (column: MatrixColumn, field: ReconciliationField)? {
    switch row {
    case .cogsInterim: return (.inventoryInterim, .cogsInterim)
    case .invtAccrualInterim: return (.inventoryInterim, .invtAccrualInterim)
    case .directCostApplied, .overheadApplied: return nil
    default: return row.field.map { (.inventory, $0) }
    }
  }
}

extension CellFormula {
  /// Direct Cost Applied and Overhead Applied split into their Actual (Inventory column) and WIP
  /// (WIP Inventory column) halves.
  static func splitRow(_ row: MatrixRow, _ column: MatrixColumn) -> CellFormula? {
    switch (row, column) {
    case (.directCostApplied, .inventory):
      return CellFormula(side: .items, field: .directCostAppliedActual, sign: 1)
    case (.directCostApplied, .wipInventory):
      return CellFormula(side: .items, field: .directCostAppliedWIP, sign: 1)
    case (.overheadApplied, .inventory):
      return CellFormula(side: .items, field: .overheadAppliedActual, sign: 1)
    case (.overheadApplied, .wipInventory):
      return CellFormula(side: .items, field: .overheadAppliedWIP, sign: 1)
    default: return nil
    }
  }

  /// The formula of any amount cell (nil: empty or warning).
  public static func formula(_ row: MatrixRow, _ column: MatrixColumn) -> CellFormula? {
    splitRow(row, column) ?? of(row, column)
  }
}

/// Which rows and columns are visible (§3.4 visibility table).
public struct MatrixLayout: Equatable, Sendable {
  public let rows: [MatrixRow]
  public let columns: [MatrixColumn]

  public init(filters: ReconciliationFilters) {
    if filters.hidesGLSide {
      rows = Array(MatrixRow.allCases.prefix(through: MatrixRow.total.rawValue))
      columns = [.inventory, .inventoryInterim, .wipInventory, .total]
    } else if filters.showsWarnings {
      rows = MatrixRow.allCases
      columns = MatrixColumn.allCases
    } else {
      rows = Array(MatrixRow.allCases.prefix(through: MatrixRow.difference.rawValue))
      columns = Array(MatrixColumn.allCases.prefix(through: MatrixColumn.difference.rawValue))
    }
  }
}

/// What one cell of the grid holds.
public enum MatrixCell: Equatable, Sendable {
  /// Left empty by the layout.
  case empty
  /// An amount (zero shows blank).
  case amount(ExactDecimal, CellFormula)
  /// A warning cell: the warning it shows, if any, and the field whose Difference gates it.
  case warning(ReconciliationWarning?, ReconciliationField)
}

extension Reconciliation {
  public var layout: MatrixLayout { MatrixLayout(filters: filters) }

  /// The content of a cell.
  public func cell(_ row: MatrixRow, _ column: MatrixColumn) -> MatrixCell {
    if let formula = CellFormula.formula(row, column) {
      return .amount(value(of: formula), formula)
    }
    if let field = warningField(row, column) {
      return .warning(warnings?.warning(for: field, difference: difference[field]), field)
    }
    return .empty
  }

  /// The field whose warning a warning cell shows: Warning row × balance column, or Warning
  /// column × rows 3–14.
  func warningField(_ row: MatrixRow, _ column: MatrixColumn) -> ReconciliationField? {
    if row == .warning { return column.field }
    if column == .warning, row.rawValue >= MatrixRow.cogsInterim.rawValue, !row.isTotal { return row.field }
    return nil
  }

  public func value(of formula: CellFormula) -> ExactDecimal {
    let amounts: FieldAmounts
    switch formula.side {
    case .items: amounts = itemTotals
    case .glLines: amounts = glTotals
    case .difference: amounts = difference
    }
    // Totals never hold Int64.min (the reconciliation refuses it as an overflow), so negating is safe.
    return ExactDecimal(units: amounts.units[formula.field.rawValue] * formula.sign)
  }
}
