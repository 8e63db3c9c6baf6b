// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "ReconBench",
  products: [
    .executable(name: "reconbench", targets: ["reconbench"]),
    .library(name: "ReconEngine", targets: ["ReconEngine"]),
  ],
  dependencies: [
    // Command-line parsing for the headless subcommands (help, usage errors, exit code 2).
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
  ],
  targets: [
    // C surface of ncursesw: headers and inline shims only.
    .systemLibrary(
      name: "CNcursesw",
      providers: [.apt(["libncursesw5-dev"]), .yum(["ncurses-devel"]), .brew(["ncurses"])]
    ),
    // Pure domain: model, exact decimals, snapshot I/O, generator. Foundation only.
    .target(name: "ReconEngine"),
    // Screens over an abstract terminal. No C import.
    .target(name: "ReconTUI", dependencies: ["ReconEngine"]),
    // The one module that imports CNcursesw.
    .target(name: "ReconCurses", dependencies: ["ReconTUI", "CNcursesw"]),
    .executableTarget(
      name: "reconbench",
      dependencies: [
        "ReconEngine", "ReconTUI", "ReconCurses",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // Fixtures are read from the source tree by path (the worked examples of examples.md).
    .testTarget(name: "ReconEngineTests", dependencies: ["ReconEngine"], exclude: ["Fixtures"]),
    // The workbench's reducer and renderer, on cell buffers: no terminal needed.
    .testTarget(name: "ReconTUITests", dependencies: ["ReconTUI"]),
    // The curses backend against a headless terminal (newterm on /dev/null).
    .testTarget(name: "ReconCursesTests", dependencies: ["ReconCurses"]),
    // Runs the built `reconbench` binary: exit codes, standard output and error, files.
    .testTarget(name: "ReconBenchCLITests"),
  ],
  swiftLanguageModes: [.v6]
)
