/// A WIP method as the calculation uses it (table 1006 "Job WIP Method").
public struct JobWIPMethod: Equatable, Sendable {
  public var code: String
  public var recognizedCosts: RecognizedCostsMethod
  public var recognizedSales: RecognizedSalesMethod
  public var wipCost: Bool
  public var wipSales: Bool
}

/// The WIP methods of a company: BC's five built-in ones (`InitJobWIPMethods` of codeunit
/// "Company-Initialize"), replaced by a `jobWipMethods` row of the same code, plus the user's own.
public struct JobWIPMethodSet: Sendable {
  static let builtInCodes = ["COMPLETED CONTRACT", "COST OF SALES", "COST VALUE", "SALES VALUE", "POC"]

  static let builtIn: [JobWIPMethod] = [
    JobWIPMethod(
      code: "COMPLETED CONTRACT", recognizedCosts: .atCompletion, recognizedSales: .atCompletion,
      wipCost: true,
      wipSales: true),
    JobWIPMethod(
      code: "COST OF SALES", recognizedCosts: .costOfSales, recognizedSales: .contractInvoicedPrice,
      wipCost: true,
      wipSales: true),
    JobWIPMethod(
      code: "COST VALUE", recognizedCosts: .costValue, recognizedSales: .contractInvoicedPrice, wipCost: true,
      wipSales: true),
    JobWIPMethod(
      code: "SALES VALUE", recognizedCosts: .usageTotalCost, recognizedSales: .salesValue, wipCost: true,
      wipSales: true),
    JobWIPMethod(
      code: "POC", recognizedCosts: .usageTotalCost, recognizedSales: .percentageOfCompletion, wipCost: true,
      wipSales: true),
  ]

  private var byCode: [String: JobWIPMethod]

  public init(_ ledger: Ledger) {
    var methods: [String: JobWIPMethod] = [:]
    for method in JobWIPMethodSet.builtIn { methods[method.code] = method }
    let m = Columns.jobWIPMethod
    let table = ledger.jobWIPMethods
    for row in table.indices {
      let code = ledger.string(table[m.code, row])
      methods[code] = JobWIPMethod(
        code: code, recognizedCosts: table[m.recognizedCosts, row],
        recognizedSales: table[m.recognizedSales, row],
        wipCost: table[m.wipCost, row], wipSales: table[m.wipSales, row])
    }
    byCode = methods
  }

  public func method(_ code: String) -> JobWIPMethod? { byCode[code] }
}
