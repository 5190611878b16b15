/* The project's C reference kernel: one synchronous round of the seed's binary majority on the
 * complete graph, written plainly in C99 (libc only), timed beside the engine so that its speed
 * is quoted as a ratio. It does what the engine's round does (src/engine/majority.ts, kernel.ts,
 * sampling.ts, rng.ts), down to the random streams, so its rounds are the engine's rounds:
 *
 *   - opinions 0/1 in a uint8 array, double-buffered (read `cur`, write `nxt`, swap);
 *   - each agent i contacts k = min(fanout, n - 1) distinct peers, never itself, uniformly among
 *     the n - 1 others: `rejection` (draw below(n - 1), shift past i, redraw a repeat) while
 *     k <= 16 and 2k <= n - 1, else a partial Fisher-Yates shuffle of the others, undone after
 *     each agent (the engine's `samplerFor`);
 *   - it adopts the most frequent opinion among [own, peer_1, ..., peer_k]; a tie (k odd) keeps
 *     its own opinion, the first in that list;
 *   - randomness: xoshiro128**, one stream per block of 65536 agents and round, its state
 *     derived from a 128-bit key as the engine's `streamState` does (Purpose.round = 0).
 *
 * Usage:
 *   majority N FANOUT ROUNDS            time ROUNDS rounds (after one untimed warm-up round)
 *                                       from a 70/30 split; prints one line of JSON with the
 *                                       median round's ns_per_agent_round
 *   majority --check                    stdin: cases "n k", n opinions, n x k peers; stdout:
 *                                       each case's next opinions (the rule alone, given peers)
 *   majority --sample N FANOUT ROUNDS K0 K1 K2 K3
 *                                       prints the peers of every agent in rounds 1..ROUNDS
 *                                       under key K0..K3 (one line per agent and round)
 *   majority --run N FANOUT ROUNDS K0 K1 K2 K3
 *                                       stdin: n opinions; runs ROUNDS rounds (the timed
 *                                       round) under key K0..K3; stdout: the opinions after
 *                                       each round, one line per round
 * Bad input: one line on stderr naming the parameter and value, exit status 2. */
#define _POSIX_C_SOURCE 199309L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifndef REFERENCE_CFLAGS
#define REFERENCE_CFLAGS "unknown"
#endif
#ifdef __VERSION__
#define REFERENCE_COMPILER __VERSION__
#else
#define REFERENCE_COMPILER "unknown"
#endif

/* Agents per random stream in a round (the engine's BLOCK_SIZE). */
#define BLOCK_SIZE 65536u
/* The round purpose of the engine's stream layout. */
#define PURPOSE_ROUND 0u
/* Largest k the rejection sampler is used for (the engine's samplerFor). */
#define REJECTION_MAX_K 16u
/* 2^-32, to map a uint32 onto [0, 1). */
#define TWO_POW_M32 2.3283064365386963e-10

/* ---- random streams ---------------------------------------------------------------------- */

static inline uint32_t rotl32(uint32_t x, int r) { return (x << r) | (x >> (32 - r)); }

/* xoshiro128**: advances s and returns the next output. */
static inline uint32_t next_u32(uint32_t s[4]) {
  uint32_t result = rotl32(s[1] * 5u, 7) * 9u;
  uint32_t t = s[1] << 9;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl32(s[3], 11);
  return result;
}

/* The lowbias32 avalanche hash (the engine's mix32). */
static uint32_t mix32(uint32_t x) {
  x ^= x >> 16;
  x *= 0x21f0aaadu;
  x ^= x >> 15;
  x *= 0x735a2d97u;
  x ^= x >> 15;
  return x;
}

/* The state of stream (purpose, round, block) under key, as the engine's streamState. */
static void stream_state(const uint32_t key[4], uint32_t purpose, uint32_t round, uint32_t block, uint32_t s[4]) {
  uint32_t salt = mix32(mix32(mix32(purpose + 0x632be5abu) ^ round) ^ (block * 0x9e3779b9u));
  for (uint32_t i = 0; i < 4; i++) s[i] = mix32(key[i] ^ mix32(salt + (i + 1) * 0x85ebca6bu));
  if ((s[0] | s[1] | s[2] | s[3]) == 0) s[0] = 1;
  for (int i = 0; i < 4; i++) next_u32(s);
}

/* ---- peer sampling ----------------------------------------------------------------------- */

/* The sampler of one trial: k distinct peers of n agents; pool/swaps only for the shuffle. */
typedef struct {
  uint32_t n, k;
  uint32_t *pool;  /* the n - 1 others as 0..n-2 (v >= i stands for v + 1); NULL: rejection */
  uint32_t *swaps; /* swap positions of the shuffle, to undo them */
} sampler_t;

