import Foundation

@testable import ReconEngine

/// A small company written by hand as BC stores it — every table of bc-import.md §3, the tricky
/// names, every kind of value — and the snapshot the spec says it imports as.
enum MiniCompany {
  static let tables: [BCTableData] = [
    BCTableData(
      id: 98,
      records: [
        [
          "Primary Key": "", "Allow Posting From": "2025-01-01", "Allow Posting To": "",
          "Amount Decimal Places": "2:2", "LCY Code": "USD", "Amount Rounding Precision": "0.01",
        ]
      ]),
    BCTableData(
      id: 313,
      records: [
        ["Primary Key": "", "Automatic Cost Posting": "false", "Expected Cost Posting to G/L": "true"]
      ]),
    BCTableData(id: 79, records: [["Primary Key": "", "Name": "Mini Ltd."]]),
    BCTableData(id: 242, records: [["Primary Key": "", "Inventory Post Cost": "INVTPCOST"]]),
    BCTableData(
      id: 15,
      records: [
        ["No.": "1000", "Name": "ASSETS", "Account Type": "Heading", "Income/Balance": "Balance Sheet"],
        [
          "No.": "2110", "Name": "Inventory \"Retail\" \\ <Blue> & Co", "Account Type": "Posting",
          "Income/Balance": "Balance Sheet",
        ],
        [
          "No.": "7290", "Name": "Direct Cost Applied, Retail", "Account Type": "Posting",
          "Income/Balance": "Income Statement", "Blocked": "true",
        ],
        ["No.": "9999", "Name": "TOTAL", "Account Type": "End-Total", "Income/Balance": "Income Statement"],
      ]),
    BCTableData(
      id: 14,
      records: [["Code": "BLUE", "Name": "Blue Warehouse"], ["Code": "RED", "Name": "Red; Warehouse"]]),
    BCTableData(
      id: 27,
      records: [
        [
          "No.": "1000", "Description": "Bicycle", "Base Unit of Measure": "PCS", "Type": "Inventory",
          "Inventory Posting Group": "RESALE", "Costing Method": "FIFO", "Unit Cost": "350.5",
          "Standard Cost": "0",
          "Indirect Cost %": "2.5", "Gen. Prod. Posting Group": "RETAIL", "Overhead Rate": "1.25",
        ],
        [
          "No.": "SVC", "Description": "Installation", "Type": "Service", "Costing Method": "Standard",
          "Standard Cost": "12.34567",
        ],
        ["No.": "NI-1", "Description": "Screws", "Type": "Non-Inventory", "Costing Method": "Average"],
      ]),
    BCTableData(
      id: 5813,
      records: [
        [
          "Location Code": "BLUE", "Invt. Posting Group Code": "RESALE", "Inventory Account": "2110",
          "Inventory Account (Interim)": "2110", "WIP Account": "2110", "Material Variance Account": "7290",
          "Capacity Variance Account": "7290", "Mfg. Overhead Variance Account": "7290",
          "Cap. Overhead Variance Account": "7290", "Subcontracted Variance Account": "7290",
        ]
      ]),
    BCTableData(
      id: 252,
      records: [
        [
          "Gen. Bus. Posting Group": "", "Gen. Prod. Posting Group": "RETAIL", "COGS Account": "7290",
          "Inventory Adjmt. Account": "7290", "Invt. Accrual Acc. (Interim)": "2110",
          "COGS Account (Interim)": "7290",
          "Direct Cost Applied Account": "7290", "Overhead Applied Account": "7290",
          "Purchase Variance Account": "7290",
        ],
        ["Gen. Bus. Posting Group": "EU", "Gen. Prod. Posting Group": "RETAIL", "Blocked": "true"],
      ]),
    BCTableData(
      id: 50,
      records: [
        ["Starting Date": "2025-01-01", "New Fiscal Year": "true", "Closed": "false"],
        ["Starting Date": "2025-02-01"],
      ]),
    BCTableData(
      id: 5405,
      records: [
        [
          "Status": "Planned", "No.": "PO-9", "Description": "Planned only", "Source No.": "1000",
          "Quantity": "1",
        ],
        ["Status": "Released", "No.": "PO-1", "Description": "Bikes", "Source No.": "1000", "Quantity": "2"],
        [
          "Status": "Finished", "No.": "PO-0", "Description": "Old bikes", "Source No.": "1000",
          "Quantity": "1.5",
        ],
      ]),
    BCTableData(
      id: 32,
      records: [
        [
          "Entry No.": "1", "Item No.": "1000", "Posting Date": "2025-01-10", "Entry Type": "Purchase",
          "Source No.": "V1", "Document No.": "PR-1", "Description": "", "Location Code": "BLUE",
          "Quantity": "10",
          "Remaining Quantity": "8", "Invoiced Quantity": "10", "Open": "true", "Source Type": "Vendor",
          "Document Type": "Purchase Receipt",
        ],
        [
          "Entry No.": "2", "Item No.": "1000", "Posting Date": "2025-01-20", "Entry Type": "Negative Adjmt.",
          "Document No.": "ADJ-1", "Location Code": "BLUE", "Quantity": "-2", "Invoiced Quantity": "-2",
          "Source Type": " ", "Document Type": " ", "Variant Code": "RED",
        ],
        [
          "Entry No.": "3", "Item No.": "1000", "Posting Date": "2025-01-25", "Entry Type": "Output",
          "Document No.": "PO-1", "Location Code": "BLUE", "Quantity": "1", "Remaining Quantity": "1",
          "Invoiced Quantity": "1", "Open": "true", "Order Type": "Production", "Order No.": "PO-1",
          "Source Type": "Item", "Source No.": "1000", "Drop Shipment": "false",
        ],
      ]),
    BCTableData(
      id: 339,
      records: [
        [
          "Entry No.": "1", "Item Ledger Entry No.": "1", "Inbound Item Entry No.": "1", "Quantity": "10",
          "Posting Date": "2025-01-10",
        ],
        [
          "Entry No.": "2", "Item Ledger Entry No.": "2", "Inbound Item Entry No.": "1",
          "Outbound Item Entry No.": "2",
          "Quantity": "-2", "Posting Date": "2025-01-20",
        ],
      ]),
    BCTableData(
      id: 5802,
      records: [
        [
          "Entry No.": "1", "Item No.": "1000", "Posting Date": "2025-01-10",
          "Item Ledger Entry Type": "Purchase",
          "Source No.": "V1", "Document No.": "PI-1", "Description": "Cost Amount (Non-Invtbl.)",
          "Location Code": "BLUE", "Inventory Posting Group": "RESALE", "Item Ledger Entry No.": "1",
          "Valued Quantity": "10", "Item Ledger Entry Quantity": "10", "Invoiced Quantity": "10",
          "Cost per Unit": "7.12345", "Source Type": "Vendor", "Cost Amount (Actual)": "71.23",
          "Cost Posted to G/L": "71.23", "Gen. Prod. Posting Group": "RETAIL",
          "External Document No.": "EXT\\1",
          "Document Type": "Purchase Invoice", "Expected Cost": "false", "Inventoriable": "true",
          "Valuation Date": "2025-01-10", "Entry Type": "Direct Cost", "Variance Type": " ",
          "Purchase Amount (Actual)": "71.23", "Order Type": " ",
        ],
        [
          "Entry No.": "2", "Item No.": "1000", "Posting Date": "2025-01-20",
          "Item Ledger Entry Type": "Negative Adjmt.",
          "Document No.": "ADJ-1", "Location Code": "BLUE", "Inventory Posting Group": "RESALE",
          "Item Ledger Entry No.": "2", "Valued Quantity": "-2", "Item Ledger Entry Quantity": "-2",
          "Invoiced Quantity": "-2", "Cost per Unit": "7.12345", "Source Type": " ",
          "Cost Amount (Actual)": "-14.25",
          "Gen. Prod. Posting Group": "RETAIL", "Document Type": " ", "Inventoriable": "true",
          "Valuation Date": "2025-01-10", "Entry Type": "Direct Cost", "Variance Type": " ",
          "Order Type": " ",
          "Variant Code": "RED", "Sales Amount (Actual)": "0",
        ],
        [
          // A capacity entry: Item Ledger Entry Type blank (ordinal 7), Item Ledger Entry No. 0.
          "Entry No.": "3", "Item No.": "1000", "Posting Date": "2025-01-25", "Item Ledger Entry Type": " ",
          "Document No.": "PO-1", "Description": "Labour & <setup>", "Item Ledger Entry No.": "0",
          "Valued Quantity": "2", "Cost per Unit": "15", "Source Type": " ", "Cost Amount (Actual)": "30",
          "Gen. Prod. Posting Group": "RETAIL", "Document Type": " ", "Inventoriable": "false",
          "Valuation Date": "", "Entry Type": "Direct Cost", "Variance Type": " ", "Order Type": "Production",
          "Order No.": "PO-1", "Cost Amount (Non-Invtbl.)": "30",
        ],
        [
          "Entry No.": "4", "Item No.": "1000", "Posting Date": "2025-01-25",
          "Item Ledger Entry Type": "Output",
          "Document No.": "PO-1", "Location Code": "BLUE", "Inventory Posting Group": "RESALE",
          "Item Ledger Entry No.": "3", "Valued Quantity": "1", "Item Ledger Entry Quantity": "1",
          "Invoiced Quantity": "1", "Source Type": "Item", "Source No.": "1000",
          "Cost Amount (Actual)": "1.5",
          "Gen. Prod. Posting Group": "RETAIL", "Document Type": " ", "Inventoriable": "true",
          "Valuation Date": "2025-01-25", "Entry Type": "Variance", "Variance Type": "Material",
          "Order Type": "Production",
          "Order No.": "PO-1", "Adjustment": "true",
        ],
        [
          "Entry No.": "5", "Item No.": "1000", "Posting Date": "2025-01-31",
          "Item Ledger Entry Type": "Purchase",
          "Document No.": "PR-1", "Location Code": "BLUE", "Inventory Posting Group": "RESALE",
          "Item Ledger Entry No.": "1", "Valued Quantity": "10", "Source Type": "Vendor", "Source No.": "V1",
          "Cost Amount (Expected)": "5", "Expected Cost Posted to G/L": "5", "Gen. Bus. Posting Group": "EU",
          "Gen. Prod. Posting Group": "RETAIL", "Document Type": "Purchase Receipt", "Expected Cost": "true",
          "Item Charge No.": "FREIGHT", "Inventoriable": "true", "Valuation Date": "2025-01-31",
          "Entry Type": "Revaluation", "Variance Type": " ", "Order Type": " ", "Partial Revaluation": "true",
        ],
      ]),
    BCTableData(
      id: 17,
      records: [
        [
          "Entry No.": "1", "G/L Account No.": "2110", "Posting Date": "2025-01-10",
          "Document Type": "Invoice",
          "Document No.": "PI-1", "Description": "Inventory", "Amount": "71.23", "Source Code": "INVTPCOST",
          "System-Created Entry": "true", "Transaction No.": "1", "External Document No.": "EXT\\1",
        ],
        [
          "Entry No.": "2", "G/L Account No.": "7290", "Posting Date": "2025-01-10",
          "Document Type": "Invoice",
          "Document No.": "PI-1", "Description": "Direct Cost Applied", "Amount": "-71.23",
          "Source Code": "INVTPCOST",
          "System-Created Entry": "true", "Transaction No.": "1",
        ],
        [
          // An entry on a deleted account: G/L Account No. blank.
          "Entry No.": "3", "G/L Account No.": "", "Posting Date": "2025-01-31", "Document Type": " ",
          "Document No.": "GJ-7", "Amount": "0.5", "Source Code": "GENJNL", "Transaction No.": "2",
        ],
        [
          "Entry No.": "4", "G/L Account No.": "2110", "Posting Date": "2025-01-31",
          "Document Type": "Dishonored",
          "Document No.": "GJ-7", "Amount": "-0.5", "Source Code": "GENJNL", "Transaction No.": "2",
        ],
      ]),
    BCTableData(
      id: 45,
      records: [
        [
          "No.": "1", "From Entry No.": "1", "To Entry No.": "2", "Creation Date": "2025-01-31",
          "Source Code": "INVTPCOST",
        ],
        ["No.": "2", "From Entry No.": "3", "To Entry No.": "4", "Source Code": "GENJNL"],
      ]),
    BCTableData(
      id: 5823,
      records: [
        ["G/L Entry No.": "1", "Value Entry No.": "1", "G/L Register No.": "1"],
        ["G/L Entry No.": "2", "Value Entry No.": "1", "G/L Register No.": "1"],
      ]),
    BCTableData(
      id: 87,
      records: [
        [
          "No.": "1", "Ending Date": "2024-12-31", "Starting Date": "2024-01-01", "Table ID": "5802",
          "Register No.": "0",
        ],
        [
          "No.": "2", "Ending Date": "2024-12-31", "Starting Date": "2024-01-01", "Table ID": "21",
          "Register No.": "3",
        ],
        [
          "No.": "3", "Ending Date": "2023-12-31", "Starting Date": "2023-01-01", "Table ID": "17",
          "Register No.": "1",
        ],
      ]),
  ]

