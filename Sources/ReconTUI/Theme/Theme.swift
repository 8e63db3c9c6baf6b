import Foundation

/// A style as the terminal applies it: colour indices (−1 = the terminal's default) and
/// attributes.
public struct ResolvedStyle: Equatable, Sendable {
  public var foreground: Int = -1
  public var background: Int = -1
  public var bold = false
  public var underline = false
  public var reverse = false
  public var dim = false

  public init() {}
}

/// A colour theme: semantic roles to colours and attributes, read from JSON (tui-guide.md §5).
/// Dotted role names fall back to their parent (`grid.cell.negative` → `grid.cell` → `grid` →
/// `default`); colour values may name a palette entry, a basic colour (`red`, `bright-red`),
/// an index 0–255, `#rrggbb`, `default`, or a fallback chain `214|yellow`.
public struct Theme: Sendable {
  public var name: String
  var palette: [String: String]
  var styles: [String: (fg: String?, bg: String?, attrs: [String])]

  public static let basicColours = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

  public enum LoadError: Error, CustomStringConvertible {
    case unreadable(String, String)
    case invalid(String, String)

    public var description: String {
      switch self {
      case .unreadable(let file, let reason): return "\(file): cannot read the theme: \(reason)"
      case .invalid(let file, let reason): return "\(file): not a valid theme: \(reason)"
      }
    }
  }

  /// Parses a theme file's JSON. `parent` supplies what an `inherits` theme leaves out.
  public static func parse(_ data: Data, file: String, parent: (String) -> Theme? = { _ in nil })
    throws(LoadError) -> Theme
  {
    let object: Any
    do {
      object = try JSONSerialization.jsonObject(with: data)
    } catch {
      throw .invalid(file, "the JSON does not parse (\(error.localizedDescription))")
    }
    guard let root = object as? [String: Any] else { throw .invalid(file, "expected a JSON object") }
    guard let name = root["name"] as? String, !name.isEmpty else {
      throw .invalid(file, "\"name\" is missing")
    }
    var theme = (root["inherits"] as? String).flatMap(parent) ?? Theme(name: name, palette: [:], styles: [:])
    theme.name = name
    if let palette = root["palette"] {
      guard let entries = palette as? [String: String] else {
        throw .invalid(file, "\"palette\" must map names to colours")
      }
      theme.palette.merge(entries) { $1 }
    }
    guard let styles = root["styles"] as? [String: Any] else { throw .invalid(file, "\"styles\" is missing") }
    for (role, value) in styles {
      guard let style = value as? [String: Any] else {
        throw .invalid(file, "style \"\(role)\" must be an object")
      }
      let attrs = style["attrs"] as? [String] ?? []
      for attr in attrs where !["bold", "underline", "reverse", "dim", "italic"].contains(attr) {
        throw .invalid(file, "style \"\(role)\": unknown attribute \"\(attr)\"")
      }
      let fg = style["fg"] as? String
      let bg = style["bg"] as? String
      for colour in [fg, bg].compactMap({ $0 }) where theme.index(of: colour, colours: 256) == nil {
        throw .invalid(file, "style \"\(role)\": unknown colour \"\(colour)\"")
      }
      theme.styles[role] = (fg, bg, attrs)
    }
    return theme
  }

  /// The style of every role for a terminal with `colours` colours (0 = monochrome).
  public func resolve(colours: Int) -> [StyleRole: ResolvedStyle] {
    var result: [StyleRole: ResolvedStyle] = [:]
    for role in StyleRole.allCases {
      var resolved = ResolvedStyle()
      let chain = Theme.fallbackChain(role.rawValue)
      if let style = chain.lazy.compactMap({ self.styles[$0] }).first {
        if colours > 0 {
          resolved.foreground = style.fg.flatMap { index(of: $0, colours: colours) } ?? -1
          resolved.background = style.bg.flatMap { index(of: $0, colours: colours) } ?? -1
        }
        resolved.bold = style.attrs.contains("bold")
        resolved.underline = style.attrs.contains("underline")
        resolved.reverse = style.attrs.contains("reverse")
        resolved.dim = style.attrs.contains("dim")
      }
      // Without colours, selection and status must still stand out.
      if colours == 0 && [.selected, .status, .statusError, .prompt, .filterBar].contains(role) {
        resolved.reverse = true
      }
      result[role] = resolved
    }
    return result
  }

