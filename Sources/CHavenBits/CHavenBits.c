#include "CHavenBits.h"

/// The loop both builds share; `words` is 16 for Haven's 1,024-bit filters, which the compiler
/// unrolls when it sees it constant.
#define DICE_LOOP(WORDS)                                                                          \
    size_t n = 0;                                                                                 \
    for (size_t j = 0; j < count; j++) {                                                          \
        const uint64_t *b = filters + j * (WORDS);                                                \
        int32_t s = 0;                                                                            \
        for (size_t w = 0; w < (WORDS); w++) s += __builtin_popcountll(probe[w] & b[w]);          \
        int32_t total = probe_count + counts[j];                                                  \
        if (total > 0 && 2.0 * (double)s >= threshold * (double)total) {                          \
            found[n] = (int32_t)j;                                                                \
            shared[n] = s;                                                                        \
            n++;                                                                                  \
        }                                                                                         \
    }                                                                                             \
    return n;

static size_t dice_portable(const uint64_t *probe, int32_t probe_count, const uint64_t *filters, const int32_t *counts,
                            size_t count, size_t words, double threshold, int32_t *found, int32_t *shared) {
    if (words == 16) { DICE_LOOP(16) }
    DICE_LOOP(words)
}

#if defined(__x86_64__)
__attribute__((target("popcnt")))
static size_t dice_popcnt(const uint64_t *probe, int32_t probe_count, const uint64_t *filters, const int32_t *counts,
                          size_t count, size_t words, double threshold, int32_t *found, int32_t *shared) {
    if (words == 16) { DICE_LOOP(16) }
    DICE_LOOP(words)
}

int haven_hardware_popcount(void) {
    static int supported = -1;
    if (supported < 0) {
        __builtin_cpu_init();
        supported = __builtin_cpu_supports("popcnt") ? 1 : 0;
    }
    return supported;
}

size_t haven_dice_candidates(const uint64_t *probe, int32_t probe_count, const uint64_t *filters, const int32_t *counts,
                             size_t count, size_t words, double threshold, int32_t *found, int32_t *shared) {
    return haven_hardware_popcount() ? dice_popcnt(probe, probe_count, filters, counts, count, words, threshold, found, shared)
                                     : dice_portable(probe, probe_count, filters, counts, count, words, threshold, found, shared);
}
#else
/// Elsewhere (arm64) the portable build already counts bits in one instruction.
int haven_hardware_popcount(void) { return 1; }

size_t haven_dice_candidates(const uint64_t *probe, int32_t probe_count, const uint64_t *filters, const int32_t *counts,
                             size_t count, size_t words, double threshold, int32_t *found, int32_t *shared) {
    return dice_portable(probe, probe_count, filters, counts, count, words, threshold, found, shared);
}
#endif
