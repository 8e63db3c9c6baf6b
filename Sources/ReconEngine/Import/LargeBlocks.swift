import CMalloc

/// glibc raises its mmap threshold each time a large block is freed, after which large blocks
/// come from the heap arenas — one per reading thread — and memory freed in one is not reused
/// by the other. An import allocates and frees columns of hundreds of megabytes on two threads;
/// a fixed threshold keeps every large block mapped on its own and given back when freed, so
/// the peak stays near what the import holds.
enum LargeBlocks {
  /// Once per process: `mallopt` is not safe to call from two threads at a time.
  private static let fixedThreshold: Void = { cmalloc_fix_mmap_threshold(1 << 20) }()

  static func returnToSystem() { _ = fixedThreshold }
}
