// Enumerations of the project (job) WIP tables (`jobs-wip.md` §2). The first case of each is
// its default (raw value 0), so an omitted field reads as BC's initial value.

/// Job.Status. Informational: the calculation reads `complete`.
public enum JobStatus: UInt8, LedgerEnum {
  case open, planning, quote, completed
  public var caption: String {
    switch self {
    case .open: return "Open"
    case .planning: return "Planning"
    case .quote: return "Quote"
    case .completed: return "Completed"
    }
  }
  public static var blankAllowed: Bool { false }
}

/// Job."WIP Posting Method". BC 23+ captions ("Per Project…") are kept as read and mean the same.
public enum WIPPostingMethod: UInt8, LedgerEnum {
  case perJob, perJobLedgerEntry, perProject, perProjectLedgerEntry
  public var caption: String {
    switch self {
    case .perJob: return "Per Job"
    case .perJobLedgerEntry: return "Per Job Ledger Entry"
    case .perProject: return "Per Project"
    case .perProjectLedgerEntry: return "Per Project Ledger Entry"
    }
  }
  public static var blankAllowed: Bool { false }
  /// The pre-BC 23 spelling, the one every output prints.
  public var normalized: WIPPostingMethod {
    switch self {
    case .perJob, .perProject: return .perJob
    case .perJobLedgerEntry, .perProjectLedgerEntry: return .perJobLedgerEntry
    }
  }
  public var isPerLedgerEntry: Bool { normalized == .perJobLedgerEntry }
}

/// Job.Blocked.
public enum JobBlocked: UInt8, LedgerEnum {
  case none, posting, all
  public var caption: String {
    switch self {
    case .none: return ""
    case .posting: return "Posting"
    case .all: return "All"
    }
  }
}

/// Job Task."Job Task Type": only Posting tasks carry planning lines and ledger entries.
public enum JobTaskType: UInt8, LedgerEnum {
  case posting, heading, total, beginTotal, endTotal
  public var caption: String {
    switch self {
    case .posting: return "Posting"
    case .heading: return "Heading"
    case .total: return "Total"
    case .beginTotal: return "Begin-Total"
    case .endTotal: return "End-Total"
    }
  }
  public static var blankAllowed: Bool { false }
}

/// Job Task."WIP-Total": a Total task closes a WIP group; Excluded tasks are left out.
public enum JobWIPTotal: UInt8, LedgerEnum {
  case none, total, excluded
  public var caption: String {
    switch self {
    case .none: return ""
    case .total: return "Total"
    case .excluded: return "Excluded"
    }
  }
}

/// Job Planning Line."Line Type": Budget lines make the schedule, Billable the contract.
public enum JobPlanningLineType: UInt8, LedgerEnum {
  case budget, billable, both
  public var caption: String {
    switch self {
    case .budget: return "Budget"
    case .billable: return "Billable"
    case .both: return "Both Budget and Billable"
    }
  }
  public static var blankAllowed: Bool { false }
  public var isBudget: Bool { self != .billable }
  public var isBillable: Bool { self != .budget }
}

/// Job Planning Line.Type (informational; Text lines carry no amounts in BC).
public enum JobPlanningType: UInt8, LedgerEnum {
  case resource, item, glAccount, text
  public var caption: String {
    switch self {
    case .resource: return "Resource"
    case .item: return "Item"
    case .glAccount: return "G/L Account"
    case .text: return "Text"
    }
  }
  public static var blankAllowed: Bool { false }
}

/// Job Ledger Entry."Entry Type".
public enum JobLedgerEntryType: UInt8, LedgerEnum {
  case usage, sale
  public var caption: String {
    switch self {
    case .usage: return "Usage"
    case .sale: return "Sale"
    }
  }
  public static var blankAllowed: Bool { false }
}

/// Job Ledger Entry.Type: selects the Item / Resource / G/L Costs Applied account (§5.5).
public enum JobLedgerType: UInt8, LedgerEnum {
  case resource, item, glAccount
  public var caption: String {
    switch self {
    case .resource: return "Resource"
    case .item: return "Item"
    case .glAccount: return "G/L Account"
    }
  }
  public static var blankAllowed: Bool { false }
}

/// Job WIP Method."Recognized Costs" (enum 1011).
public enum RecognizedCostsMethod: UInt8, LedgerEnum {
  case atCompletion, costOfSales, costValue, contractInvoicedCost, usageTotalCost
  public var caption: String {
    switch self {
    case .atCompletion: return "At Completion"
    case .costOfSales: return "Cost of Sales"
    case .costValue: return "Cost Value"
    case .contractInvoicedCost: return "Contract (Invoiced Cost)"
    case .usageTotalCost: return "Usage (Total Cost)"
    }
  }
  public static var blankAllowed: Bool { false }
  /// `GetAppliedCostsAmount`'s accrued-costs methods.
  public var accruesCosts: Bool {
    self == .costValue || self == .costOfSales || self == .contractInvoicedCost
  }
}

/// Job WIP Method."Recognized Sales" (enum 1012).
public enum RecognizedSalesMethod: UInt8, LedgerEnum {
  case atCompletion, contractInvoicedPrice, usageTotalCost, usageTotalPrice, percentageOfCompletion
  case salesValue
  public var caption: String {
    switch self {
    case .atCompletion: return "At Completion"
    case .contractInvoicedPrice: return "Contract (Invoiced Price)"
    case .usageTotalCost: return "Usage (Total Cost)"
    case .usageTotalPrice: return "Usage (Total Price)"
    case .percentageOfCompletion: return "Percentage of Completion"
    case .salesValue: return "Sales Value"
    }
  }
  public static var blankAllowed: Bool { false }
  /// `GetAppliedSalesWIPEntryAmount`'s accrued-sales methods.
  public var accruesSales: Bool { self == .salesValue || self == .usageTotalPrice }
}

/// Job WIP Entry.Type / Job WIP G/L Entry.Type (enum "Job WIP Buffer Type"), in the order
/// `CreateWIPEntries` takes the buffer rows.
public enum JobWIPEntryType: UInt8, LedgerEnum, Comparable {
  case appliedCosts, appliedSales, recognizedCosts, recognizedSales, accruedCosts, accruedSales
  public var caption: String {
    switch self {
    case .appliedCosts: return "Applied Costs"
    case .appliedSales: return "Applied Sales"
    case .recognizedCosts: return "Recognized Costs"
    case .recognizedSales: return "Recognized Sales"
    case .accruedCosts: return "Accrued Costs"
    case .accruedSales: return "Accrued Sales"
    }
  }
  public static var blankAllowed: Bool { false }
  public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}
