import ReconEngine

@testable import ReconTUI

/// The bundled sample, built once for all workbench tests.
let sharedSample = SampleCompany.load()

/// The workbench's first state on the sample at a size, with a fixed run date.
func sampleState(width: Int = 120, height: Int = 40) throws -> AppState {
  try AppState(
    ledger: sharedSample, snapshotName: "sample", snapshotPath: nil, themeNames: ThemeLibrary.builtInNames,
    width: width, height: height, today: LedgerDate("2026-01-05") ?? LedgerTable.noDate)
}