static void *alloc_or_die(size_t bytes) {
  void *p = malloc(bytes == 0 ? 1 : bytes);
  if (p == NULL) {
    fprintf(stderr, "majority: out of memory (%zu bytes)\n", bytes);
    exit(1);
  }
  return p;
}

static sampler_t sampler_new(uint32_t n, uint32_t k) {
  sampler_t sm = {n, k, NULL, NULL};
  if (!(k <= REJECTION_MAX_K && 2u * k <= n - 1)) {
    sm.pool = alloc_or_die(sizeof(uint32_t) * (n - 1));
    sm.swaps = alloc_or_die(sizeof(uint32_t) * k);
    for (uint32_t v = 0; v < n - 1; v++) sm.pool[v] = v;
  }
  return sm;
}

static void sampler_free(sampler_t *sm) {
  free(sm->pool);
  free(sm->swaps);
}

/* Picks the k distinct peers of agent i (never i) into peers[0..k), drawing from s. */
static inline void sample_peers(const sampler_t *sm, uint32_t s[4], uint32_t i, uint32_t *peers) {
  const uint32_t others = sm->n - 1, k = sm->k;
  if (sm->pool == NULL) {
    const double scale = (double)others * TWO_POW_M32;
    for (uint32_t j = 0; j < k; j++) {
      uint32_t p, q;
      do {
        p = (uint32_t)((double)next_u32(s) * scale); /* below(n - 1) */
        p += p >= i;                                  /* skip self */
        for (q = 0; q < j && peers[q] != p; q++) continue;
      } while (q < j); /* a repeat: draw again */
      peers[j] = p;
    }
    return;
  }
  uint32_t *pool = sm->pool, *swaps = sm->swaps;
  for (uint32_t j = 0; j < k; j++) {
    uint32_t pos = j + (uint32_t)((double)next_u32(s) * (double)(others - j) * TWO_POW_M32);
    uint32_t v = pool[pos];
    pool[pos] = pool[j];
    pool[j] = v;
    swaps[j] = pos;
    peers[j] = v >= i ? v + 1 : v;
  }
  for (uint32_t j = k; j-- > 0;) {
    uint32_t pos = swaps[j], v = pool[pos];
    pool[pos] = pool[j];
    pool[j] = v;
  }
}

/* ---- the rule ---------------------------------------------------------------------------- */

/* Agent i's next opinion: the majority of [own, peers...], a tie keeping its own opinion. */
static inline uint8_t next_opinion(const uint8_t *cur, uint32_t i, const uint32_t *peers, uint32_t k) {
  const uint8_t own = cur[i];
  int votes = 2 * own - 1; /* 1 -> +1, 0 -> -1 */
  for (uint32_t j = 0; j < k; j++) votes += 2 * cur[peers[j]] - 1;
  return votes > 0 ? 1 : votes < 0 ? 0 : own;
}

/* One round (1-based `round`) from cur into nxt under key; returns the agents now at 1. */
static uint64_t step_round(const uint8_t *cur, uint8_t *nxt, const sampler_t *sm, const uint32_t key[4], uint32_t round, uint32_t *peers) {
  const uint32_t n = sm->n, k = sm->k;
  uint64_t ones = 0;
  uint32_t s[4];
  for (uint32_t lo = 0; lo < n; lo += BLOCK_SIZE) {
    const uint32_t hi = n - lo < BLOCK_SIZE ? n : lo + BLOCK_SIZE;
    stream_state(key, PURPOSE_ROUND, round, lo / BLOCK_SIZE, s);
    for (uint32_t i = lo; i < hi; i++) {
      sample_peers(sm, s, i, peers);
      const uint8_t v = next_opinion(cur, i, peers, k);
      nxt[i] = v;
      ones += v;
    }
    if (hi == n) break; /* lo + BLOCK_SIZE could wrap past 2^32 */
  }
  return ones;
}

/* ---- input ------------------------------------------------------------------------------- */

static void bad(const char *what, const char *value, const char *expected) {
  fprintf(stderr, "majority: bad %s: %s (expected %s)\n", what, value, expected);
  exit(2);
}

/* A decimal integer in [lo, hi], or exit 2 naming the parameter. */
static uint64_t parse_uint(const char *what, const char *text, uint64_t lo, uint64_t hi) {
  char *end = NULL;
  if (text[0] < '0' || text[0] > '9') bad(what, text, "a non-negative integer");
  unsigned long long v = strtoull(text, &end, 10);
  if (*end != '\0' || v < lo || v > hi) {
    char range[96];
    snprintf(range, sizeof range, "an integer in [%llu, %llu]", (unsigned long long)lo, (unsigned long long)hi);
    bad(what, text, range);
  }
  return (uint64_t)v;
}

