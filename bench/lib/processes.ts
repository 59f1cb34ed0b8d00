/**
 * Child processes for benchmarks (worker, emulator, scheduler) and what /proc says about them. Each is
 * node itself (`node --import tsx <script>` for TypeScript, not the tsx CLI, which forks), so the pid we
 * hold is the process doing the work and its /proc figures (CPU, peak RSS) are its own.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "../..");

/** Linux reports CPU time in clock ticks; USER_HZ is 100 on every mainstream kernel build. */
const CLOCK_TICKS_PER_SECOND = 100;
const KEPT_OUTPUT_LINES = 200;

export type BenchProcess = {
  name: string;
  pid: number;
  child: ChildProcess;
  /** The last lines the process printed (stdout and stderr), for error messages. */
  tail: () => string;
  /** Lines printed so far that match a pattern (counted, not kept). */
  count: (pattern: RegExp) => number;
  /** SIGTERM, then SIGKILL after `timeoutMs`; resolves with the exit code. */
  stop: (timeoutMs?: number) => Promise<number | null>;
};

/** A TypeScript entry point run through tsx's loader (`node --import tsx`). */
export function startTsProcess(
  options: Omit<Parameters<typeof startProcess>[0], "args"> & { script: string; nodeArgs?: string[] },
) {
  const { script, nodeArgs = [], ...rest } = options;
  return startProcess({ ...rest, args: [...nodeArgs, "--import", "tsx", script] });
}

/** `node <args>` from the repository root. */
export async function startProcess(options: {
  name: string;
  args: string[];
  env: Record<string, string | undefined>;
  /** The process is ready once a line matches; the match is returned. */
  ready: RegExp;
  timeoutMs?: number;
  /** Patterns whose matching lines are counted (e.g. error log lines). */
  countPatterns?: RegExp[];
}): Promise<{ process: BenchProcess; match: RegExpExecArray }> {
  const child = spawn(process.execPath, options.args, {
    cwd: ROOT,
    env: options.env as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  const counts = new Map<RegExp, number>((options.countPatterns ?? []).map((pattern) => [pattern, 0]));
  let onLine: ((line: string) => void) | undefined;
  let partial = "";
  const take = (chunk: Buffer) => {
    const text = partial + chunk.toString("utf8");
    const parts = text.split("\n");
    partial = parts.pop() ?? "";
    for (const line of parts) {
      lines.push(line);
      if (lines.length > KEPT_OUTPUT_LINES) lines.shift();
      for (const [pattern, count] of counts) if (pattern.test(line)) counts.set(pattern, count + 1);
      onLine?.(line);
    }
  };
  child.stdout?.on("data", take);
  child.stderr?.on("data", take);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const tail = () => [...lines, partial].join("\n").trim();

  const benchProcess: BenchProcess = {
    name: options.name,
    pid: child.pid ?? -1,
    child,
    tail,
    count: (pattern) => counts.get(pattern) ?? 0,
    stop: async (timeoutMs = 40_000) => {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };

  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${options.name} not ready after ${options.timeoutMs ?? 60_000} ms:\n${tail()}`));
    }, options.timeoutMs ?? 60_000);
    onLine = (line) => {
      const found = options.ready.exec(line);
      if (!found) return;
      clearTimeout(timer);
      onLine = undefined;
      resolve(found);
    };
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${options.name} exited with ${code} before it was ready:\n${tail()}`));
    });
  });
  return { process: benchProcess, match };
}

/** `node <args>` from the repository root, to its end: its exit code and the last lines it printed. */
export async function runProcessToExit(options: {
  name: string;
  args: string[];
  env: Record<string, string | undefined>;
  timeoutMs: number;
}): Promise<{ code: number | null; tail: string }> {
  const child = spawn(process.execPath, options.args, {
    cwd: ROOT,
    env: options.env as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString("utf8").split("\n"));
    if (lines.length > KEPT_OUTPUT_LINES) lines.splice(0, lines.length - KEPT_OUTPUT_LINES);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs);
  const abort = () => child.kill("SIGTERM");
  benchAbort.signal.addEventListener("abort", abort);
  const code = await new Promise<number | null>((resolve) => child.once("exit", (exitCode) => resolve(exitCode)));
  clearTimeout(timer);
  benchAbort.signal.removeEventListener("abort", abort);
  return { code, tail: lines.join("\n").trim() };
}