  static func table(_ id: Int) -> BCTableData {
    tables.first { $0.id == id } ?? BCTableData(id: id, records: [])
  }

  /// The company with one table's records replaced.
  static func with(_ id: Int, _ records: [BCRecord]) -> [BCTableData] {
    tables.map { $0.id == id ? BCTableData(id: id, records: records) : $0 }
  }

  static let setupJSON =
    #""company":{"name":"Mini Ltd.","currency":"USD"},"setup":{"amountDecimals":2,"expectedCostPostingToGL":true,"#
    + #""automaticCostPosting":false,"allowPostingFrom":"2025-01-01","inventoryPostCostSourceCode":"INVTPCOST"}"#
}

/// The snapshot bc-import.md §3, §6 and §9 say an export of `tables` imports as: the snapshot
/// fields of each table, enumerations as captions (the blank value `""`), production orders of
/// status Released and Finished only, date compressions of value and G/L entries only.
enum ExpectedSnapshot {
  static let arrays: [(Int, String)] = [
    (15, "glAccounts"), (14, "locations"), (27, "items"), (5813, "inventoryPostingSetup"),
    (252, "generalPostingSetup"), (50, "accountingPeriods"), (5405, "productionOrders"),
    (32, "itemLedgerEntries"),
    (339, "itemApplicationEntries"), (5802, "valueEntries"), (17, "glEntries"), (45, "glRegisters"),
    (5823, "glItemLedgerRelations"), (87, "dateCompressions"),
  ]

