/// The chart of accounts, locations, items and posting setups of the synthetic company.
extension LedgerGenerator {
  /// Inventory posting groups with their general product posting group and inventory accounts.
  static let postingGroups: [(group: String, genProd: String, inventory: String, interim: String)] = [
    ("RESALE", "RETAIL", "2110", "2111"),
    ("RAW", "RAWMAT", "2120", "2121"),
    ("FINISHED", "MANUF", "2130", "2131"),
  ]
  static let locationCodes = [("BLUE", "Blue Warehouse"), ("RED", "Red Warehouse"), ("GREEN", "Green Depot")]
  static let businessGroups = ["DOMESTIC", "EU", ""]

  static let accounts: [(no: String, name: String, balance: Bool)] = [
    ("2110", "Inventory, Resale Items", true), ("2111", "Inventory, Resale (Interim)", true),
    ("2120", "Inventory, Raw Materials", true), ("2121", "Inventory, Raw Mat. (Interim)", true),
    ("2130", "Inventory, Finished Goods", true), ("2131", "Inventory, Finished (Interim)", true),
    ("2140", "WIP Account, Finished Goods", true), ("5530", "Invt. Accrual (Interim)", true),
    ("7270", "Inventory Adjustment", false), ("7280", "COGS (Interim)", false),
    ("7290", "Cost of Goods Sold", false), ("7291", "Direct Cost Applied", false),
    ("7292", "Overhead Applied", false), ("7293", "Purchase Variance", false),
    ("7891", "Material Variance", false), ("7892", "Capacity Variance", false),
    ("7893", "Subcontracted Variance", false), ("7894", "Cap. Overhead Variance", false),
    ("7895", "Mfg. Overhead Variance", false), ("8640", "Miscellaneous Expenses", false),
  ]

  static let adjectives = [
    "Oak", "Steel", "Walnut", "Linen", "Ceramic", "Copper", "Maple", "Granite", "Velvet", "Bamboo",
    "Chrome", "Birch", "Marble", "Cotton", "Brass", "Teak",
  ]
  static let nouns = [
    "Desk", "Chair", "Lamp", "Shelf", "Cabinet", "Table", "Stool", "Bench", "Frame", "Drawer", "Panel",
    "Bracket", "Hinge", "Leg", "Top", "Screw Set",
  ]

  mutating func makeMasterData() {
    let a = Columns.glAccount
    for account in Self.accounts {
      let row = ledger.appendRow(to: \.glAccounts)
      ledger.glAccounts[a.no, row] = ledger.strings.intern(account.no)
      ledger.glAccounts[a.name, row] = ledger.strings.intern(account.name)
      ledger.glAccounts[a.incomeBalance, row] = account.balance ? .balanceSheet : .incomeStatement
    }
    let l = Columns.location
    for (code, name) in Self.locationCodes {
      let row = ledger.appendRow(to: \.locations)
      ledger.locations[l.code, row] = ledger.strings.intern(code)
      ledger.locations[l.name, row] = ledger.strings.intern(name)
    }
    let ips = Columns.inventoryPostingSetup
    for location in [""] + Self.locationCodes.map(\.0) {
      for group in Self.postingGroups {
        let row = ledger.appendRow(to: \.inventoryPostingSetup)
        let t = \Ledger.inventoryPostingSetup
        set(t, ips.locationCode, row, location)
        set(t, ips.inventoryPostingGroup, row, group.group)
        set(t, ips.inventoryAccount, row, group.inventory)
        set(t, ips.inventoryAccountInterim, row, group.interim)
        set(t, ips.wipAccount, row, "2140")
        set(t, ips.materialVarianceAccount, row, "7891")
        set(t, ips.capacityVarianceAccount, row, "7892")
        set(t, ips.subcontractedVarianceAccount, row, "7893")
        set(t, ips.capOverheadVarianceAccount, row, "7894")
        set(t, ips.mfgOverheadVarianceAccount, row, "7895")
      }
    }
    let gps = Columns.generalPostingSetup
    for business in Self.businessGroups {
      for group in Self.postingGroups {
        let row = ledger.appendRow(to: \.generalPostingSetup)
        let t = \Ledger.generalPostingSetup
        set(t, gps.genBusPostingGroup, row, business)
        set(t, gps.genProdPostingGroup, row, group.genProd)
        set(t, gps.cogsAccount, row, "7290")
        set(t, gps.cogsAccountInterim, row, "7280")
        set(t, gps.inventoryAdjmtAccount, row, "7270")
        set(t, gps.invtAccrualAccInterim, row, "5530")
        set(t, gps.directCostAppliedAccount, row, "7291")
        set(t, gps.overheadAppliedAccount, row, "7292")
        set(t, gps.purchaseVarianceAccount, row, "7293")
      }
    }
    let p = Columns.accountingPeriod
    for month in 1...12 {
      let row = ledger.appendRow(to: \.accountingPeriods)
      ledger.accountingPeriods[p.startingDate, row] =
        LedgerDate(year: options.year, month: month, day: 1) ?? LedgerTable.noDate
      ledger.accountingPeriods[p.newFiscalYear, row] = month == 1
    }
    makeItems()
  }

