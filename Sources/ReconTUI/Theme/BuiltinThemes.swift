/// The bundled themes. `Themes/*.json` in the repository are these files written out
/// (`reconbench export-themes`); a test keeps the two identical.
public enum BuiltinThemes {
  public static let files: [(name: String, json: String)] = [
    ("default", defaultTheme), ("light", light), ("high-contrast", highContrast), ("mono", mono),
  ]

  static let defaultTheme = """
    {
      "name": "default",
      "palette": { "accent": "cyan", "warn": "214|yellow", "bad": "red", "good": "green" },
      "styles": {
        "default":            { "fg": "default", "bg": "default" },
        "title":              { "fg": "accent", "attrs": ["bold"] },
        "filterbar":          { "fg": "black", "bg": "accent" },
        "grid.header":        { "attrs": ["bold", "underline"] },
        "grid.pinned":        { "attrs": ["bold"] },
        "grid.total":         { "attrs": ["bold"] },
        "grid.emphasis":      { "fg": "accent" },
        "grid.cell.negative": { "fg": "bad" },
        "grid.cell.variance": { "fg": "warn", "attrs": ["bold"] },
        "grid.cell.warning":  { "fg": "warn", "attrs": ["bold"] },
        "grid.cell.matched":  { "attrs": ["dim"] },
        "grid.selected":      { "fg": "black", "bg": "accent" },
        "border":             { "fg": "accent" },
        "status":             { "fg": "black", "bg": "white" },
        "status.error":       { "fg": "white", "bg": "bad", "attrs": ["bold"] },
        "prompt":             { "fg": "black", "bg": "warn" },
        "help.key":           { "fg": "accent", "attrs": ["bold"] }
      },
      "glyphs": { "columnSeparator": "│", "ellipsis": "…", "sortAscending": "▲", "sortDescending": "▼", "crumb": "›" }
    }
    """

  static let light = """
    {
      "name": "light",
      "inherits": "default",
      "palette": { "accent": "blue", "warn": "130|magenta", "bad": "red" },
      "styles": {
        "default":            { "fg": "default", "bg": "default" },
        "filterbar":          { "fg": "white", "bg": "blue" },
        "grid.selected":      { "fg": "white", "bg": "blue" },
        "status":             { "fg": "white", "bg": "black" },
        "prompt":             { "fg": "white", "bg": "magenta" }
      }
    }
    """

  static let highContrast = """
    {
      "name": "high-contrast",
      "palette": { "accent": "bright-yellow|yellow", "bad": "bright-red|red" },
      "styles": {
        "default":            { "fg": "bright-white|white", "bg": "black" },
        "title":              { "fg": "accent", "attrs": ["bold"] },
        "filterbar":          { "fg": "black", "bg": "accent", "attrs": ["bold"] },
        "grid.header":        { "fg": "accent", "attrs": ["bold", "underline"] },
        "grid.pinned":        { "attrs": ["bold"] },
        "grid.total":         { "attrs": ["bold", "underline"] },
        "grid.emphasis":      { "attrs": ["bold"] },
        "grid.cell.negative": { "fg": "bad", "attrs": ["bold"] },
        "grid.cell.variance": { "fg": "black", "bg": "accent", "attrs": ["bold"] },
        "grid.cell.warning":  { "fg": "black", "bg": "accent", "attrs": ["bold"] },
        "grid.selected":      { "fg": "black", "bg": "bright-white|white", "attrs": ["bold"] },
        "border":             { "fg": "accent" },
        "status":             { "fg": "black", "bg": "bright-white|white" },
        "status.error":       { "fg": "bright-white|white", "bg": "bad", "attrs": ["bold"] },
        "prompt":             { "fg": "black", "bg": "accent" },
        "help.key":           { "fg": "accent", "attrs": ["bold"] }
      }
    }
    """

  static let mono = """
    {
      "name": "mono",
      "styles": {
        "default":            {},
        "title":              { "attrs": ["bold"] },
        "filterbar":          { "attrs": ["reverse"] },
        "grid.header":        { "attrs": ["bold", "underline"] },
        "grid.pinned":        { "attrs": ["bold"] },
        "grid.total":         { "attrs": ["bold"] },
        "grid.cell.variance": { "attrs": ["bold", "underline"] },
        "grid.cell.warning":  { "attrs": ["bold"] },
        "grid.cell.matched":  { "attrs": ["dim"] },
        "grid.selected":      { "attrs": ["reverse"] },
        "status":             { "attrs": ["reverse"] },
        "status.error":       { "attrs": ["reverse", "bold"] },
        "prompt":             { "attrs": ["reverse"] },
        "help.key":           { "attrs": ["bold"] }
      }
    }
    """
}
