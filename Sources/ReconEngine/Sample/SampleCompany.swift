/// The company `reconbench` opens when no snapshot is named. Until the curated sample company
/// lands (issue 4) it is a generated company from a fixed seed: a full year of activity with
/// unposted last days and manual journal lines, so every command has something to show.
public enum SampleCompany {
  public static let name = "bundled sample company"

  public static func load() -> Ledger {
    var options = GeneratorOptions(valueEntries: 2_500, seed: 2025)
    options.manualJournalLines = 3
    var ledger = LedgerGenerator.generate(options)
    ledger.companyName = "CRONUS Sample Ltd."
    return ledger
  }
}
