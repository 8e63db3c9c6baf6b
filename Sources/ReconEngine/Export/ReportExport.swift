/// The four valuation reports as export tables (cli.md "Report options"): column captions as
/// headers, one line per item or production order, then `Total <group>` and `Total` lines.
extension InventoryValuation {
  public func table(_ ledger: Ledger) -> ExportTable {
    let decimals = ledger.amountDecimals
    let withOpening = options.start != nil
    var header = ["Item No.", "Description"]
    func pair(_ name: String) -> [String] {
      var captions = ["\(name) Quantity", "\(name) Value"]
      if options.includeExpected {
        captions += ["\(name) Quantity (Expected Cost Incl.)", "\(name) Value (Expected Cost Incl.)"]
      }
      return captions
    }
    if withOpening { header += pair("Opening") }
    header += pair("Increases") + pair("Decreases") + pair("Closing") + ["Cost Posted to G/L"]
    func cells(_ position: Position) -> [ExportTable.Cell] {
      var cells: [ExportTable.Cell] = [
        .quantity(position.quantity), .amount(position.value, decimals: decimals),
      ]
      if options.includeExpected {
        cells += [
          .quantity(position.quantityWithExpected), .amount(position.valueWithExpected, decimals: decimals),
        ]
      }
      return cells
    }
    let rows = lines.map { line -> [ExportTable.Cell] in
      let head: [ExportTable.Cell] =
        line.item.map { [.text(ledger.string($0)), .text(ledger.itemDescription($0))] }
        ?? [.text(line.postingGroup.isBlank ? "Total" : "Total " + ledger.string(line.postingGroup)), .empty]
      return head + (withOpening ? cells(line.opening) : []) + cells(line.increases) + cells(line.decreases)
        + cells(line.closing) + [.amount(line.costPostedToGL, decimals: decimals)]
    }
    return ExportTable(title: "Inventory Valuation", header: header, rows: rows)
  }
}

extension WIPValuation {
  public func table(_ ledger: Ledger) -> ExportTable {
    let decimals = ledger.amountDecimals
    return ExportTable(
      title: "Inventory Valuation - WIP",
      header: [
        "No.", "Description", "Source No.", "Opening WIP", "Consumption", "Capacity", "Output", "Closing WIP",
        "Cost Posted to G/L",
      ],
      rows: lines.map { line in
        [
          .text(line.order.map { ledger.string($0) } ?? "Total"), .text(ledger.string(line.description)),
          .text(ledger.string(line.sourceNo)), .amount(line.opening, decimals: decimals),
          .amount(line.consumption, decimals: decimals), .amount(line.capacity, decimals: decimals),
          .amount(line.output, decimals: decimals), .amount(line.closing, decimals: decimals),
          .amount(line.costPostedToGL, decimals: decimals),
        ]
      })
  }
}

extension CostSpecification {
  public func table(_ ledger: Ledger) -> ExportTable {
    let decimals = ledger.amountDecimals
    var header = ["Item No.", "Description", "Quantity"]
    for bucket in CostSpecification.buckets {
      header += ["\(bucket.caption) Cost per Unit", "\(bucket.caption) Amount"]
    }
    header += ["Total Cost per Unit", "Total Amount"]
    var grand = Line(item: .blank)
    var rows: [[ExportTable.Cell]] = lines.map { line in
      grand.quantity = ExactDecimal(units: grand.quantity.units + line.quantity.units)
      var cells: [ExportTable.Cell] = [
        .text(ledger.string(line.item)), .text(ledger.itemDescription(line.item)), .quantity(line.quantity),
      ]
      for (index, amount) in line.amounts.enumerated() {
        grand.amounts[index] = ExactDecimal(units: grand.amounts[index].units + amount.units)
        cells += [.quantity(line.costPerUnit(amount)), .amount(amount, decimals: decimals)]
      }
      return cells + [.quantity(line.costPerUnit(line.total)), .amount(line.total, decimals: decimals)]
    }
    var total: [ExportTable.Cell] = [.text("Total"), .empty, .quantity(grand.quantity)]
    for amount in grand.amounts { total += [.empty, .amount(amount, decimals: decimals)] }
    rows.append(total + [.empty, .amount(grand.total, decimals: decimals)])
    return ExportTable(
      title: "Invt. Valuation - Cost Spec. (\(options.valuationDate.text))", header: header, rows: rows)
  }
}

extension CostShares {
  public func table(_ ledger: Ledger) -> ExportTable {
    let decimals = ledger.amountDecimals
    var header = [
      "No.", "Description", "Quantity", "Material Direct Cost Applied", "Capacity Direct Cost Applied",
      "Capacity Overhead", "Material Overhead", "Subcontracted", "Variance", "Revaluation", "Rounding",
      "Total",
    ]
    if options.details {
      header += [
        "Purchase Variance", "Material Variance", "Capacity Variance", "Capacity Overhead Variance",
        "Mfg. Overhead Variance", "Subcontracted Variance",
      ]
    }
    func amount(_ units: Int64) -> ExportTable.Cell {
      .amount(ExactDecimal(units: units), decimals: decimals)
    }
    let rows = lines.map { line -> [ExportTable.Cell] in
      let s = line.shares
      var cells: [ExportTable.Cell] = [
        .text(line.number.map { ledger.string($0) } ?? "Total"), .text(ledger.string(line.description)),
        .quantity(ExactDecimal(units: line.quantity)), amount(s.material), amount(s.capacity),
        amount(s.capacityOverhead), amount(s.materialOverhead), amount(s.subcontracted), amount(s.variance),
        amount(s.revaluation), amount(s.rounding), amount(s.total),
      ]
      if options.details { cells += s.varianceBreakdown.map(amount) }
      return cells
    }
    let mode: String
    switch options.mode {
    case .sales: mode = "Sales"
    case .inventory: mode = "Inventory"
    case .wip: mode = "WIP Inventory"
    }
    return ExportTable(title: "Cost Shares Breakdown (\(mode))", header: header, rows: rows)
  }
}
