#ifndef CHAVENBITS_H
#define CHAVENBITS_H

#include <stddef.h>
#include <stdint.h>

/// The filters among `count` (each `words` 64-bit words, laid end to end in `filters`, with
/// `counts[j]` bits set) whose Dice coefficient with `probe` (`probe_count` bits set) is at
/// least `threshold`: their indexes and shared bits are written to `found` and `shared` (room
/// for `count` each), and their number returned. Uses the processor's bit-count instruction
/// where it has one (checked once at run time), which Swift's portable build of
/// `nonzeroBitCount` cannot assume on x86-64.
size_t haven_dice_candidates(const uint64_t *probe, int32_t probe_count, const uint64_t *filters, const int32_t *counts,
                             size_t count, size_t words, double threshold, int32_t *found, int32_t *shared);

/// Whether the bit-count instruction is used (for the benchmark's report).
int haven_hardware_popcount(void);

#endif
