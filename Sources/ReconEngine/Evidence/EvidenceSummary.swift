/// The README of an evidence pack: in words, what differs, why, since when, and what to do.
struct EvidenceSummary {
  let ledger: Ledger
  let filters: ReconciliationFilters
  let snapshotLabel: String
  let reconciliation: Reconciliation
  let explanation: Explanation
  let timeline: Timeline
  let itemFiles: [String]
  let end: LedgerDate

  var markdown: String {
    let decimals = ledger.amountDecimals
    func amount(_ value: ExactDecimal) -> String { value.grouped(decimals: decimals) }
    var lines = [
      "# Evidence pack: \(ledger.companyName.isEmpty ? "company" : ledger.companyName)", "",
      "- Snapshot: \(snapshotLabel)",
      "- Filters: " + filterText,
      "- Reports at: \(end.text)",
      "- Made by: reconbench \(ReconEngineVersion.current); `manifest.json` holds every file's SHA-256 and the command that prints it; `reconbench evidence --verify FOLDER` checks them.",
      "", "## What differs", "",
    ]
    let differing = Timeline.fields.filter { !reconciliation.difference[$0].isZero }
    if differing.isEmpty {
      lines.append("Nothing: every Difference (G/L − inventory) is zero for these filters.")
    } else {
      lines.append("Difference = G/L − inventory, as the Inventory – G/L Reconciliation shows it.")
      lines.append("")
      lines.append("| Account type | Difference | Not zero since | As now since |")
      lines.append("|---|---:|---|---|")
      for field in differing {
        let dates = timeline.firstDates.first { $0.field == field }
        lines.append(
          "| \(field.caption) | \(amount(reconciliation.difference[field])) | \(dates?.firstNonZero?.text ?? "") | \(dates?.stableSince?.text ?? "") |"
        )
      }
      lines.append("")
      lines.append(
        "\"Not zero since\" is the first posting date on which the cumulative Difference (everything up to that date) was not zero; \"as now since\" the first date from which it has been what it is at \(end.text) (`first-dates.csv`, and per period `timeline.csv`)."
          + (filters.dates.start != nil
            ? " The Difference column is the movement of the filter's dates; the dates are of the cumulative Difference."
            : "")
          + (filters.hasItemOrLocationFilter
            ? " The timeline and its dates are of the whole company: it takes no item or location filter."
            : ""))
    }
    lines += ["", "## Why", ""]
    if explanation.items.isEmpty {
      lines.append("No reconciling items.")
    } else {
      for field in differing {
        lines.append("**\(field.caption)** (\(amount(reconciliation.difference[field]))):")
        lines.append("")
        for (index, item) in explanation.items.enumerated() where item.field == field {
          let entries = item.valueEntryNos.count + item.glEntryNos.count
          lines.append(
            "- \(item.cause.rawValue): \(amount(item.amount)) on G/L account \(ledger.string(item.account)) — \(item.description) (\(entries) entries: `\(itemFiles[index])`)"
          )
        }
        lines.append("")
      }
    }
    let causes = Explanation.Cause.allCases.filter { cause in explanation.items.contains { $0.cause == cause }
    }
    lines += ["## What to do", ""]
    if causes.isEmpty { lines.append("Nothing to do.") }
    for cause in causes { lines.append("- **\(cause.rawValue)**: \(EvidenceSummary.advice(cause))") }
    lines += [
      "", "## Files", "",
      "| file | what |", "|---|---|",
      "| `matrix.csv` | the Inventory – G/L Reconciliation matrix for the filters |",
      "| `explain.csv` | every reconciling item: account type, account, cause, amount, entries |",
      "| `items/*.csv` | per reconciling item, its value entries and G/L entries (BC captions) |",
      "| `timeline.csv` | per period: each account type's Difference, cumulative Difference, causes |",
      "| `first-dates.csv` | per account type: first non-zero date, stable since, Difference |",
      "| `report-*.csv` | Inventory Valuation, Inventory Valuation - WIP, Invt. Valuation - Cost Spec., Cost Shares Breakdown at \(end.text) |",
      "| `manifest.json` | the snapshot's name, size and SHA-256, the filters, each file's SHA-256 and command |",
    ]
    return lines.joined(separator: "\n") + "\n"
  }

  var filterText: String {
    var parts: [String] = []
    parts.append("dates " + (filters.dates.isAll ? "all" : filters.dates.description))
    if let items = filters.items { parts.append("items \(items.text)") }
    if let locations = filters.locations { parts.append("locations \(locations.text)") }
    if filters.attributeGL { parts.append("G/L attributed to items") }
    return parts.joined(separator: ", ")
  }

  static func advice(_ cause: Explanation.Cause) -> String {
    switch cause {
    case .unpostedCost:
      return
        "value entries whose cost was never posted to the G/L: run Post Inventory Cost to G/L for the period (`reconbench post SNAPSHOT --method posting-group --document-no NO --in-place`), then reconcile again."
    case .unpostedExpectedCost:
      return
        "expected cost not yet posted to the interim accounts: run Post Inventory Cost to G/L (expected cost posting is on)."
    case .expectedCostPostingOff:
      return
        "expected cost stays out of the G/L by setup (Expected Cost Posting to G/L off): no correction; switch it on and post if the interim accounts should carry it."
    case .directPosting:
      return
        "G/L entries posted straight to an inventory account (journal lines): check each one; reverse it, or post the inventory adjustment it stands for."
    case .postingDateMismatch:
      return
        "G/L entries dated in another period than their value entries: a cut-off difference that the two periods together clear; check the posting dates of the documents."
    case .postingSetupChanged:
      return
        "the posting setup now names other accounts than the entries were posted to: correct the setup, or reclassify the old accounts' balances to the new ones."
    case .similarAccounts:
      return
        "one G/L account serves several account types, so its balance shows in each: give each type its own account, or read the cells together."
    case .deletedAccount:
      return "G/L entries on an account that no longer exists: restore the account or reclassify its entries."
    case .dateCompression:
      return
        "entries were date-compressed, so the detail behind the amount is gone: nothing to correct; keep the compression register as evidence."
    case .closingEntries:
      return
        "year-end closing entries on the closing date: expected; reconcile up to the day before the closing date to leave them out."
    case .projectionDiffersFromPosting:
      return
        "Business Central's own gap between what the reconciliation projects and what Post Inventory Cost to G/L posts: nothing to correct; document it."
    case .unexplained:
      return
        "an amount the explanation cannot attribute: a defect in ReconBench; please report it with this pack."
    }
  }
}

/// The program's version, written into evidence manifests.
public enum ReconEngineVersion {
  public static let current = "0.18.0"
}
