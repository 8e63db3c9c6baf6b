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
  /// One line per order, sorted by order number, then the total.
  public let lines: [Line]

  public init(_ ledger: Ledger, _ options: Options) {
    self.options = options
    let ve = Columns.valueEntry, po = Columns.productionOrder
    let table = ledger.valueEntries
    let startOrdinal = options.start?.ordinal ?? Int32.min
    let endOrdinal = options.end?.closingDate.ordinal ?? Int32.max
    // The WIP-relevant entries of each order.
    var rowsByOrder: [UInt32: [Int]] = [:]
    for row in table.indices where table[ve.orderType, row] == .production {
      if table[ve.postingDate, row].ordinal > endOrdinal { continue }
      let ile = table[ve.itemLedgerEntryType, row]
      let type = table[ve.entryType, row]
      // Non-WIP entries: output indirect cost and variances; expected-cost entries of others.
      if ile == .output {
        if type != .directCost && type != .revaluation { continue }
      } else if table[ve.expectedCost, row] {
        continue
      }
      rowsByOrder[table[ve.orderNo, row].raw, default: []].append(row)
    }
    var lines: [Line] = []
    var total = Line(order: nil)
    var orderRows = ledger.productionOrders.indices.filter { row in
      options.orders?.matches(ledger.string(ledger.productionOrders[po.no, row])) ?? true
    }
    orderRows.sort {
      ledger.string(ledger.productionOrders[po.no, $0]).utf8.lexicographicallyPrecedes(
        ledger.string(ledger.productionOrders[po.no, $1]).utf8)
    }
    for orderRow in orderRows {
      let order = ledger.productionOrders[po.no, orderRow]
      let rows = rowsByOrder[order.raw] ?? []
      // A finished order whose expected output has fully reversed and that has nothing from
      // Start on is left out, as BC does.
      let outputExpected = rows.reduce(Int64(0)) {
        table[ve.itemLedgerEntryType, $1] == .output && table[ve.entryType, $1] == .directCost
          ? $0 + table[ve.costAmountExpected, $1].units : $0
      }
      let invoiced = outputExpected == 0
      if ledger.productionOrders[po.status, orderRow] == .finished && invoiced
        && !rows.contains(where: { table[ve.postingDate, $0].ordinal >= startOrdinal })
      {
        continue
      }
      var line = Line(
        order: order, description: ledger.productionOrders[po.description, orderRow],
        sourceNo: ledger.productionOrders[po.sourceNo, orderRow])
      var opening: Int64 = 0
      var consumption: Int64 = 0
      var capacity: Int64 = 0
      var output: Int64 = 0
      var posted: Int64 = 0
      for row in rows {
        let ile = table[ve.itemLedgerEntryType, row]
        let type = table[ve.entryType, row]
        let a = table[ve.costAmountActual, row].units
        let e = table[ve.costAmountExpected, row].units
        // Output revaluation of a fully invoiced order is taken back out (§5.2).
        if ile == .output && type == .revaluation && invoiced { continue }
        let contribution: Int64
        switch ile {
        case .blank: contribution = a
        case .consumption: contribution = -a
        case .output: contribution = -(a + e)
        default: contribution = 0
        }
        let postedHere = table[ve.costPostedToGL, row].units + table[ve.expectedCostPostedToGL, row].units
        posted += ile == .blank ? postedHere : -postedHere
        if table[ve.postingDate, row].ordinal < startOrdinal {
          if !(type == .revaluation && a != 0) { opening += contribution }
        } else {
          switch ile {
          case .blank: capacity += contribution
          case .consumption: consumption += contribution
          case .output: output += contribution
          default: break
          }
        }
      }
      line.opening = ExactDecimal(units: opening)
      line.consumption = ExactDecimal(units: consumption)
      line.capacity = ExactDecimal(units: capacity)
      line.output = ExactDecimal(units: output)
      line.closing = ExactDecimal(units: opening + consumption + capacity + output)
      line.costPostedToGL = ExactDecimal(units: posted)
      lines.append(line)
      total.opening = ExactDecimal(units: total.opening.units + opening)
      total.consumption = ExactDecimal(units: total.consumption.units + consumption)
      total.capacity = ExactDecimal(units: total.capacity.units + capacity)
      total.output = ExactDecimal(units: total.output.units + output)
      total.closing = ExactDecimal(units: total.closing.units + line.closing.units)
      total.costPostedToGL = ExactDecimal(units: total.costPostedToGL.units + posted)
    }
    lines.append(total)
    self.lines = lines
  }
}
