// The project (job) WIP tables of the snapshot extension (`jobs-wip.md` §2), field by field in
// the order the spec lists them. Like `TableColumns.swift`: each struct is both the schema the
// reader and writer use and the typed column handles the engine uses.

/// Table 167 Job (the WIP fields).
public struct JobColumns: Sendable {
  public let no: StringColumn, description: StringColumn, status: EnumColumn<JobStatus>
  public let complete: BoolColumn, endingDate: DateColumn, wipMethod: StringColumn
  public let wipPostingMethod: EnumColumn<WIPPostingMethod>, jobPostingGroup: StringColumn
  public let blocked: EnumColumn<JobBlocked>, wipPostingDate: DateColumn
  public let schema: TableSchema
  init() {
    var b = SchemaBuilder("jobs")
    no = b.code("no", required: true)
    description = b.text("description")
    status = b.enumeration("status", JobStatus.self)
    complete = b.boolean("complete")
    endingDate = b.date("endingDate", nullable: true)
    wipMethod = b.code("wipMethod")
    wipPostingMethod = b.enumeration("wipPostingMethod", WIPPostingMethod.self)
    jobPostingGroup = b.code("jobPostingGroup")
    blocked = b.enumeration("blocked", JobBlocked.self)
    wipPostingDate = b.date("wipPostingDate", nullable: true)
    schema = b.build()
  }
}

/// Table 1001 Job Task.
public struct JobTaskColumns: Sendable {
  public let jobNo: StringColumn, jobTaskNo: StringColumn, description: StringColumn
  public let jobTaskType: EnumColumn<JobTaskType>, wipTotal: EnumColumn<JobWIPTotal>
  public let wipMethod: StringColumn, jobPostingGroup: StringColumn
  public let recognizedCostsAmount: DecimalColumn, recognizedSalesAmount: DecimalColumn
  public let recognizedCostsGLAmount: DecimalColumn, recognizedSalesGLAmount: DecimalColumn
  public let schema: TableSchema
  init() {
    var b = SchemaBuilder("jobTasks")
    jobNo = b.code("jobNo", required: true)
    jobTaskNo = b.code("jobTaskNo", required: true)
    description = b.text("description")
    jobTaskType = b.enumeration("jobTaskType", JobTaskType.self)
    wipTotal = b.enumeration("wipTotal", JobWIPTotal.self)
    wipMethod = b.code("wipMethod")
    jobPostingGroup = b.code("jobPostingGroup")
    recognizedCostsAmount = b.amount("recognizedCostsAmount")
    recognizedSalesAmount = b.amount("recognizedSalesAmount")
    recognizedCostsGLAmount = b.amount("recognizedCostsGLAmount")
    recognizedSalesGLAmount = b.amount("recognizedSalesGLAmount")
    schema = b.build()
  }
}

/// Table 1003 Job Planning Line (the fields the WIP calculation reads, and a few to show).
public struct JobPlanningLineColumns: Sendable {
  public let jobNo: StringColumn, jobTaskNo: StringColumn, lineNo: IntColumn
  public let lineType: EnumColumn<JobPlanningLineType>, planningDate: DateColumn
  public let type: EnumColumn<JobPlanningType>, no: StringColumn, description: StringColumn
  public let totalCostLCY: DecimalColumn, lineAmountLCY: DecimalColumn
  public let schema: TableSchema
  init() {
    var b = SchemaBuilder("jobPlanningLines")
    jobNo = b.code("jobNo", required: true)
    jobTaskNo = b.code("jobTaskNo", required: true)
    lineNo = b.entryNumber("lineNo")
    lineType = b.enumeration("lineType", JobPlanningLineType.self)
    planningDate = b.date("planningDate", nullable: true)
    type = b.enumeration("type", JobPlanningType.self)
    no = b.code("no")
    description = b.text("description")
    totalCostLCY = b.amount("totalCostLCY")
    lineAmountLCY = b.amount("lineAmountLCY")
    schema = b.build()
  }
}