/* Reads the next integer of stdin into *v; 0 at end of input, exit 2 on anything else. */
static int read_uint(const char *what, unsigned long long *v) {
  int r = scanf("%llu", v);
  if (r == EOF) return 0;
  if (r != 1) bad(what, "(not a non-negative integer)", "a non-negative integer");
  return 1;
}

static unsigned long long need_uint(const char *what, unsigned long long hi) {
  unsigned long long v = 0;
  if (!read_uint(what, &v)) bad(what, "(end of input)", "a value");
  if (v > hi) {
    char text[32], range[48];
    snprintf(text, sizeof text, "%llu", v);
    snprintf(range, sizeof range, "at most %llu", hi);
    bad(what, text, range);
  }
  return v;
}

/* The (n, fanout) arguments: n in [2, 2^31 - 1], fanout >= 1; returns k = min(fanout, n - 1). */
static uint32_t parse_size(const char *n_text, const char *fanout_text, uint32_t *n, uint32_t *fanout) {
  *n = (uint32_t)parse_uint("n", n_text, 2, 2147483647u);
  *fanout = (uint32_t)parse_uint("fanout", fanout_text, 1, 2147483647u);
  return *fanout < *n - 1 ? *fanout : *n - 1;
}

static void parse_key(char **argv, uint32_t key[4]) {
  static const char *names[4] = {"key[0]", "key[1]", "key[2]", "key[3]"};
  for (int i = 0; i < 4; i++) key[i] = (uint32_t)parse_uint(names[i], argv[i], 0, 4294967295u);
}

static void print_opinions(const uint8_t *op, uint32_t n) {
  for (uint32_t i = 0; i < n; i++) putchar(op[i] ? '1' : '0');
  putchar('\n');
}

/* ---- modes ------------------------------------------------------------------------------- */

/* --check: the rule alone. Cases until end of input: "n k", n opinions (0/1), then for each agent
 * its k peers (indices < n). Prints each case's next opinions as one line of 0/1 characters. */
static int run_check(void) {
  unsigned long long n = 0;
  while (read_uint("n", &n)) {
    if (n < 2 || n > 100000000ull) {
      char text[32];
      snprintf(text, sizeof text, "%llu", n);
      bad("n", text, "an integer in [2, 100000000]");
    }
    const uint32_t k = (uint32_t)need_uint("k", n - 1);
    if (k < 1) bad("k", "0", "an integer >= 1");
    uint8_t *cur = alloc_or_die(n), *nxt = alloc_or_die(n);
    uint32_t *peers = alloc_or_die(sizeof(uint32_t) * k * n);
    for (uint32_t i = 0; i < n; i++) cur[i] = (uint8_t)need_uint("opinion", 1);
    for (uint64_t j = 0; j < (uint64_t)n * k; j++) peers[j] = (uint32_t)need_uint("peer", n - 1);
    for (uint32_t i = 0; i < n; i++) nxt[i] = next_opinion(cur, i, peers + (uint64_t)i * k, k);
    print_opinions(nxt, (uint32_t)n);
    free(cur);
    free(nxt);
    free(peers);
  }
  return 0;
}

/* --sample N FANOUT ROUNDS K0..K3: each agent's peers in rounds 1..ROUNDS, one line each. */
static int run_sample(char **argv) {
  uint32_t n, fanout, key[4];
  const uint32_t k = parse_size(argv[0], argv[1], &n, &fanout);
  const uint32_t rounds = (uint32_t)parse_uint("rounds", argv[2], 1, 1000000u);
  parse_key(argv + 3, key);
  sampler_t sm = sampler_new(n, k);
  uint32_t *peers = alloc_or_die(sizeof(uint32_t) * k), s[4];
  for (uint32_t r = 1; r <= rounds; r++) {
    for (uint32_t i = 0; i < n; i++) {
      if (i % BLOCK_SIZE == 0) stream_state(key, PURPOSE_ROUND, r, i / BLOCK_SIZE, s);
      sample_peers(&sm, s, i, peers);
      for (uint32_t j = 0; j < k; j++) printf(j == 0 ? "%u" : " %u", peers[j]);
      putchar('\n');
    }
  }
  free(peers);
  sampler_free(&sm);
  return 0;
}