/** CPU seconds used so far by a process and every process below it (a server may fork helpers). */
export function treeCpuSecondsOf(pid: number): number {
  const children = new Map<number, number[]>();
  for (const name of readdirSync("/proc").filter((entry) => /^\d+$/.test(entry))) {
    const parent = parentPidOf(Number(name));
    // Null: gone between the listing and the read.
    if (parent !== null) children.set(parent, [...(children.get(parent) ?? []), Number(name)]);
  }
  let total = 0;
  const pending = [pid];
  while (pending.length > 0) {
    const current = pending.pop()!;
    total += cpuSecondsOf(current);
    pending.push(...(children.get(current) ?? []));
  }
  return total;
}

/** CPU seconds (user + system) a process has used so far; 0 if it is gone. */
export function cpuSecondsOf(pid: number): number {
  return statCpuSecondsOf(`/proc/${pid}/stat`);
}

/**
 * CPU seconds of a process's main thread alone (its thread id is its pid): for Node, the event loop and
 * what runs on it — JavaScript, and garbage collection's pauses — without the collector's helper threads or
 * libuv's pool. Over a wall-clock interval it says how busy the one thread that serves requests was.
 */
export function mainThreadCpuSecondsOf(pid: number): number {
  return statCpuSecondsOf(`/proc/${pid}/task/${pid}/stat`);
}

/**
 * CPU seconds a process has used so far; 0 if it is gone. "self": its own (utime + stime, fields 14 and 15).
 * "reaped": its children's that have ended and that it has waited for (cutime + cstime, fields 16 and 17).
 */
function statCpuSecondsOf(statFile: string, whose: "self" | "reaped" = "self"): number {
  const fields = statFieldsOf(statFile);
  if (fields === null) return 0;
  const first = whose === "self" ? 11 : 13;
  return (Number(fields[first]) + Number(fields[first + 1])) / CLOCK_TICKS_PER_SECOND;
}

/**
 * A /proc stat file's fields after the parenthesised command name (which may hold spaces), from field 3
 * (state) on: field N is at index N − 3. Null when the process is gone.
 */
function statFieldsOf(statFile: string): string[] | null {
  try {
    const stat = readFileSync(statFile, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  } catch {
    return null;
  }
}

/**
 * CPU seconds used so far by a process's children that have ended (and been waited for): for the Postgres
 * postmaster, every backend that has disconnected, which a reading of live backends cannot see.
 */
export function reapedChildrenCpuSecondsOf(pid: number): number {
  return statCpuSecondsOf(`/proc/${pid}/stat`, "reaped");
}

/** A process's parent's pid; null if the process is gone. */
export function parentPidOf(pid: number): number | null {
  // Field 4, ppid.
  const fields = statFieldsOf(`/proc/${pid}/stat`);
  return fields === null ? null : Number(fields[1]);
}

function statusKbOf(pid: number, field: "VmHWM" | "VmRSS"): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Peak resident set size (VmHWM) of a process in bytes; 0 if it is gone. */
export function peakRssBytesOf(pid: number): number {
  return statusKbOf(pid, "VmHWM");
}

/** Current resident set size (VmRSS) in bytes; 0 if it is gone. */
export function rssBytesOf(pid: number): number {
  return statusKbOf(pid, "VmRSS");
}

/** Whole-machine CPU counters (all cores), to tell how busy the box was — other tenants included. */
export function machineCpuTicks(): { busy: number; total: number } {
  const first = readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "";
  const values = first.trim().split(/\s+/).slice(1).map(Number);
  const total = values.reduce((sum, value) => sum + value, 0);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  return { busy: total - idle, total };
}

/** Aborted by bench/run.ts on SIGINT/SIGTERM: long waits throw, so each benchmark's cleanup still runs. */
export const benchAbort = new AbortController();

export function throwIfAborted(): void {
  if (benchAbort.signal.aborted) throw new Error("interrupted");
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
