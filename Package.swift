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
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    // SHA-256 of the evidence pack's files and snapshot (the manifest and `evidence --verify`).
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
  ],
  targets: [
    // C surface of ncursesw: headers and inline shims only.
    .systemLibrary(
      name: "CNcursesw",
      providers: [.apt(["libncursesw5-dev"]), .yum(["ncurses-devel"]), .brew(["ncurses"])]
    ),
    // zlib (Debian's zlib1g-dev): the GZip inside a RapidStart configuration package.
    .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"]), .yum(["zlib-devel"]), .brew(["zlib"])]),
    // glibc's mallopt (a header-only shim): the import keeps large blocks out of the per-thread
    // heaps, so its peak memory stays what it holds.
    .systemLibrary(name: "CMalloc"),
    // Pure domain: model, exact decimals, snapshot I/O, import, generator. Foundation and zlib.
    .target(name: "ReconEngine", dependencies: ["CZlib", "CMalloc"]),
    // Screens over an abstract terminal. No C import.
    .target(name: "ReconTUI", dependencies: ["ReconEngine"]),
    // The one module that imports CNcursesw.
    .target(name: "ReconCurses", dependencies: ["ReconTUI", "CNcursesw"]),
    .executableTarget(
      name: "reconbench",
      dependencies: [
        "ReconEngine", "ReconTUI", "ReconCurses",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Crypto", package: "swift-crypto"),
      ]
    ),
    // Fixtures are read from the source tree by path (the worked examples of examples.md).
    // zlib too: the import tests compress the packages they write by hand.
    .testTarget(name: "ReconEngineTests", dependencies: ["ReconEngine", "CZlib"], exclude: ["Fixtures"]),
    // The workbench's reducer and renderer, on cell buffers: no terminal needed.
    .testTarget(name: "ReconTUITests", dependencies: ["ReconTUI"]),
    // The curses backend against a headless terminal (newterm on /dev/null).
    .testTarget(name: "ReconCursesTests", dependencies: ["ReconCurses"]),
    // Runs the built `reconbench` binary: exit codes, standard output and error, files.
    .testTarget(name: "ReconBenchCLITests", exclude: ["JobsGolden"]),
  ],
  swiftLanguageModes: [.v6]
)
