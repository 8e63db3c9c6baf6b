import ArgumentParser
import ReconEngine

#if canImport(Glibc)
  import Glibc
#endif

// Entry point. ArgumentParser exits with 64 on a usage error; cli.md fixes 2, so usage errors are
// caught here and mapped. Errors of the commands themselves already carry their exit code.
do {
  var command = try ReconBench.parseAsRoot()
  try command.run()
  // Cache entries of snapshots read from their JSON are written in the background.
  SnapshotCache.finishWriting()
} catch {
  SnapshotCache.finishWriting()
  let code = ReconBench.exitCode(for: error)
  if code == .validationFailure {
    // One line (cli.md), naming the subcommand the problem belongs to.
    FileHandleOutput.standardError(ReconBench.usageLine(for: error, arguments: CommandLine.arguments))
    exit(2)
  }
  ReconBench.exit(withError: error)
}
