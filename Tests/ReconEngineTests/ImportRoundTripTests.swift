import Foundation
import Testing

@testable import ReconEngine

/// Snapshot → the formats BC and bc2adls write → `import` → the same matrix, explanation and
/// reports.
@Suite("Import round trips")
struct ImportRoundTripTests {
  static func folder() throws -> String {
    let path = NSTemporaryDirectory() + "reconbench-import-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  /// Everything a user looks at, as text, for comparing two ledgers.
  static func figures(_ ledger: Ledger) throws -> [String] {
    var result: [String] = []
    for date in [nil, "..2025-06-30", "2025-03-01..2025-03-31"] as [String?] {
      var filters = ReconciliationFilters()
      if let date { filters.dates = try #require(DateRange(parsing: date)) }
      let explanation = try Explanation(ledger, filters: filters)
      result.append(explanation.reconciliation.matrixTable(decimals: ledger.amountDecimals).csv)
      result.append(explanation.table(ledger).csv)
    }
    let end = try #require(LedgerDate("2025-12-31"))
    result.append(
      InventoryValuation(ledger, .init(start: LedgerDate("2025-04-01"), end: end, includeExpected: true))
        .table(ledger).csv)
    result.append(WIPValuation(ledger, .init(start: LedgerDate("2025-04-01"), end: end)).table(ledger).csv)
    result.append(CostSpecification(ledger, .init(valuationDate: end)).table(ledger).csv)
    result.append(CostShares(ledger, .init(end: end, mode: .inventory)).table(ledger).csv)
    return result
  }

  @Test("the sample company through a RapidStart package (GZip, UTF-16 LE, CR LF)")
  func package() throws {
    let ledger = SampleCompany.load()
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/sample.rapidstart"
    try BCExportWriter.writePackage(ledger, to: path)
    let result = try BCImport.run(.rapidStart, path: path)
    #expect(try Self.figures(result.ledger) == Self.figures(ledger))
    #expect(result.ledger.tableCounts.map(\.count) == Self.withoutJobTables(ledger).tableCounts.map(\.count))
  }

  @Test("the sample company through a bc2adls lake folder")
  func lake() throws {
    let ledger = SampleCompany.load()
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try BCExportWriter.writeLake(ledger, to: folder)
    let result = try BCImport.run(.csv, path: folder)
    #expect(try Self.figures(result.ledger) == Self.figures(ledger))
  }

  @Test("the sample company through an SQL export folder")
  func sql() throws {
    let ledger = SampleCompany.load()
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try BCExportWriter.writeSQL(ledger, to: folder)
    let result = try BCImport.run(.csv, path: folder)
    #expect(try Self.figures(result.ledger) == Self.figures(ledger))
  }

  /// Generated ledgers of several shapes: the imported snapshot is the original, byte for byte.
  static let generated: [Ledger] = [
    smallCompany,
    {
      var options = GeneratorOptions(valueEntries: 2_000, seed: 11)
      options.expectedCostPostingToGL = false
      options.unpostedDays = 30
      return LedgerGenerator.generate(options)
    }(),
  ]

  /// The snapshot text with master data in primary-key order (the generator writes it in its
  /// own order; an import sorts it, bc-import.md §9.5), one array element per line.
  /// The sample as a BC export carries it: the job tables are not part of the import
  /// (`bc-import.md` maps the inventory and G/L tables), the job WIP G/L entries are.
  static func withoutJobTables(_ ledger: Ledger) -> Ledger {
    var copy = ledger
    for table in Ledger.jobTables { copy[keyPath: table] = LedgerTable(schema: copy[keyPath: table].schema) }
    return copy
  }

  static func keyOrdered(_ ledger: Ledger) throws -> String {
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(SnapshotStore.encode(ledger))) as? [String: Any])
    let keys: [String: [String]] = [
      "glAccounts": ["no"], "locations": ["code"], "items": ["no"],
      "inventoryPostingSetup": ["locationCode", "inventoryPostingGroup"],
      "generalPostingSetup": ["genBusPostingGroup", "genProdPostingGroup"],
      "accountingPeriods": ["startingDate"],
      "productionOrders": ["status", "no"],
    ]
    var lines: [String] = []
    for name in json.keys.sorted() {
      guard var array = json[name] as? [[String: Any]] else {
        let value = json[name] ?? ""
        let data = try JSONSerialization.data(
          withJSONObject: [name: value], options: [.sortedKeys, .fragmentsAllowed])
        lines.append(String(decoding: data, as: UTF8.self))
        continue
      }
      if let fields = keys[name] {
        func key(_ object: [String: Any]) -> [UInt8] {
          fields.flatMap { Array((object[$0] as? String ?? "").utf8) + [0] }
        }
        array.sort { key($0).lexicographicallyPrecedes(key($1)) }
      }
      for object in array {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        lines.append(name + ": " + String(decoding: data, as: UTF8.self))
      }
    }
    return lines.joined(separator: "\n")
  }

  @Test(
    "generated ledgers through a package, a lake and an SQL export come back byte for byte",
    arguments: [0, 1])
  func generatedLedgers(index: Int) throws {
    let ledger = Self.generated[index]
    let original = try Self.keyOrdered(ledger)
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    var package = BCExportWriter.PackageOptions()
    package.closingMarker = true
    try BCExportWriter.writePackage(ledger, to: folder + "/package.rapidstart", options: package)
    try BCExportWriter.writeLake(ledger, to: folder + "/lake")
    try BCExportWriter.writeSQL(ledger, to: folder + "/sql")
    for (kind, path) in [(BCImport.Kind.rapidStart, "/package.rapidstart"), (.csv, "/lake"), (.csv, "/sql")] {
      let result = try BCImport.run(kind, path: folder + path)
      if let difference = firstDifference(try Self.keyOrdered(result.ledger), original) {
        Issue.record("\(path): \(difference)")
      }
    }
  }

  @Test("a lake read in many pieces on both threads gives the same snapshot, and problems their true lines")
  func pieces() throws {
    let ledger = Self.generated[0]
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try BCExportWriter.writeLake(ledger, to: folder)
    var options = BCImport.Options()
    options.minimumPieceBytes = 16 << 10
    let whole = try BCImport.run(.csv, path: folder)
    let cut = try BCImport.run(.csv, path: folder, options: options)
    #expect(canonical(cut.ledger) == canonical(whole.ledger))
    #expect(try Self.keyOrdered(cut.ledger) == Self.keyOrdered(ledger))
    // A bad value on a line far into the value entry file: the message names that line.
    let entries = try #require(
      FileManager.default.subpaths(atPath: folder)?.first { $0.contains("ValueEntry-5802/") })
    let path = folder + "/" + entries
    var lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\r\n")
    let candidates = lines.indices.filter { $0 > lines.count * 3 / 4 && lines[$0].contains(",Direct Cost,") }
    let (first, second) = (try #require(candidates.first), try #require(candidates.dropFirst(5).first))
    for index in [first, second] {
      lines[index] = lines[index].replacingOccurrences(of: ",Direct Cost,", with: ",Direct Cots,")
    }
    try lines.joined(separator: "\r\n").write(toFile: path, atomically: true, encoding: .utf8)
    do {
      _ = try BCImport.run(.csv, path: folder, options: options)
      Issue.record("not refused")
    } catch {
      #expect(error.lines.count == 2, "\(error.lines)")
      #expect(
        error.lines.first?.contains("line \(first + 1), column EntryType-105") == true,
        "\(first + 1) \(second + 1) \(error.lines)")
      #expect(error.lines.last?.contains("line \(second + 1), column EntryType-105") == true)
    }
  }
}