  /// `keepClosing`: whether the format carries the closing-date marker.
  static func json(_ tables: [BCTableData], setup: String = MiniCompany.setupJSON, keepClosing: Bool = true)
    -> String
  {
    var members = [#""format":"reconbench.snapshot","version":1"#, setup]
    for (id, name) in arrays {
      guard let table = tables.first(where: { $0.id == id }) else { continue }
      var objects: [String] = []
      for record in sortedByKey(table) {
        if id == 5405, !["Released", "Finished"].contains(record["Status"] ?? "") { continue }
        if id == 87, !["5802", "17"].contains(record["Table ID"] ?? "") { continue }
        var pairs: [String] = []
        for field in table.spec.fields where field.snapshot != "(key only)" {
          let raw = table.value(record, field)
          let value: String
          switch field.kind {
          case .integer, .relation:
            if id == 87 && field.id == 11 {
              value = raw == "5802" ? #""Value Entry""# : #""G/L Entry""#
            } else {
              value = raw
            }
          case .decimal: value = raw
          case .boolean: value = raw
          case .date:
            if raw.isEmpty { continue }
            value = "\"" + (keepClosing || !raw.hasPrefix("C") ? raw : String(raw.dropFirst())) + "\""
          case .enumeration, .text:
            value = JSONText.quoted(raw == " " && field.kind.isEnumeration ? "" : raw)
          }
          pairs.append("\"\(field.snapshot)\":\(value)")
        }
        objects.append("{" + pairs.joined(separator: ",") + "}")
      }
      members.append("\"\(name)\":[" + objects.joined(separator: ",") + "]")
    }
    return "{" + members.joined(separator: ",\n") + "}"
  }

  /// §9.5: records in primary-key order — numbers as numbers, codes by their bytes, dates as
  /// text, enumerations by ordinal.
  static func sortedByKey(_ table: BCTableData) -> [BCRecord] {
    let keyFields = table.spec.keyNames.compactMap { table.spec.field($0) }
    func less(_ a: BCRecord, _ b: BCRecord) -> Bool {
      for field in keyFields {
        let x = table.value(a, field), y = table.value(b, field)
        if x == y { continue }
        switch field.kind {
        case .integer, .relation: return (Int(x) ?? 0) < (Int(y) ?? 0)
        case .enumeration(let name): return (Spec.ordinal(name, x) ?? 0) < (Spec.ordinal(name, y) ?? 0)
        default: return Array(x.utf8).lexicographicallyPrecedes(Array(y.utf8))
        }
      }
      return false
    }
    return table.records.sorted(by: less)
  }

  /// The canonical bytes of that snapshot, as the snapshot writer puts them.
  static func canonical(_ json: String) throws -> String {
    String(
      decoding: SnapshotStore.encode(try SnapshotStore.decode(Array(json.utf8), name: "expected.json")),
      as: UTF8.self)
  }
}

extension SpecField.Kind {
  var isEnumeration: Bool {
    if case .enumeration = self { return true }
    return false
  }
}

/// The snapshot writer's bytes for an imported ledger.
func canonical(_ ledger: Ledger) -> String {
  String(decoding: SnapshotStore.encode(ledger), as: UTF8.self)
}

/// The first line where two texts differ, for readable failures.
func firstDifference(_ actual: String, _ expected: String) -> String? {
  let a = actual.components(separatedBy: "\n"), e = expected.components(separatedBy: "\n")
  for index in 0..<max(a.count, e.count) {
    let left = index < a.count ? a[index] : "<none>", right = index < e.count ? e[index] : "<none>"
    if left != right { return "line \(index + 1):\n  imported: \(left)\n  expected: \(right)" }
  }
  return nil
}
