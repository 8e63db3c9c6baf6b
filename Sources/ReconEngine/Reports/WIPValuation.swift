/// Inventory Valuation – WIP (BC report 5802, reconciliation.md §5.2): per production order,
/// the WIP at Start − 1, what consumption, capacity and output added or took out, the WIP at End
/// and the cost posted to G/L.
public struct WIPValuation: Sendable {
  public struct Options: Sendable {
    public var start: LedgerDate?
    public var end: LedgerDate?
    public var orders: CodeFilter?

    public init(start: LedgerDate? = nil, end: LedgerDate? = nil, orders: CodeFilter? = nil) {
      self.start = start
      self.end = end
      self.orders = orders
    }
  }

  public struct Line: Sendable {
    /// Nil for the total line.
    public var order: StringID?
    public var description: StringID = .blank
    public var sourceNo: StringID = .blank
    public var opening = ExactDecimal.zero
    public var consumption = ExactDecimal.zero
    public var capacity = ExactDecimal.zero
    public var output = ExactDecimal.zero
    public var closing = ExactDecimal.zero
    public var costPostedToGL = ExactDecimal.zero
  }

  public let options: Options
  /// One line per order (Released orders first, then Finished, each by number — the Production
  /// Order key), then the total; no line at all when no order has a WIP entry.
  public let lines: [Line]

  /// Report 5802 (Value Entry.OnAfterGetRecord, ValueEntryOnPostDataItem, IsNotWIP,
  /// IsProductionCost, FinishedProdOrderIsCompletelyInvoiced), with the correct sums where BC
  /// re-adds stale values (see the README's differences from BC).
  public init(_ ledger: Ledger, _ options: Options) {
    self.options = options
    let ve = Columns.valueEntry, po = Columns.productionOrder
    let table = ledger.valueEntries
    let startOrdinal = options.start?.ordinal ?? Int32.min
    let endOrdinal = options.end?.ordinal ?? Int32.max
    // Every production value entry of each order, of any type and date.
    var rowsByOrder: [UInt32: [Int]] = [:]
    for row in table.indices where table[ve.orderType, row] == .production {
      rowsByOrder[table[ve.orderNo, row].raw, default: []].append(row)
    }
    var lines: [Line] = []
    var total = Line(order: nil)
    let orderRows = Self.inKeyOrder(
      ledger,
      ledger.productionOrders.indices.filter { row in
        options.orders?.matches(ledger.string(ledger.productionOrders[po.no, row])) ?? true
      })
    for orderRow in orderRows {
      let order = ledger.productionOrders[po.no, orderRow]
      let all = rowsByOrder[order.raw] ?? []
      // The order's data item: its value entries dated up to End; none, no line.
      let rows = all.filter { table[ve.postingDate, $0].ordinal <= endOrdinal }
      if rows.isEmpty { continue }
      // The order is invoiced when the expected cost of its output Direct Cost and Revaluation
      // WIP entries up to End has reversed to zero (NcValueOfExpOutPut1 + 2).
      let outputExpected = rows.reduce(Int64(0)) { sum, row in
        table[ve.itemLedgerEntryType, row] == .output
          && [.directCost, .revaluation].contains(table[ve.entryType, row])
          ? sum + table[ve.costAmountExpected, row].units : sum
      }
      let invoiced = outputExpected == 0
      // A finished, completely invoiced order with no value entry of any kind from Start on
      // (after End included) is left out. BC tests the order's Inventory Adjmt. Entry (Order)
      // for Completely Invoiced, which a snapshot does not carry; the invoiced test above
      // stands in for it.
      if ledger.productionOrders[po.status, orderRow] == .finished && invoiced
        && !all.contains(where: { table[ve.postingDate, $0].ordinal >= startOrdinal })
      {
        continue
      }
      var sums = Sums()
      for row in rows where !Self.isNotWIP(table, row) {
        sums.add(table, row, beforeStart: table[ve.postingDate, row].ordinal < startOrdinal)
      }
      if invoiced {
        // Once the output is invoiced, output revaluations come back out of Output (their
        // actual part) and every revaluation's posted cost out of Cost Posted to G/L.
        sums.output -= sums.outputRevaluationActual
        sums.posted -= sums.revaluationPosted
      }
      var line = Line(
        order: order, description: ledger.productionOrders[po.description, orderRow],
        sourceNo: ledger.productionOrders[po.sourceNo, orderRow])
      line.opening = ExactDecimal(units: sums.opening)
      line.consumption = ExactDecimal(units: sums.consumption)
      line.capacity = ExactDecimal(units: sums.capacity)
      line.output = ExactDecimal(units: sums.output)
      line.closing = ExactDecimal(units: sums.opening + sums.consumption + sums.capacity + sums.output)
      line.costPostedToGL = ExactDecimal(units: sums.posted)
      lines.append(line)
      total.opening = ExactDecimal(units: total.opening.units + line.opening.units)
      total.consumption = ExactDecimal(units: total.consumption.units + line.consumption.units)
      total.capacity = ExactDecimal(units: total.capacity.units + line.capacity.units)
      total.output = ExactDecimal(units: total.output.units + line.output.units)
      total.closing = ExactDecimal(units: total.closing.units + line.closing.units)
      total.costPostedToGL = ExactDecimal(units: total.costPostedToGL.units + line.costPostedToGL.units)
    }
    if !lines.isEmpty { lines.append(total) }
    self.lines = lines
  }

