/// The state of one import while its inputs are read: the string pool the snapshot will use,
/// one builder per BC table, the input files named in messages, the companies seen, and the
/// problems and warnings so far.
final class ImportSession {
  @exclusivity(unchecked) var strings = StringPool()
  private(set) var builders: [Int: TableBuilder] = [:]
  /// Input files, by index (RowOrigin.file): the names messages start with.
  var files: [String] = []
  /// The company of each input file, when its name says it (SQL exports), else nil.
  var fileCompanies: [String?] = []
  /// Companies named by bc2adls `$Company` columns.
  @exclusivity(unchecked) var companies: [String] = []
  var problems = ProblemList()
  var warnings: [ImportWarning] = []
  /// Tables in the input the snapshot does not need, by a readable name.
  var ignoredTables = Set<String>()
  /// The input as a whole, for messages about it.
  let inputName: String

  /// Bytes read so far, for a progress line (nil when nobody watches).
  let progress: ByteProgress?

  init(inputName: String, progress: ByteProgress? = nil) {
    self.inputName = inputName
    self.progress = progress
  }

  func builder(_ table: BCTable) -> TableBuilder {
    if let builder = builders[table.id] { return builder }
    let builder = TableBuilder(table)
    builders[table.id] = builder
    return builder
  }

  /// The builder that holds a table's rows once the reading threads' builders are joined.
  func setBuilder(_ builder: TableBuilder, for table: Int) { builders[table] = builder }

  func addFile(_ name: String, company: String? = nil) -> Int32 {
    files.append(name)
    fileCompanies.append(company)
    return Int32(files.count - 1)
  }

  func warn(_ message: String, file: String? = nil) {
    warnings.append(ImportWarning(file: file ?? inputName, message: message))
  }

  func problem(_ file: Int32, _ place: String, _ message: String) {
    problems.add(ImportProblem(file: files[Int(file)], place: place, message: message))
  }
}
