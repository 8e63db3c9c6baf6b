import ReconEngine

/// A list screen: rows of a source in the current order (after the row filter and sort), the
/// selection and scroll position, the current column.
public struct ListView: Sendable {
  public var title: String
  public var source: ListSource
  /// Indices into the source, in display order.
  public var order: [Int]
  public var selected = 0
  public var top = 0
  public var column = 0
  /// First scrollable column shown after the pinned first column.
  public var leftColumn = 1
  public var sort: (column: Int, ascending: Bool)?
  public var rowFilter: String?
  /// The CSV export's default file name.
  public var exportName: String
  /// For a report screen: the report and its options, which its keys change in place.
  public var report: ReportRequest?
  /// Columns the user widened (+) or narrowed (−) with `>` and `<`, by column index.
  public var widthChanges: [Int: Int] = [:]
  /// The footer's count and sums over `order`; nil until worked out (after each change of order).
  public var totals: ListTotals?
  /// For the Jobs screens: which one it is (its keys and footer).
  public var jobs: JobsScreen?
  /// What `E` writes when it is not the rows as shown (the timeline: without its chart column).
  public var exportTable: ExportTable?

  public init(title: String, source: ListSource, exportName: String) {
    self.title = title
    self.source = source
    self.order = Array(0..<source.count)
    self.exportName = exportName
  }
}

/// An entry's card: every field, and the entries linked to it through the relations.
public struct CardView: Sendable {
  public var title: String
  public var fields: [(name: String, value: String)]
  public var links: ListView
}

/// A page of text (a warning's explanation).
public struct TextView: Sendable {
  public var title: String
  public var lines: [String]
}

public enum Screen: Sendable {
  case list(ListView)
  case card(CardView)
  case text(TextView)
}

public enum Pane: Sendable { case main, detail }

/// A one-line input at the bottom of the screen.
public struct Prompt: Equatable, Sendable {
  public enum Kind: Equatable, Sendable {
    case export, search, filterRows, dates, items, locations, confirmQuit, confirmPost, confirmReload, palette
    case reportDates, saveAs, confirmOverwrite, confirmSaveOverwrite, wipPostingDate, confirmPostWIP

    /// A y/n question: any key answers it, and a paste does not.
    public var isConfirmation: Bool {
      [.confirmQuit, .confirmPost, .confirmReload, .confirmOverwrite, .confirmSaveOverwrite, .confirmPostWIP]
        .contains(self)
    }
  }
  public var kind: Kind
  public var label: String
  public var text: String
}

/// Everything the workbench shows. `update` changes it, `render` draws it; both are pure.
public struct AppState: Sendable {
  public var ledger: Ledger
  public var snapshotName: String
  /// Where Save writes; nil for the bundled sample and for an export opened directly (Save then
  /// asks where).
  public var snapshotPath: String?
  /// The Business Central export the ledger was imported from, when one was opened directly:
  /// Reload imports it again, and Save never writes over it.
  public var importSource: String?
  /// What that import warned about, one line each (the import warnings screen, `W`).
  public var importWarnings: [String] = []
  public private(set) var filters: ReconciliationFilters
  public private(set) var reconciliation: Reconciliation
  public var matrixRow = 0
  public var matrixColumn = 1
  public var stack: [Screen] = []
  public var focus: Pane = .main
  /// The selected line of the matrix's detail pane (when it has the focus).
  public var detailSelected = 0
  public var prompt: Prompt?
  public var message: String?
  public var messageIsError = false
  public var dirty = false
  public var themeName: String
  public var themeNames: [String]
  public var mouseEnabled: Bool
  public var showHelp = false
  public var helpScroll = 0
  /// The term `n` and `N` look for (as typed; matching ignores case).
  public var lastSearch: String?
  /// Earlier search terms, oldest first (`↑` in the search prompt).
  public var searchHistory: [String] = []
  /// Where `↑`/`↓` are in that history while the search prompt is open.
  public var historyPosition: Int?
  /// The selected line of the palette's list of matching commands.
  public var paletteSelected = 0
  /// The file an export would overwrite, waiting for a yes.
  public var pendingExport: String?
  /// The file a save-as would overwrite, waiting for a yes.
  public var pendingSave: String?
  public var width: Int
  public var height: Int
  /// The posting run shown in the test report, waiting for confirmation.
  public var pendingPost: InventoryCostPosting.Options?
  /// The posting date of the Jobs screens (Job Calculate WIP), and the run they show.
  public var jobsDate: LedgerDate?
  public var jobRun: JobWIPRun?
  /// The run date stamped on G/L registers (injected: no clock inside the reducer).
  public var today: LedgerDate
  /// From this many value entries on, slow steps (the explanation) run off the input thread
  /// with a progress line.
  public var backgroundThreshold = 200_000
  /// Text glyphs only (no box drawing) when the terminal is not UTF-8.
  public var asciiOnly: Bool

  public init(
    ledger: Ledger, snapshotName: String, snapshotPath: String?, themeName: String = "default",
    themeNames: [String] = ["default"], mouseEnabled: Bool = true, width: Int = 80, height: Int = 24,
    today: LedgerDate, asciiOnly: Bool = false
  ) throws(ReconciliationError) {
    self.ledger = ledger
    self.snapshotName = snapshotName
    self.snapshotPath = snapshotPath
    self.themeName = themeName
    self.themeNames = themeNames
    self.mouseEnabled = mouseEnabled
    self.width = width
    self.height = height
    self.today = today
    self.asciiOnly = asciiOnly
    filters = ReconciliationFilters()
    reconciliation = try Reconciliation(ledger, filters: filters)
  }

  public var layout: MatrixLayout { reconciliation.layout }

  /// The matrix cell under the cursor.
  public var currentCell: (row: MatrixRow, column: MatrixColumn) {
    let rows = layout.rows
    let columns = layout.columns
    let row = rows[min(max(matrixRow, 0), rows.count - 1)]
    // Column 0 of the grid is the row caption; data columns start at 1.
    let column = columns[min(max(matrixColumn - 1, 0), columns.count - 1)]
    return (row, column)
  }

  /// Changes the filters and recomputes the reconciliation, keeping the cursor in range.
  public mutating func setFilters(_ new: ReconciliationFilters) throws(ReconciliationError) {
    let result = try Reconciliation(ledger, filters: new)
    filters = new
    reconciliation = result
    matrixRow = min(matrixRow, layout.rows.count - 1)
    matrixColumn = min(max(matrixColumn, 1), layout.columns.count)
  }

  /// Replaces the ledger (after posting or reloading) and recomputes.
  public mutating func replaceLedger(_ new: Ledger) throws(ReconciliationError) {
    let result = try Reconciliation(new, filters: filters)
    ledger = new
    reconciliation = result
    jobRun = nil
  }

  public mutating func say(_ text: String, error: Bool = false) {
    message = text
    messageIsError = error
  }

  /// Breadcrumbs: Matrix › COGS × Inventory › …
  public var breadcrumbs: [String] {
    ["Matrix"]
      + stack.map { screen in
        switch screen {
        case .list(let list): return list.title
        case .card(let card): return card.title
        case .text(let text): return text.title
        }
      }
  }
}
