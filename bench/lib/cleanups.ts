/** Cleanup steps a benchmark registers as it starts things, run newest first whatever happened. */
export function createCleanups(log: (line: string) => void) {
  const steps: (() => Promise<unknown>)[] = [];
  return {
    add(step: () => Promise<unknown>) {
      steps.push(step);
    },
    async run() {
      for (const step of steps.reverse()) await step().catch((error: unknown) => log(`cleanup failed: ${String(error)}`));
      steps.length = 0;
    },
  };
}
