/// Resolves an account type for a value entry through the posting setups the way SetAccNo and
/// CheckAccNo in codeunit 5802 "Inventory Posting To G/L" do, with what BC does when it cannot.
struct AccountResolver {
  /// What stands between an account type and a usable account.
  enum Problem: Error, Equatable {
    /// The account stays blank: the entry is skipped.
    case skip(InventoryCostPosting.SkipReason)
    /// An error while buffering: the run stops.
    case stop(InventoryCostPosting.StopReason)
    /// The account is found, but Gen. Jnl.-Post Line refuses it when the G/L entry is made.
    case stopWhenPosted(InventoryCostPosting.StopReason, account: StringID)
  }

  private let ledger: Ledger
  /// A setup row's key: two codes (location + group, or business + product group).
  struct PairKey: Hashable {
    var first: UInt32
    var second: UInt32
  }
  private var inventorySetup: [PairKey: Int] = [:]
  private var generalSetup: [PairKey: Int] = [:]
  private var accountRows: [UInt32: Int] = [:]
  private var itemGroups: [UInt32: UInt32] = [:]
  private let itemSource: StringID?
  // The value entry columns the resolution reads, taken out once: resolving runs for every
  // posted line of every entry, and going through the table each time costs a reference count
  // per column array.
  private let locationCodes: [UInt32]
  private let inventoryPostingGroups: [UInt32]
  private let sourceTypes: [UInt32]
  private let sourceNos: [UInt32]
  private let itemNos: [UInt32]
  private let genBusPostingGroups: [UInt32]
  private let genProdPostingGroups: [UInt32]

  init(_ ledger: Ledger) {
    self.ledger = ledger
    let ips = Columns.inventoryPostingSetup, gps = Columns.generalPostingSetup
    for row in ledger.inventoryPostingSetup.indices {
      inventorySetup[
        PairKey(
          first: ledger.inventoryPostingSetup[ips.locationCode, row].raw,
          second: ledger.inventoryPostingSetup[ips.inventoryPostingGroup, row].raw)] = row
    }
    for row in ledger.generalPostingSetup.indices {
      generalSetup[
        PairKey(
          first: ledger.generalPostingSetup[gps.genBusPostingGroup, row].raw,
          second: ledger.generalPostingSetup[gps.genProdPostingGroup, row].raw)] = row
    }
    for row in ledger.glAccounts.indices {
      accountRows[ledger.glAccounts[Columns.glAccount.no, row].raw] = row
    }
    for row in ledger.items.indices {
      itemGroups[ledger.items[Columns.item.no, row].raw] =
        ledger.items[Columns.item.inventoryPostingGroup, row].raw
    }
    itemSource = ledger.strings.lookup("Item")
    let ve = Columns.valueEntry, entries = ledger.valueEntries
    locationCodes = entries.ids(ve.locationCode)
    inventoryPostingGroups = entries.ids(ve.inventoryPostingGroup)
    sourceTypes = entries.ids(ve.sourceType)
    sourceNos = entries.ids(ve.sourceNo)
    itemNos = entries.ids(ve.itemNo)
    genBusPostingGroups = entries.ids(ve.genBusPostingGroup)
    genProdPostingGroups = entries.ids(ve.genProdPostingGroup)
  }

  /// The Inventory Posting Group of a buffer line (GetInvPostingGroupCode): on the WIP line of an
  /// entry whose Source Type is Item and whose Source No. is another item that exists — a
  /// component's consumption, source = the produced item — that item's group; else the value
  /// entry's own.
  func inventoryPostingGroup(_ type: InventoryAccountType, valueEntryRow row: Int) -> StringID {
    let own = StringID(raw: inventoryPostingGroups[row])
    guard type == .wipInventory, let itemSource, sourceTypes[row] == itemSource.raw else { return own }
    let source = sourceNos[row]
    guard source != itemNos[row], let group = itemGroups[source] else { return own }
    return StringID(raw: group)
  }

  /// The two codes the type's setup row is found by for this entry (location and inventory
  /// posting group, or business and product posting group; none for a type without a setup
  /// column): `namedAccount` depends on nothing else, which lets the explanation memoize it.
  func setupCodes(_ type: InventoryAccountType, valueEntryRow row: Int) -> (UInt32, UInt32) {
    if type.inventorySetupColumn != nil {
      return (locationCodes[row], inventoryPostingGroup(type, valueEntryRow: row).raw)
    }
    if type.generalSetupColumn != nil { return (genBusPostingGroups[row], genProdPostingGroups[row]) }
    return (0, 0)
  }

  /// The account the setup names for the type, usable or not (blank when none is named):
  /// where a posted line of the entry is expected to be found.
  func namedAccount(_ type: InventoryAccountType, valueEntryRow row: Int) -> StringID {
    switch account(type, valueEntryRow: row) {
    case .success(let account), .failure(.stopWhenPosted(_, let account)): return account
    case .failure: return .blank
    }
  }

  func account(_ type: InventoryAccountType, valueEntryRow row: Int) -> Result<StringID, Problem> {
    let account: StringID
    if let column = type.inventorySetupColumn {
      let group = inventoryPostingGroup(type, valueEntryRow: row)
      let location = StringID(raw: locationCodes[row])
      guard let setupRow = inventorySetup[PairKey(first: location.raw, second: group.raw)] else {
        return .failure(
          .skip(.missingSetup("location \"\(ledger.string(location))\", group \"\(ledger.string(group))\"")))
      }
      account = ledger.inventoryPostingSetup[column, setupRow]
    } else if let column = type.generalSetupColumn {
      let business = StringID(raw: genBusPostingGroups[row])
      let product = StringID(raw: genProdPostingGroups[row])
      // The key's text only when a message needs it: this runs for every line of every entry.
      func key() -> String { "\"\(ledger.string(business))\" / \"\(ledger.string(product))\"" }
      guard let setupRow = generalSetup[PairKey(first: business.raw, second: product.raw)] else {
        return .failure(.skip(.missingSetup(key())))
      }
      if ledger.generalPostingSetup[Columns.generalPostingSetup.blocked, setupRow] {
        return .failure(.stop(.blockedSetup(key())))
      }
      account = ledger.generalPostingSetup[column, setupRow]
    } else {
      return .failure(.skip(.blankAccount(type.caption + " Account")))
    }
    // CheckAccNo: a blank account stays blank; Get must find it; a blocked one is blanked.
    if account.isBlank { return .failure(.skip(.blankAccount(type.caption + " Account"))) }
    guard let accountRow = accountRows[account.raw] else {
      return .failure(.stop(.missingAccount(ledger.string(account))))
    }
    if ledger.glAccounts[Columns.glAccount.blocked, accountRow] {
      return .failure(.skip(.blockedAccount(ledger.string(account))))
    }
    if ledger.glAccounts[Columns.glAccount.accountType, accountRow] != .posting {
      return .failure(.stopWhenPosted(.notPostingAccount(ledger.string(account)), account: account))
    }
    return .success(account)
  }
}
