/**
 * V8 flags the deployed worker runs with (`npm run start:worker`, and the benchmarks' workers). Without
 * them V8 sizes its heap from the host's memory (gigabytes on a 24 GiB box) and lets garbage pile up before
 * collecting: a worker checking ~3,000 channels a second grew to ~500 MB resident. A 4 MB young generation
 * and a 256 MB old-generation ceiling keep it near 200 MB at the same throughput (measured with the bundled
 * worker on 20,000 channels, 5 cycles). The worker holds little live data (a claim's rows, a batch of
 * results), so the ceiling is far above what it needs.
 */
export const WORKER_NODE_FLAGS = ["--max-old-space-size=256", "--max-semi-space-size=4"] as const;