/// Table 169 Job Ledger Entry.
public struct JobLedgerEntryColumns: Sendable {
  public let entryNo: IntColumn, jobNo: StringColumn, jobTaskNo: StringColumn
  public let postingDate: DateColumn, entryType: EnumColumn<JobLedgerEntryType>
  public let type: EnumColumn<JobLedgerType>, no: StringColumn, documentNo: StringColumn
  public let description: StringColumn, totalCostLCY: DecimalColumn, lineAmountLCY: DecimalColumn
  public let amtToPostToGL: DecimalColumn, amtPostedToGL: DecimalColumn
  public let schema: TableSchema
  init() {
    var b = SchemaBuilder("jobLedgerEntries")
    entryNo = b.entryNumber("entryNo")
    jobNo = b.code("jobNo", required: true)
    jobTaskNo = b.code("jobTaskNo", required: true)
    postingDate = b.date("postingDate", required: true)
    entryType = b.enumeration("entryType", JobLedgerEntryType.self, required: true)
    type = b.enumeration("type", JobLedgerType.self)
    no = b.code("no")
    documentNo = b.code("documentNo")
    description = b.text("description")
    totalCostLCY = b.amount("totalCostLCY")
    lineAmountLCY = b.amount("lineAmountLCY")
    amtToPostToGL = b.amount("amtToPostToGL")
    amtPostedToGL = b.amount("amtPostedToGL")
    schema = b.build()
  }
}

/// Table 208 Job Posting Group.
public struct JobPostingGroupColumns: Sendable {
  public let code: StringColumn, description: StringColumn
  public let wipCostsAccount: StringColumn, wipAccruedCostsAccount: StringColumn
  public let wipAccruedSalesAccount: StringColumn, wipInvoicedSalesAccount: StringColumn
  public let jobCostsAppliedAccount: StringColumn, jobCostsAdjustmentAccount: StringColumn
  public let jobSalesAppliedAccount: StringColumn, jobSalesAdjustmentAccount: StringColumn
  public let recognizedCostsAccount: StringColumn, recognizedSalesAccount: StringColumn
  public let itemCostsAppliedAccount: StringColumn, resourceCostsAppliedAccount: StringColumn
  public let glCostsAppliedAccount: StringColumn
  public let schema: TableSchema
  /// The account fields with their names, for reference checks and refusal messages.
  public var accounts: [(name: String, column: StringColumn)] {
    [
      ("wipCostsAccount", wipCostsAccount), ("wipAccruedCostsAccount", wipAccruedCostsAccount),
      ("wipAccruedSalesAccount", wipAccruedSalesAccount),
      ("wipInvoicedSalesAccount", wipInvoicedSalesAccount),
      ("jobCostsAppliedAccount", jobCostsAppliedAccount),
      ("jobCostsAdjustmentAccount", jobCostsAdjustmentAccount),
      ("jobSalesAppliedAccount", jobSalesAppliedAccount),
      ("jobSalesAdjustmentAccount", jobSalesAdjustmentAccount),
      ("recognizedCostsAccount", recognizedCostsAccount), ("recognizedSalesAccount", recognizedSalesAccount),
      ("itemCostsAppliedAccount", itemCostsAppliedAccount),
      ("resourceCostsAppliedAccount", resourceCostsAppliedAccount),
      ("glCostsAppliedAccount", glCostsAppliedAccount),
    ]
  }
  init() {
    var b = SchemaBuilder("jobPostingGroups")
    code = b.code("code", required: true)
    description = b.text("description")
    wipCostsAccount = b.code("wipCostsAccount")
    wipAccruedCostsAccount = b.code("wipAccruedCostsAccount")
    wipAccruedSalesAccount = b.code("wipAccruedSalesAccount")
    wipInvoicedSalesAccount = b.code("wipInvoicedSalesAccount")
    jobCostsAppliedAccount = b.code("jobCostsAppliedAccount")
    jobCostsAdjustmentAccount = b.code("jobCostsAdjustmentAccount")
    jobSalesAppliedAccount = b.code("jobSalesAppliedAccount")
    jobSalesAdjustmentAccount = b.code("jobSalesAdjustmentAccount")
    recognizedCostsAccount = b.code("recognizedCostsAccount")
    recognizedSalesAccount = b.code("recognizedSalesAccount")
    itemCostsAppliedAccount = b.code("itemCostsAppliedAccount")
    resourceCostsAppliedAccount = b.code("resourceCostsAppliedAccount")
    glCostsAppliedAccount = b.code("glCostsAppliedAccount")
    schema = b.build()
  }
}

/// Table 1006 Job WIP Method.
public struct JobWIPMethodColumns: Sendable {
  public let code: StringColumn, description: StringColumn
  public let recognizedCosts: EnumColumn<RecognizedCostsMethod>
  public let recognizedSales: EnumColumn<RecognizedSalesMethod>
  public let wipCost: BoolColumn, wipSales: BoolColumn, valid: BoolColumn, systemDefined: BoolColumn
  public let schema: TableSchema
  init() {
    var b = SchemaBuilder("jobWipMethods")
    code = b.code("code", required: true)
    description = b.text("description")
    recognizedCosts = b.enumeration("recognizedCosts", RecognizedCostsMethod.self, required: true)
    recognizedSales = b.enumeration("recognizedSales", RecognizedSalesMethod.self, required: true)
    wipCost = b.boolean("wipCost", defaultValue: true)
    wipSales = b.boolean("wipSales", defaultValue: true)
    valid = b.boolean("valid", defaultValue: true)
    systemDefined = b.boolean("systemDefined")
    schema = b.build()
  }
}

