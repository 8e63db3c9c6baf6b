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
    // The item row shows Cost Posted to G/L; the Expected Cost Included row Cost Posted to G/L
    // plus Expected Cost Posted to G/L (report 1001's RDLC: InvCostPostedToGL, CostPostedToGL).
    if options.includeExpected { header.append("Cost Posted to G/L (Expected Cost Incl.)") }
    // Total rows carry values only, as BC prints them.
    func cells(_ position: Position, total: Bool) -> [ExportTable.Cell] {
      var cells: [ExportTable.Cell] = [
        total ? .empty : .quantity(position.quantity), .amount(position.value, decimals: decimals),
      ]
      if options.includeExpected {
        cells += [
          total ? .empty : .quantity(position.quantityWithExpected),
          .amount(position.valueWithExpected, decimals: decimals),
        ]
      }
      return cells
    }
    let rows = lines.map { line -> [ExportTable.Cell] in
      let head: [ExportTable.Cell] =
        line.item.map { [.text(ledger.string($0)), .text(ledger.itemDescription($0))] }
        ?? [.text(line.postingGroup.isBlank ? "Total" : "Total " + ledger.string(line.postingGroup)), .empty]
      let total = line.item == nil
      var row =
        head + (withOpening ? cells(line.opening, total: total) : []) + cells(line.increases, total: total)
        + cells(line.decreases, total: total) + cells(line.closing, total: total)
        + [.amount(line.costPostedToGL, decimals: decimals)]
      if options.includeExpected { row.append(.amount(line.costPostedToGLWithExpected, decimals: decimals)) }
      return row
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
  /// One line per item: the quantity, then per bucket its cost per unit and amount (both empty
  /// for a bucket the item has no value entries of: BC leaves that bucket out), then the total;
  /// the last line sums the amounts (BC prints no quantity or cost per unit there).
  public func table(_ ledger: Ledger) -> ExportTable {
    let decimals = ledger.amountDecimals
    var header = ["Item No.", "Description", "Quantity"]
    for bucket in CostSpecification.buckets {
      header += ["\(bucket.caption) Cost per Unit", "\(bucket.caption) Amount"]
    }
    header += ["Total Cost per Unit", "Total Amount"]
    var grand = Line(item: .blank)
    var rows: [[ExportTable.Cell]] = lines.map { line in
      var cells: [ExportTable.Cell] = [
        .text(ledger.string(line.item)), .text(ledger.itemDescription(line.item)), .quantity(line.quantity),
      ]
      for bucket in CostSpecification.buckets.indices {
        grand.preciseAmounts[bucket] += line.preciseAmounts[bucket]
        grand.hasEntries[bucket] = grand.hasEntries[bucket] || line.hasEntries[bucket]
        cells +=
          line.hasEntries[bucket]
          ? [
            .quantity(line.costPerUnit(bucket)),
            .amount(line.amount(bucket, decimals: decimals), decimals: decimals),
          ]
          : [.empty, .empty]
      }
      return cells + [
        .quantity(line.totalCostPerUnit), .amount(line.total(decimals: decimals), decimals: decimals),
      ]
    }
    var total: [ExportTable.Cell] = [.text("Total"), .empty, .empty]
    for bucket in CostSpecification.buckets.indices {
      total += [
        .empty,
        grand.hasEntries[bucket]
          ? .amount(grand.amount(bucket, decimals: decimals), decimals: decimals) : .empty,
      ]
    }
    rows.append(total + [.empty, .amount(grand.total(decimals: decimals), decimals: decimals)])
    return ExportTable(
      title: "Invt. Valuation - Cost Spec. (\(options.valuationDate.text))", header: header, rows: rows)
  }
}

extension CostShares {
  /// One line per item or production order (with `details`, its entry lines first: one per
  /// Cost Share Buffer row, as Show Details prints them), the variance breakdown always, and
  /// the total, which carries no quantity.
  public func table(_ ledger: Ledger) -> ExportTable {
    let decimals = ledger.amountDecimals
    var header = ["No.", "Description"]
    if options.details { header += ["Entry No.", "Document No."] }
    header += [
      "Quantity", "Material Direct Cost Applied", "Capacity Direct Cost Applied", "Capacity Overhead",
      "Material Overhead", "Subcontracted", "Variance", "Revaluation", "Rounding", "Total",
      "Purchase Variance",
      "Material Variance", "Capacity Variance", "Capacity Overhead Variance", "Mfg. Overhead Variance",
      "Subcontracted Variance",
    ]
    func amount(_ units: Int64) -> ExportTable.Cell {
      .amount(ExactDecimal(units: units), decimals: decimals)
    }
    let rows = lines.map { line -> [ExportTable.Cell] in
      let s = line.shares
      var cells: [ExportTable.Cell] = [
        .text(line.number.map { ledger.string($0) } ?? "Total"), .text(ledger.string(line.description)),
      ]
      if options.details {
        if case .entry(let entryNo, let documentNo) = line.kind {
          cells += [.integer(entryNo), .text(ledger.string(documentNo))]
        } else {
          cells += [.empty, .empty]
        }
      }
      cells += [
        line.kind == .total ? .empty : .quantity(ExactDecimal(units: s.quantity)), amount(s.material),
        amount(s.capacity), amount(s.capacityOverhead), amount(s.materialOverhead), amount(s.subcontracted),
        amount(s.variance), amount(s.revaluation), amount(s.rounding), amount(s.total),
      ]
      return cells + s.varianceBreakdown.map(amount)
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
