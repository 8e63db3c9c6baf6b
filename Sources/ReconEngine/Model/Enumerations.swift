/// An enumeration stored in one byte, written in snapshots as BC's caption.
///
/// Raw values must run 0, 1, 2… in `allCases` order: the raw value is the index into the
/// caption list the snapshot reader matches against.
public protocol LedgerEnum: CaseIterable, Hashable, Sendable, RawRepresentable where RawValue == UInt8 {
  var caption: String { get }
  /// False when a value must be given (the blank caption, if any, is then refused).
  static var blankAllowed: Bool { get }
}

extension LedgerEnum {
  public static var captions: [String] { allCases.map(\.caption) }
  public static var blankAllowed: Bool { true }

  /// The value of a stored byte; an unknown byte (never written by the reader) is the first
  /// case. The fallback is kept out of line: written as `?? allCases[…]` the optimizer built
  /// the `allCases` array on every call, an allocation per enum read.
  @inline(__always) static func stored(_ raw: UInt8) -> Self {
    if let value = Self(rawValue: raw) { return value }
    return firstCase()
  }

  @inline(never) static func firstCase() -> Self { allCases[allCases.startIndex] }
}

/// Item Ledger Entry Type; `.blank` is used by capacity and resource value entries.
public enum ItemLedgerEntryType: UInt8, LedgerEnum {
  case blank, purchase, sale, positiveAdjmt, negativeAdjmt, transfer, consumption, output
  case assemblyConsumption, assemblyOutput

  public var caption: String {
    switch self {
    case .blank: return ""
    case .purchase: return "Purchase"
    case .sale: return "Sale"
    case .positiveAdjmt: return "Positive Adjmt."
    case .negativeAdjmt: return "Negative Adjmt."
    case .transfer: return "Transfer"
    case .consumption: return "Consumption"
    case .output: return "Output"
    case .assemblyConsumption: return "Assembly Consumption"
    case .assemblyOutput: return "Assembly Output"
    }
  }
}

/// Value Entry's Entry Type. Required on every value entry.
public enum ValueEntryType: UInt8, LedgerEnum {
  case directCost, revaluation, rounding, indirectCost, variance

  public var caption: String {
    switch self {
    case .directCost: return "Direct Cost"
    case .revaluation: return "Revaluation"
    case .rounding: return "Rounding"
    case .indirectCost: return "Indirect Cost"
    case .variance: return "Variance"
    }
  }
  public static var blankAllowed: Bool { false }
}

public enum VarianceType: UInt8, LedgerEnum {
  case blank, purchase, material, capacity, capacityOverhead, manufacturingOverhead, subcontracted

  public var caption: String {
    switch self {
    case .blank: return ""
    case .purchase: return "Purchase"
    case .material: return "Material"
    case .capacity: return "Capacity"
    case .capacityOverhead: return "Capacity Overhead"
    case .manufacturingOverhead: return "Manufacturing Overhead"
    case .subcontracted: return "Subcontracted"
    }
  }
}

public enum OrderType: UInt8, LedgerEnum {
  case blank, production, transfer, service, assembly

  public var caption: String {
    switch self {
    case .blank: return ""
    case .production: return "Production"
    case .transfer: return "Transfer"
    case .service: return "Service"
    case .assembly: return "Assembly"
    }
  }
}

public enum ItemType: UInt8, LedgerEnum {
  case inventory, service, nonInventory

  public var caption: String {
    switch self {
    case .inventory: return "Inventory"
    case .service: return "Service"
    case .nonInventory: return "Non-Inventory"
    }
  }
  public static var blankAllowed: Bool { false }
}

public enum CostingMethod: UInt8, LedgerEnum {
  case blank, fifo, lifo, specific, average, standard

  public var caption: String {
    switch self {
    case .blank: return ""
    case .fifo: return "FIFO"
    case .lifo: return "LIFO"
    case .specific: return "Specific"
    case .average: return "Average"
    case .standard: return "Standard"
    }
  }
}

public enum GLAccountType: UInt8, LedgerEnum {
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

public enum IncomeBalance: UInt8, LedgerEnum {
  case blank, incomeStatement, balanceSheet

  public var caption: String {
    switch self {
    case .blank: return ""
    case .incomeStatement: return "Income Statement"
    case .balanceSheet: return "Balance Sheet"
    }
  }
}

public enum ProductionOrderStatus: UInt8, LedgerEnum {
  case released, finished

  public var caption: String {
    switch self {
    case .released: return "Released"
    case .finished: return "Finished"
    }
  }
  public static var blankAllowed: Bool { false }
}

/// The table a date compression ran on.
public enum CompressedTable: UInt8, LedgerEnum {
  case blank, valueEntry, glEntry

  public var caption: String {
    switch self {
    case .blank: return ""
    case .valueEntry: return "Value Entry"
    case .glEntry: return "G/L Entry"
    }
  }
}