  /// `grid.cell.negative`, `grid.cell`, `grid`, `default`.
  static func fallbackChain(_ name: String) -> [String] {
    var chain: [String] = []
    var parts = name.split(separator: ".").map(String.init)
    while !parts.isEmpty {
      chain.append(parts.joined(separator: "."))
      parts.removeLast()
    }
    if !chain.contains("default") { chain.append("default") }
    return chain
  }

  /// A colour value's index for a terminal with `colours` colours; nil if none of the chain fits.
  func index(of value: String, colours: Int) -> Int? {
    for option in value.split(separator: "|").map({ String($0).trimmingCharacters(in: .whitespaces) }) {
      if let named = palette[option], named != option, let index = index(of: named, colours: colours) {
        return index
      }
      if option == "default" { return -1 }
      if let basic = Theme.basicColours.firstIndex(of: option) { return basic }
      if option.hasPrefix("bright-"),
        let basic = Theme.basicColours.firstIndex(of: String(option.dropFirst(7)))
      {
        if colours >= 16 { return basic + 8 }
        continue
      }
      if let number = Int(option), (0...255).contains(number) {
        if number < colours { return number }
        continue
      }
      if option.hasPrefix("#"), option.count == 7, let rgb = Int(option.dropFirst(), radix: 16) {
        if colours >= 256 { return Theme.nearest256(rgb) }
        continue
      }
    }
    return nil
  }

  /// The xterm-256 cube index nearest to an RGB colour.
  static func nearest256(_ rgb: Int) -> Int {
    let steps = [0, 95, 135, 175, 215, 255]
    func level(_ value: Int) -> Int {
      steps.indices.min { abs(steps[$0] - value) < abs(steps[$1] - value) } ?? 0
    }
    return 16 + 36 * level((rgb >> 16) & 255) + 6 * level((rgb >> 8) & 255) + level(rgb & 255)
  }
}

/// Finding and loading themes: `--theme NAME|PATH`, then `$XDG_CONFIG_HOME/reconbench/themes/`,
/// then the bundled themes compiled into the program.
public enum ThemeLibrary {
  /// The themes shipped with the program, by name.
  public static var builtIn: [String: Theme] {
    var themes: [String: Theme] = [:]
    for (name, json) in BuiltinThemes.files {
      if let theme = try? Theme.parse(Data(json.utf8), file: name + ".json", parent: { themes[$0] }) {
        themes[theme.name] = theme
      }
    }
    return themes
  }

  public static var builtInNames: [String] { BuiltinThemes.files.map(\.name) }

  /// Loads `request` (a name or a path); on failure the default theme and the reason.
  public static func load(_ request: String?, configFolder: String?) -> (Theme, warning: String?) {
    let builtIn = builtIn
    let fallback = builtIn["default"] ?? Theme(name: "default", palette: [:], styles: [:])
    guard let request, !request.isEmpty else { return (fallback, nil) }
    var candidates: [String] = []
    if request.contains("/") || request.hasSuffix(".json") { candidates.append(request) }
    if let configFolder { candidates.append(configFolder + "/" + request + ".json") }
    for path in candidates where FileManager.default.fileExists(atPath: path) {
      guard let data = FileManager.default.contents(atPath: path) else {
        return (
          fallback, Theme.LoadError.unreadable(path, "permission denied").description + "; using default"
        )
      }
      do {
        return (try Theme.parse(data, file: path, parent: { builtIn[$0] }), nil)
      } catch {
        return (fallback, error.description + "; using default")
      }
    }
    if let theme = builtIn[request] { return (theme, nil) }
    return (
      fallback,
      "theme \"\(request)\" not found; using default (themes: \(builtInNames.joined(separator: ", ")))"
    )
  }
}
