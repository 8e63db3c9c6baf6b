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

  @OptionGroup var cacheOptions: CacheOptions

  func run() throws {
    if printKeys {
      FileHandleOutput.standardOutput(KeyRegistry.markdown)
      return
    }
    let input = WorkbenchInput(
      path: snapshot, options: BCImport.Options(company: company, dropDangling: dropDangling),
      cache: cacheOptions.cache)
    if let path = snapshot, !FilePaths.exists(path) {
      // Said before the screen is taken: nothing to show a progress line for. A bare word is
      // more likely a mistyped subcommand than a missing file.
      if !path.contains("/") && !path.contains(".") {
        let names = ReconBench.configuration.subcommands.map { $0._commandName }.filter {
          !$0.hasPrefix("bench-")
        }
        FileHandleOutput.standardError(
          "reconbench: unknown subcommand “\(path)” (and no file of that name); subcommands: \(names.joined(separator: ", "))"
        )
        throw ExitCode(2)
      }
      FileHandleOutput.standardError("\(path): no such file or folder")
      throw ExitCode(1)
    }
    // Without a terminal on both sides curses cannot work (and would spin on end of input).
    guard isatty(0) == 1 && isatty(1) == 1 else {
      FileHandleOutput.standardError(
        "reconbench: the workbench needs a terminal; use a subcommand (matrix, drill, explain, report, …) for scripts"
      )
      throw ExitCode(2)
    }
    let requested = theme
    let mouse = !noMouse
    try MainActor.assumeIsolated {
      try WorkbenchLoop.run(input: input, theme: requested, mouse: mouse)
    }
  }
}

