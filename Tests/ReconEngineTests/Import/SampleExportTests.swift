import Foundation
import Testing

@testable import ReconEngine

/// The sample company as a BC customer would export it, committed under SampleData/ so the
/// import can be tried without a Business Central: a configuration package and a bc2adls lake,
/// written by the test exporter. `RECONBENCH_WRITE_SAMPLES=1 swift test --filter SampleExports`
/// writes them again.
@Suite("Sample exports")
struct SampleExportTests {
  static let packageName = "cronus-sample.rapidstart"
  static let lakeName = "cronus-sample-bc2adls"

  static func write(to folder: String) throws {
    let ledger = SampleCompany.load()
    try BCExportWriter.writePackage(ledger, to: folder + "/" + packageName)
    var lake = BCExportWriter.LakeOptions()
    lake.company = ledger.companyName
    try BCExportWriter.writeLake(ledger, to: folder + "/" + lakeName, options: lake)
  }

  /// A package's XML, inflated and decoded.
  static func xml(_ path: String) throws -> [UInt8] {
    var source = try DecodedSource(GzipSource(FileSource(path: path)))
    var bytes: [UInt8] = []
    while try source.read(into: &bytes, maximum: 1 << 20) > 0 {}
    return bytes
  }

  static func files(below folder: String) -> [String] {
    (FileManager.default.subpaths(atPath: folder) ?? []).filter { $0.hasSuffix(".csv") }.sorted()
  }

  @Test("the committed package and lake are what the exporter writes, and import as the sample company")
  func committedExports() throws {
    if ProcessInfo.processInfo.environment["RECONBENCH_WRITE_SAMPLES"] == "1" {
      try Self.write(to: sampleData)
    }
    let fresh = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: fresh) }
    try Self.write(to: fresh)
    #expect(
      try Self.xml(sampleData + "/" + Self.packageName) == Self.xml(fresh + "/" + Self.packageName),
      "SampleData/\(Self.packageName) is stale: RECONBENCH_WRITE_SAMPLES=1 swift test --filter SampleExports")
    let committed = Self.files(below: sampleData + "/" + Self.lakeName)
    #expect(committed == Self.files(below: fresh + "/" + Self.lakeName))
    for file in committed {
      let old = try Data(contentsOf: URL(fileURLWithPath: sampleData + "/" + Self.lakeName + "/" + file))
      let new = try Data(contentsOf: URL(fileURLWithPath: fresh + "/" + Self.lakeName + "/" + file))
      #expect(old == new, "\(Self.lakeName)/\(file) is stale")
    }
    let sample = try ImportRoundTripTests.keyOrdered(
      ImportRoundTripTests.withoutJobTables(SampleCompany.load()))
    for (kind, name) in [(BCImport.Kind.rapidStart, Self.packageName), (.csv, Self.lakeName)] {
      let result = try BCImport.run(kind, path: sampleData + "/" + name)
      let imported = try ImportRoundTripTests.keyOrdered(result.ledger)
      #expect(firstDifference(imported, sample) == nil, "\(name) does not import as the sample company")
      #expect(result.warnings.isEmpty, "\(result.warnings)")
    }
  }
}