  /// Production order rows in the table's key order: Status (Released, then Finished), No.
  static func inKeyOrder(_ ledger: Ledger, _ rows: [Int]) -> [Int] {
    let po = Columns.productionOrder
    return rows.sorted {
      let (a, b) = (ledger.productionOrders[po.status, $0], ledger.productionOrders[po.status, $1])
      if a != b { return a.rawValue < b.rawValue }
      return ledger.string(ledger.productionOrders[po.no, $0]).utf8.lexicographicallyPrecedes(
        ledger.string(ledger.productionOrders[po.no, $1]).utf8)
    }
  }

  /// IsNotWIP: output entries other than Direct Cost and Revaluation (indirect cost, variance,
  /// rounding), and expected-cost entries of everything else.
  static func isNotWIP(_ table: LedgerTable, _ row: Int) -> Bool {
    let ve = Columns.valueEntry
    if table[ve.itemLedgerEntryType, row] == .output {
      return ![.directCost, .revaluation].contains(table[ve.entryType, row])
    }
    return table[ve.expectedCost, row]
  }

  /// IsProductionCost: false for the revaluation of a consumption whose value entry carries a
  /// positive item ledger entry quantity (a reversed consumption).
  static func isProductionCost(_ table: LedgerTable, _ row: Int) -> Bool {
    let ve = Columns.valueEntry
    return
      !(table[ve.itemLedgerEntryType, row] == .consumption && table[ve.entryType, row] == .revaluation
      && table[ve.itemLedgerEntryQuantity, row].units > 0)
  }

  /// One order's sums over its WIP entries.
  struct Sums {
    var opening: Int64 = 0
    var consumption: Int64 = 0
    var capacity: Int64 = 0
    var output: Int64 = 0
    var posted: Int64 = 0
    var outputRevaluationActual: Int64 = 0
    var revaluationPosted: Int64 = 0

    mutating func add(_ table: LedgerTable, _ row: Int, beforeStart: Bool) {
      let ve = Columns.valueEntry
      let ile = table[ve.itemLedgerEntryType, row]
      let type = table[ve.entryType, row]
      let a = table[ve.costAmountActual, row].units
      let e = table[ve.costAmountExpected, row].units
      let productionCost = WIPValuation.isProductionCost(table, row)
      if beforeStart {
        // ValueOfWIP: capacity +A, output −(A + E), everything else −A; a revaluation with an
        // actual amount adds nothing to the opening.
        if !(type == .revaluation && a != 0) {
          switch ile {
          case .blank: opening += a
          case .output: opening -= a + e
          default: opening -= a
          }
        }
      } else {
        switch ile {
        case .consumption where productionCost: consumption -= a
        case .blank: capacity += a
        case .output:
          output -= a + e
          if type == .revaluation { outputRevaluationActual -= a }
        default: break
        }
      }
      let p = table[ve.costPostedToGL, row].units + table[ve.expectedCostPostedToGL, row].units
      if ile == .blank {
        posted += p
      } else if productionCost {
        posted -= p
        if type == .revaluation { revaluationPosted -= p }
      }
    }
  }
}