  private mutating func makeItems() {
    if let catalog = options.catalog {
      for entry in catalog {
        addItem(
          number: entry.number, description: entry.description, groupIndex: entry.group.rawValue,
          method: entry.method,
          cost: entry.unitCostCents, overhead: entry.overheadRateCents)
      }
      return
    }
    let count = min(max(options.valueEntries / 500, 12), 3000)
    for index in 0..<count {
      // Half resale, a third raw materials, the rest finished goods made from raw materials.
      let groupIndex = index % 6 < 3 ? 0 : (index % 6 < 5 ? 1 : 2)
      let name =
        "\(Self.adjectives[index % Self.adjectives.count]) \(Self.nouns[(index / Self.adjectives.count) % Self.nouns.count])"
      // Finished goods at standard cost; some raw materials too, so purchases show variances.
      let method: CostingMethod =
        groupIndex == 2 || (groupIndex == 1 && index % 18 == 3)
        ? .standard : (random.chance(50) ? .fifo : .average)
      let cost = Int64(random.int(150...45_000))  // cents
      let overhead = groupIndex == 0 && random.chance(30) ? Int64(random.int(10...200)) : 0
      addItem(
        number: String(1000 + index), description: groupIndex == 1 ? name + " Blank" : name,
        groupIndex: groupIndex,
        method: method, cost: cost, overhead: overhead)
    }
  }

  private mutating func addItem(
    number: String, description: String, groupIndex: Int, method: CostingMethod, cost: Int64, overhead: Int64
  ) {
    let c = Columns.item
    let group = Self.postingGroups[groupIndex]
    let row = ledger.appendRow(to: \.items)
    let t = \Ledger.items
    set(t, c.no, row, number)
    set(t, c.description, row, description)
    set(t, c.baseUnitOfMeasure, row, "PCS")
    set(t, c.inventoryPostingGroup, row, group.group)
    set(t, c.genProdPostingGroup, row, group.genProd)
    ledger.items[c.costingMethod, row] = method
    ledger.items[c.unitCost, row] = Self.cents(cost)
    if method == .standard { ledger.items[c.standardCost, row] = Self.cents(cost) }
    ledger.items[c.overheadRate, row] = Self.cents(overhead)
    items.append(
      GeneratedItem(
        number: ledger.strings.intern(number), group: ledger.strings.intern(group.group),
        genProd: ledger.strings.intern(group.genProd), groupIndex: groupIndex, method: method,
        unitCostCents: cost, overheadCents: overhead))
  }

  mutating func set(
    _ table: WritableKeyPath<Ledger, LedgerTable>, _ column: StringColumn, _ row: Int, _ text: String
  ) {
    let id = ledger.strings.intern(text)
    ledger[keyPath: table][column, row] = id
  }

  static func cents(_ value: Int64) -> ExactDecimal { ExactDecimal(units: value * 1000) }
}
