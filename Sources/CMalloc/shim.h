#if defined(__GLIBC__) || defined(__linux__)
#include <malloc.h>
#endif

// Fixes glibc's mmap threshold (which otherwise rises after each large free), so large blocks
// are mapped on their own and given back to the system when freed. Elsewhere: nothing.
static inline void cmalloc_fix_mmap_threshold(int bytes) {
#if defined(M_MMAP_THRESHOLD)
  mallopt(M_MMAP_THRESHOLD, bytes);
#else
  (void)bytes;
#endif
}