@MainActor
enum WorkbenchLoop {
  static func run(input: WorkbenchInput, theme requested: String?, mouse: Bool) throws {
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
    var (loadedTheme, themeWarning) = ThemeLibrary.load(
      requested ?? (terminal.colours == 0 ? "mono" : nil), configFolder: configFolder())
    if terminal.colours == 0 && requested == nil { loadedTheme = ThemeLibrary.builtIn["mono"] ?? loadedTheme }
    terminal.apply(loadedTheme.resolve(colours: terminal.colours))

    // Opening a large file takes seconds: a progress line shows from the first moment.
    let opened: WorkbenchInput.Opened
    switch open(input, terminal: terminal, backdrop: nil) {
    case .stopped:
      terminal.close()
      closed = true
      throw ExitCode(130)
    case .done(.failure(let failure)):
      terminal.close()
      closed = true
      FileHandleOutput.standardError(failure.lines.joined(separator: "\n"))
      throw ExitCode(1)
    case .done(.success(let value)):
      opened = value
    }
    var state: AppState
    do {
      state = try AppState(
        ledger: opened.ledger, snapshotName: input.displayName,
        snapshotPath: opened.isImport ? nil : input.path,
        themeNames: ThemeLibrary.builtInNames, mouseEnabled: mouse, today: today())
    } catch {
      terminal.close()
      closed = true
      FileHandleOutput.standardError("reconbench: \(error.description)")
      throw ExitCode(1)
    }
    if opened.isImport {
      state.importSource = input.path
      state.importWarnings = opened.warnings.map(\.description)
      if !opened.warnings.isEmpty { _ = Reducer.run(.importWarnings, &state) }
      state.say(input.importMessage(opened))
    }
    state.asciiOnly = !terminal.isUTF8
    state.themeName = loadedTheme.name
    if let themeWarning { state.say(themeWarning, error: true) }
    if state.asciiOnly {
      state.say("The locale is not UTF-8: using ASCII glyphs (set LANG=C.UTF-8 for the full display)")
    }
    var quit = false
    eventLoop: while terminationSignal.load(ordering: .relaxed) == 0 && !quit {
      let (width, height) = terminal.size
      if width != state.width || height != state.height {
        _ = Reducer.update(&state, .resize(width: width, height: height))
      }
      terminal.present(Render.frame(state))
      // What else is already waiting (typing ahead, a paste the terminal did not bracket) is
      // handled before the next frame: one frame per batch, not per character.
      var events = [terminal.nextEvent()]
      terminal.setTimeout(milliseconds: 0)
      while events.count < 512 {
        let more = terminal.nextEvent()
        if more == .tick { break }
        events.append(more)
      }
      terminal.setTimeout(milliseconds: 200)
      for event in events {
        if terminationSignal.load(ordering: .relaxed) != 0 || quit { break eventLoop }
        for effect in Reducer.update(&state, event) {
          switch effect {
          case .quit: quit = true
          case .writeFile(let path, let contents, let rows, let overwrite):
            if FilePaths.isFolder(path) {
              Reducer.finished(
                .exportFailed(message: "Cannot write \(path): it is a folder; give a file name"), &state)
              continue
            }
            if !overwrite && FilePaths.exists(path) {
              Reducer.finished(.exportWouldOverwrite(path: path), &state)
              continue
            }
            do {
              try TextFileWriter.write(contents, to: path)
              Reducer.finished(.exported(shown: FilePaths.absolute(path), rows: rows), &state)
            } catch {
              Reducer.finished(.exportFailed(message: error.description), &state)
            }
          case .save(let path, let overwrite):
            if !overwrite && FilePaths.exists(path) && !FilePaths.isFolder(path) {
              Reducer.finished(.saveWouldOverwrite(path: path), &state)
              continue
            }
            do {
              try SnapshotStore.save(state.ledger, to: path, cache: input.cache)
              Reducer.finished(.saved(path: path, shown: FilePaths.absolute(path)), &state)
            } catch {
              Reducer.finished(.saveFailed(path: path, message: error.lines.first ?? "cannot save"), &state)
            }
          case .reload(let path):
            // The old message ("Saved …") goes at once; the progress line takes the status line.
            state.message = nil
            let source = WorkbenchInput(path: path, options: input.options, cache: input.cache)
            switch open(source, terminal: terminal, backdrop: Render.frame(state)) {
            case .stopped:
              state.say("Reload stopped; the ledger on screen is unchanged")
            case .done(.failure(let failure)):
              state.say(failure.lines.first ?? "cannot reload", error: true)
            case .done(.success(let again)):
              do {
                try state.replaceLedger(again.ledger)
                state.dirty = false
                state.stack.removeAll()
                if again.isImport {
                  state.importWarnings = again.warnings.map(\.description)
                  state.say(source.importMessage(again))
                } else {
                  state.say("Reloaded \(path)")
                }
              } catch {
                state.say(error.description, error: true)
              }
            }
          case .applyTheme(let name):
            let (next, problem) = ThemeLibrary.load(name, configFolder: configFolder())
            terminal.apply(next.resolve(colours: terminal.colours))
            if let problem { state.say(problem, error: true) }
          case .setMouse(let on):
            terminal.setMouse(on)
          case .explain:
            let ledger = state.ledger
            let filters = state.filters
            let outcome = LongStep.run(
              "Explaining the differences of \(ledger.valueEntries.count) value entries", terminal: terminal,
              backdrop: Render.frame(state), title: "reconbench"
            ) { () -> Result<Explanation, ReconciliationError> in
              Result { () throws(ReconciliationError) in try Explanation(ledger, filters: filters) }
            }
            switch outcome {
            case .stopped: Reducer.finished(.stopped(what: "The explanation"), &state)
            case .done(.success(let explanation)): Reducer.finished(.explained(explanation), &state)
            case .done(.failure(let error)):
              Reducer.finished(.explainFailed(message: error.description), &state)
            }
          }
        }
      }
    }
    let received = terminationSignal.load(ordering: .relaxed)
    if received != 0 {
      // Ended by a signal: restore the terminal, and let the exit status say why.
      terminal.close()
      closed = true
      throw ExitCode(128 + received)
    }
  }

  /// Opens a snapshot or an export on another thread, with a progress line over `backdrop`.
  static func open(_ input: WorkbenchInput, terminal: CursesTerminal, backdrop: ScreenBuffer?)
    -> LongStep.Outcome<Result<WorkbenchInput.Opened, WorkbenchInput.Failure>>
  {
    let progress = ByteProgress(total: input.path.map(ByteProgress.size(of:)) ?? 0)
    var watched = input
    watched.options.progress = progress
    let what = input.path == nil ? "Building the sample company" : "Opening \(input.displayName)"
    return LongStep.run(
      what, terminal: terminal, backdrop: backdrop, title: "reconbench",
      progress: input.path == nil ? nil : progress
    ) { [watched] in
      Result { () throws(WorkbenchInput.Failure) in try watched.open(progress: progress) }
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
