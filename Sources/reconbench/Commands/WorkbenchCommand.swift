import ArgumentParser
import Foundation
import ReconCurses
import ReconEngine
import ReconTUI
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// Set by SIGTERM, SIGHUP and SIGINT; the run loop checks it and leaves curses cleanly.
let terminationSignal = Atomic<Int32>(0)

struct WorkbenchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "workbench", abstract: "Open the interactive workbench (the default).")

  @Argument(
    help: """
      Snapshot file, Business Central configuration package (.rapidstart) or folder of per-table \
      CSV files to open; omitted = the bundled sample company. An export is imported in memory.
      """)
  var snapshot: String?

  @Option(help: "With an export holding several companies: the company to open.")
  var company: String?

  @Flag(
    name: .customLong("drop-dangling"),
    help: "With an export: drop references to entries it does not hold, with a warning per kind.")
  var dropDangling = false

  @Option(help: "Theme name (default, light, high-contrast, mono) or a theme file.")
  var theme: String?

  @Flag(name: .customLong("no-mouse"), help: "Do not capture the mouse.")
  var noMouse = false

  @Flag(name: .customLong("keys"), help: "Print the key bindings as Markdown and exit.")
  var printKeys = false

  func run() throws {
    if printKeys {
      FileHandleOutput.standardOutput(KeyRegistry.markdown)
      return
    }
    let input = WorkbenchInput(
      path: snapshot, options: BCImport.Options(company: company, dropDangling: dropDangling))
    let opened: WorkbenchInput.Opened
    do {
      opened = try input.open()
    } catch {
      FileHandleOutput.standardError(error.lines.joined(separator: "\n"))
      throw ExitCode(1)
    }
    let requested = theme
    let mouse = !noMouse
    try MainActor.assumeIsolated {
      try WorkbenchLoop.run(opened, input: input, theme: requested, mouse: mouse)
    }
  }
}

@MainActor
enum WorkbenchLoop {
  static func run(
    _ opened: WorkbenchInput.Opened, input: WorkbenchInput, theme requested: String?, mouse: Bool
  )
    throws
  {
    var state: AppState
    do {
      state = try AppState(
        ledger: opened.ledger, snapshotName: input.displayName,
        snapshotPath: opened.isImport ? nil : input.path,
        themeNames: ThemeLibrary.builtInNames, mouseEnabled: mouse, today: today())
    } catch {
      FileHandleOutput.standardError("reconbench: \(error.description)")
      throw ExitCode(1)
    }
    if opened.isImport {
      state.importSource = input.path
      state.importWarnings = opened.warnings.map(\.description)
      if !opened.warnings.isEmpty { _ = Reducer.run(.importWarnings, &state) }
      state.say(input.importMessage(opened))
    }
    let terminal: CursesTerminal
    do {
      terminal = try CursesTerminal(mouse: mouse)
    } catch {
      FileHandleOutput.standardError(error.description)
      throw ExitCode(1)
    }
    var closed = false
    defer { if !closed { terminal.close() } }
    for signalNumber in [SIGTERM, SIGHUP, SIGINT] {
      signal(signalNumber) { received in terminationSignal.store(received, ordering: .relaxed) }
    }
    state.asciiOnly = !terminal.isUTF8
    var (loadedTheme, warning) = ThemeLibrary.load(
      requested ?? (terminal.colours == 0 ? "mono" : nil), configFolder: configFolder())
    if terminal.colours == 0 && requested == nil { loadedTheme = ThemeLibrary.builtIn["mono"] ?? loadedTheme }
    state.themeName = loadedTheme.name
    terminal.apply(loadedTheme.resolve(colours: terminal.colours))
    if let warning { state.say(warning, error: true) }
    if state.asciiOnly {
      state.say("The locale is not UTF-8: using ASCII glyphs (set LANG=C.UTF-8 for the full display)")
    }
    while terminationSignal.load(ordering: .relaxed) == 0 {
      let (width, height) = terminal.size
      if width != state.width || height != state.height {
        _ = Reducer.update(&state, .resize(width: width, height: height))
      }
      terminal.present(Render.frame(state))
      let event = terminal.nextEvent()
      if terminationSignal.load(ordering: .relaxed) != 0 { break }
      var quit = false
      for effect in Reducer.update(&state, event) {
        switch effect {
        case .quit: quit = true
        case .writeFile(let path, let contents, let rows, let overwrite):
          if !overwrite && TextFileWriter.exists(path) {
            Reducer.finished(.exportWouldOverwrite(path: path), &state)
            continue
          }
          do {
            try TextFileWriter.write(contents, to: path)
            Reducer.finished(.exported(shown: TextFileWriter.absolute(path), rows: rows), &state)
          } catch {
            Reducer.finished(.exportFailed(message: error.description), &state)
          }
        case .save(let path):
          do {
            try SnapshotStore.save(state.ledger, to: path)
            Reducer.finished(.saved(path: path, shown: TextFileWriter.absolute(path)), &state)
          } catch {
            Reducer.finished(.saveFailed(path: path, message: error.lines.first ?? "cannot save"), &state)
          }
        case .reload(let path):
          do {
            let source = WorkbenchInput(path: path, options: input.options)
            let again = try source.open()
            try state.replaceLedger(again.ledger)
            state.dirty = false
            state.stack.removeAll()
            if again.isImport {
              state.importWarnings = again.warnings.map(\.description)
              state.say(source.importMessage(again))
            } else {
              state.say("Reloaded \(path)")
            }
          } catch let error as WorkbenchInput.Failure {
            state.say(error.lines.first ?? "cannot reload", error: true)
          } catch {
            state.say("\(error)", error: true)
          }
        case .applyTheme(let name):
          let (next, problem) = ThemeLibrary.load(name, configFolder: configFolder())
          terminal.apply(next.resolve(colours: terminal.colours))
          if let problem { state.say(problem, error: true) }
        case .setMouse(let on):
          terminal.setMouse(on)
        }
      }
      if quit { break }
    }
    let received = terminationSignal.load(ordering: .relaxed)
    if received != 0 {
      // Ended by a signal: restore the terminal, and let the exit status say why.
      terminal.close()
      closed = true
      throw ExitCode(128 + received)
    }
  }

  static func configFolder() -> String? {
    if let xdg = ProcessInfo.processInfo.environment["XDG_CONFIG_HOME"], !xdg.isEmpty {
      return xdg + "/reconbench/themes"
    }
    return ProcessInfo.processInfo.environment["HOME"].map { $0 + "/.config/reconbench/themes" }
  }

  static func today() -> LedgerDate { PostCommand.today() }
}

/// Writes the bundled themes as Themes/*.json (kept identical to the compiled-in ones by a test).
struct ExportThemesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export-themes", abstract: "Write the bundled colour themes as JSON files.")

  @Option(help: "Folder to write into.")
  var outputDirectory: String = "Themes"

  func run() throws {
    for (name, json) in BuiltinThemes.files {
      let path = outputDirectory + "/" + name + ".json"
      try Data((json + "\n").utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
      FileHandleOutput.standardOutput(path)
    }
  }
}