/* --run N FANOUT ROUNDS K0..K3: stdin n opinions; prints the opinions after each round. */
static int run_rounds(char **argv) {
  uint32_t n, fanout, key[4];
  const uint32_t k = parse_size(argv[0], argv[1], &n, &fanout);
  const uint32_t rounds = (uint32_t)parse_uint("rounds", argv[2], 1, 1000000u);
  parse_key(argv + 3, key);
  uint8_t *cur = alloc_or_die(n), *nxt = alloc_or_die(n);
  for (uint32_t i = 0; i < n; i++) cur[i] = (uint8_t)need_uint("opinion", 1);
  sampler_t sm = sampler_new(n, k);
  uint32_t *peers = alloc_or_die(sizeof(uint32_t) * k);
  for (uint32_t r = 1; r <= rounds; r++) {
    step_round(cur, nxt, &sm, key, r, peers);
    uint8_t *t = cur;
    cur = nxt;
    nxt = t;
    print_opinions(cur, n);
  }
  free(peers);
  sampler_free(&sm);
  free(cur);
  free(nxt);
  return 0;
}

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* A JSON string of text (escaping quotes and backslashes). */
static void print_json_string(const char *text) {
  putchar('"');
  for (const char *c = text; *c; c++) {
    if (*c == '"' || *c == '\\') putchar('\\');
    putchar((unsigned char)*c < 0x20 ? ' ' : *c);
  }
  putchar('"');
}

static int compare_doubles(const void *a, const void *b) {
  const double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* Most rounds the timing mode takes (it keeps every round's time, 8 bytes each). */
#define MAX_TIMED_ROUNDS 1000000u

/* N FANOUT ROUNDS: one warm-up round, then ROUNDS rounds each timed, from a 70/30 split under a
 * fixed key. ns_per_agent_round is the median round time over n, the statistic the engine's
 * tinybench figure uses, so that a round slowed by another process on a shared machine moves
 * neither; mean_ns_per_agent_round is the total over n x ROUNDS. Also prints n, fanout, k,
 * rounds, seconds (total), agent_rounds_per_s (from the median), ones, and how it was built. */
static int run_timing(char **argv) {
  uint32_t n, fanout;
  const uint32_t k = parse_size(argv[0], argv[1], &n, &fanout);
  const uint32_t rounds = (uint32_t)parse_uint("rounds", argv[2], 1, MAX_TIMED_ROUNDS);
  static const uint32_t key[4] = {0x9e3779b9u, 0x7f4a7c15u, 0xd1b54a32u, 0xd192ed03u};
  uint8_t *cur = alloc_or_die(n), *nxt = alloc_or_die(n);
  for (uint32_t i = 0; i < n; i++) cur[i] = (i % 10) < 7;
  sampler_t sm = sampler_new(n, k);
  uint32_t *peers = alloc_or_die(sizeof(uint32_t) * k);
  double *times = alloc_or_die(sizeof(double) * rounds);
  uint64_t ones = step_round(cur, nxt, &sm, key, 1, peers); /* warm-up: touches every page */
  uint8_t *t = cur;
  cur = nxt;
  nxt = t;
  double total = 0;
  for (uint32_t r = 0; r < rounds; r++) {
    const double t0 = now();
    ones = step_round(cur, nxt, &sm, key, r + 2, peers);
    times[r] = now() - t0;
    total += times[r];
    t = cur;
    cur = nxt;
    nxt = t;
  }
  qsort(times, rounds, sizeof(double), compare_doubles);
  const double median = rounds % 2 ? times[rounds / 2] : (times[rounds / 2 - 1] + times[rounds / 2]) / 2;
  printf("{\"n\":%u,\"fanout\":%u,\"k\":%u,\"rounds\":%u,\"seconds\":%.6f,\"agent_rounds_per_s\":%.6g,"
         "\"ns_per_agent_round\":%.4f,\"mean_ns_per_agent_round\":%.4f,\"ones\":%llu,\"sampler\":\"%s\","
         "\"generator\":\"xoshiro128**\",\"compiler\":",
         n, fanout, k, rounds, total, n / median, median * 1e9 / n, total * 1e9 / ((double)n * rounds),
         (unsigned long long)ones, sm.pool == NULL ? "rejection" : "shuffle");
  print_json_string(REFERENCE_COMPILER);
  printf(",\"cflags\":");
  print_json_string(REFERENCE_CFLAGS);
  printf("}\n");
  free(times);
  free(peers);
  sampler_free(&sm);
  free(cur);
  free(nxt);
  return 0;
}

int main(int argc, char **argv) {
  if (argc == 2 && strcmp(argv[1], "--check") == 0) return run_check();
  if (argc == 9 && strcmp(argv[1], "--sample") == 0) return run_sample(argv + 2);
  if (argc == 9 && strcmp(argv[1], "--run") == 0) return run_rounds(argv + 2);
  if (argc == 4 && argv[1][0] != '-') return run_timing(argv + 1);
  fprintf(stderr,
          "usage: majority N FANOUT ROUNDS | --check | --sample N FANOUT ROUNDS K0 K1 K2 K3 | "
          "--run N FANOUT ROUNDS K0 K1 K2 K3\n");
  return 2;
}
