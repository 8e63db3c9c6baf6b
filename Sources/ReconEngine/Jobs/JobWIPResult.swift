/// What Job Calculate WIP (report 1086 over codeunit 1000 `JobCalcWIP`) finds for a posting
/// date: per job its WIP groups, per posting task the recognized costs and sales, the Job WIP
/// Entries it would write and the warnings. A value: the CLI, the workbench and `post-wip` all
/// read the same one; computing it changes nothing.
public struct JobWIPRun: Sendable {
  public struct Options: Sendable, Equatable {
    public var postingDate: LedgerDate
    public var jobs: CodeFilter?
    public var documentNo: String
    public init(postingDate: LedgerDate, jobs: CodeFilter? = nil, documentNo: String = "") {
      self.postingDate = postingDate
      self.jobs = jobs
      self.documentNo = documentNo
    }
  }

  /// A Job WIP Entry (table 1004) as the run creates it.
  public struct Entry: Equatable, Sendable {
    public var entryNo: Int64
    public var jobNo: String
    /// The group's Total task (the Job WIP Total's task).
    public var jobTaskNo: String
    public var wipPostingDate: LedgerDate
    public var documentNo: String
    public var type: JobWIPEntryType
    public var glAccountNo: String
    public var glBalAccountNo: String
    public var amount: ExactDecimal
    public var jobPostingGroup: String
    public var wipMethodUsed: String
    public var wipPostingMethodUsed: WIPPostingMethod
    public var jobComplete: Bool
    public var reverse: Bool
  }

  /// A Job WIP Warning (table 1007).
  public struct Warning: Equatable, Sendable {
    public var jobNo: String
    public var jobTaskNo: String
    public var message: String
  }

  /// The eight Job Task FlowFields of §4.1, exact.
  public struct Figures: Equatable, Sendable {
    public var budgetTotalCost = Fraction.zero  // STC, Schedule (Total Cost)
    public var budgetTotalPrice = Fraction.zero  // STP
    public var billableTotalCost = Fraction.zero  // CTC (no formula reads it)
    public var billableTotalPrice = Fraction.zero  // CTP
    public var usageTotalCost = Fraction.zero  // UTC
    public var usageTotalPrice = Fraction.zero  // UTP
    public var invoicedPrice = Fraction.zero  // CIP
    public var invoicedCost = Fraction.zero  // CIC

    static func + (a: Figures, b: Figures) -> Figures {
      Figures(
        budgetTotalCost: a.budgetTotalCost + b.budgetTotalCost,
        budgetTotalPrice: a.budgetTotalPrice + b.budgetTotalPrice,
        billableTotalCost: a.billableTotalCost + b.billableTotalCost,
        billableTotalPrice: a.billableTotalPrice + b.billableTotalPrice,
        usageTotalCost: a.usageTotalCost + b.usageTotalCost,
        usageTotalPrice: a.usageTotalPrice + b.usageTotalPrice,
        invoicedPrice: a.invoicedPrice + b.invoicedPrice, invoicedCost: a.invoicedCost + b.invoicedCost)
    }
  }

  /// One task of a job after the WIP-Total assignment of §5.3.
  public struct Task: Equatable, Sendable {
    public var row: Int
    public var jobTaskNo: String
    public var description: String
    public var type: JobTaskType
    public var wipTotal: JobWIPTotal
    public var wipMethod: String
    /// Its group, when it is a member (not Excluded, not after the last Total).
    public var groupIndex: Int?
    public var isPostingMember: Bool
    public var figures: Figures
    /// R_t and RS_t, exact (0 for tasks that are not posting members).
    public var recognizedCosts = Fraction.zero
    public var recognizedSales = Fraction.zero
  }

  /// A WIP group: the tasks up to and including a Total task.
  public struct Group: Equatable, Sendable {
    public var totalTaskRow: Int
    public var totalTaskNo: String
    public var method: JobWIPMethod
    public var postingTaskIndices: [Int]
    public var figures: Figures
    public var recognizedCosts = Fraction.zero
    public var recognizedSales = Fraction.zero
  }

  public struct JobResult: Sendable {
    public var row: Int
    public var jobNo: String
    public var description: String
    public var wipMethod: String
    public var postingMethod: WIPPostingMethod
    /// A job whose completion was posted (a Job WIP G/L Entry with Job Complete): not calculated.
    public var skipped: Bool
    /// JobComplete of §5.2, and the ending date the run gives a Complete job that had none.
    public var complete: Bool
    public var filledEndingDate: LedgerDate?
    public var tasks: [Task] = []
    public var groups: [Group] = []
    public var entries: [Entry] = []
    public var warnings: [Warning] = []
    /// Amt. to Post to G/L per job ledger entry row (§5.7); rows not listed hold 0.
    public var amountsToPost: [Int: ExactDecimal] = [:]

    public var recognizedCosts: Fraction { groups.reduce(.zero) { $0 + $1.recognizedCosts } }
    public var recognizedSales: Fraction { groups.reduce(.zero) { $0 + $1.recognizedSales } }
    public var figures: Figures { groups.reduce(Figures()) { $0 + $1.figures } }
    /// The sum of the run's entry amounts: what report 1010 calls the WIP Amount.
    public var wipAmount: ExactDecimal {
      var sum = ExactSum()
      for entry in entries { sum.add(entry.amount) }
      return (try? sum.value()) ?? .zero
    }
  }

  public var options: Options
  public var jobs: [JobResult]
  /// Refusals of §5.10: one line each; a run with any refuses as a whole.
  public var problems: [String]

  public var entries: [Entry] { jobs.flatMap(\.entries) }
  public var warnings: [Warning] { jobs.flatMap(\.warnings) }
}