/// Table 1004 Job WIP Entry: calculated, not yet posted WIP.
public struct JobWIPEntryColumns: Sendable {
  public let entryNo: IntColumn, jobNo: StringColumn, documentNo: StringColumn
  public let glAccountNo: StringColumn, glBalAccountNo: StringColumn, wipPostingDate: DateColumn
  public let wipEntryAmount: DecimalColumn, jobPostingGroup: StringColumn
  public let type: EnumColumn<JobWIPEntryType>, wipMethodUsed: StringColumn
  public let wipPostingMethodUsed: EnumColumn<WIPPostingMethod>, jobComplete: BoolColumn
  public let reverse: BoolColumn, jobWipTotalEntryNo: IntColumn
  public let schema: TableSchema
  init() {
    var b = SchemaBuilder("jobWipEntries")
    entryNo = b.entryNumber("entryNo")
    jobNo = b.code("jobNo", required: true)
    documentNo = b.code("documentNo")
    glAccountNo = b.code("glAccountNo")
    glBalAccountNo = b.code("glBalAccountNo")
    wipPostingDate = b.date("wipPostingDate")
    wipEntryAmount = b.amount("wipEntryAmount")
    jobPostingGroup = b.code("jobPostingGroup")
    type = b.enumeration("type", JobWIPEntryType.self, required: true)
    wipMethodUsed = b.code("wipMethodUsed")
    wipPostingMethodUsed = b.enumeration("wipPostingMethodUsed", WIPPostingMethod.self)
    jobComplete = b.boolean("jobComplete")
    reverse = b.boolean("reverse", defaultValue: true)
    jobWipTotalEntryNo = b.integer("jobWipTotalEntryNo")
    schema = b.build()
  }
}

/// Table 1005 Job WIP G/L Entry: posted WIP.
public struct JobWIPGLEntryColumns: Sendable {
  public let entryNo: IntColumn, jobNo: StringColumn, documentNo: StringColumn
  public let glAccountNo: StringColumn, glBalAccountNo: StringColumn
  public let postingDate: DateColumn, wipPostingDate: DateColumn, wipEntryAmount: DecimalColumn
  public let jobPostingGroup: StringColumn, type: EnumColumn<JobWIPEntryType>
  public let wipMethodUsed: StringColumn, wipPostingMethodUsed: EnumColumn<WIPPostingMethod>
  public let description: StringColumn, glEntryNo: IntColumn, reversed: BoolColumn
  public let reverse: BoolColumn, reverseDate: DateColumn, wipTransactionNo: IntColumn
  public let jobComplete: BoolColumn, jobWipTotalEntryNo: IntColumn
  public let schema: TableSchema
  init() {
    var b = SchemaBuilder("jobWipGLEntries")
    entryNo = b.entryNumber("entryNo")
    jobNo = b.code("jobNo", required: true)
    documentNo = b.code("documentNo")
    glAccountNo = b.code("glAccountNo")
    glBalAccountNo = b.code("glBalAccountNo")
    postingDate = b.date("postingDate", required: true)
    wipPostingDate = b.date("wipPostingDate")
    wipEntryAmount = b.amount("wipEntryAmount")
    jobPostingGroup = b.code("jobPostingGroup")
    type = b.enumeration("type", JobWIPEntryType.self, required: true)
    wipMethodUsed = b.code("wipMethodUsed")
    wipPostingMethodUsed = b.enumeration("wipPostingMethodUsed", WIPPostingMethod.self)
    description = b.text("description")
    glEntryNo = b.integer("glEntryNo")
    reversed = b.boolean("reversed")
    reverse = b.boolean("reverse", defaultValue: true)
    reverseDate = b.date("reverseDate", nullable: true)
    wipTransactionNo = b.integer("wipTransactionNo")
    jobComplete = b.boolean("jobComplete")
    jobWipTotalEntryNo = b.integer("jobWipTotalEntryNo")
    schema = b.build()
  }
}

extension Columns {
  public static let job = JobColumns()
  public static let jobTask = JobTaskColumns()
  public static let jobPlanningLine = JobPlanningLineColumns()
  public static let jobLedgerEntry = JobLedgerEntryColumns()
  public static let jobPostingGroup = JobPostingGroupColumns()
  public static let jobWIPMethod = JobWIPMethodColumns()
  public static let jobWIPEntry = JobWIPEntryColumns()
  public static let jobWIPGLEntry = JobWIPGLEntryColumns()
}
