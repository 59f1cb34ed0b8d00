/**
 * Where a process's CPU went, from a V8 CPU profile (`node --cpu-prof`, e.g. through BENCH_WEB_NODE_FLAGS
 * on the API-load benchmark): each sample's time is its leaf function's ("self" time), grouped by where that
 * function's code comes from — a package under node_modules, a Node built-in, the app's own source file —
 * and by function. Code the app's build bundled (Next's `.next/server` chunks) is traced back through its
 * source map to the file it was bundled from. Shares are of the busy time: idle samples left out.
 * Printed by bench/profile-summary.ts.
 */
import { existsSync, readFileSync } from "node:fs";
import { SourceMap } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

type CallFrame = { functionName: string; url: string; lineNumber: number; columnNumber: number };
type ProfileNode = { id: number; callFrame: CallFrame; children?: number[] };
export type CpuProfile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };

/** A frame's function and where its code comes from. */
export type Origin = { where: string; name: string };
export type Share = { key: string; share: number };

/** V8's pseudo-frames: the idle loop, the collector, code outside JavaScript. */
const IDLE = "(idle)";

/** Where code at `url` comes from: "node:<module>", a package name, or a path inside the project. */
export function whereOf(url: string, projectRoot: string): string {
  if (url.startsWith("node:")) return url;
  const file = filePathOf(url);
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
  if (inModules) return inModules[1]!;
  return file.startsWith(`${projectRoot}/`) ? file.slice(projectRoot.length + 1) : file;
}

function filePathOf(url: string): string {
  return url.startsWith("file://") ? fileURLToPath(url) : url;
}

/**
 * Code outside any script: V8's own pseudo-frames ("(garbage collector)", "(program)") are their own
 * origin; a native function (a socket's writev, JSON's parse) is "(native) <name>".
 */
function nativeOrigin(name: string): Origin {
  return { where: name.startsWith("(") ? name : `(native) ${name}`, name };
}

/** Reads each bundled file's source map once; frames in files without one keep the bundle's name. */
export function sourceMapOrigins(projectRoot: string): (frame: CallFrame) => Origin {
  const maps = new Map<string, SourceMap | null>();
  const mapOf = (url: string) => {
    if (!maps.has(url)) {
      const file = `${filePathOf(url)}.map`;
      maps.set(url, existsSync(file) ? new SourceMap(JSON.parse(readFileSync(file, "utf8"))) : null);
    }
    return maps.get(url)!;
  };
  return (frame) => {
    const name = frame.functionName || "(anonymous)";
    if (frame.url === "") return nativeOrigin(name);
    if (frame.url.startsWith("node:") || frame.url.includes("/node_modules/"))
      return { where: whereOf(frame.url, projectRoot), name };
    const entry = mapOf(frame.url)?.findEntry(frame.lineNumber, frame.columnNumber);
    if (!entry || !("originalSource" in entry)) return { where: whereOf(frame.url, projectRoot), name };
    // Bundlers name sources relative to the bundle, or in a scheme of their own ("turbopack:///[project]/…").
    const scheme = /^[a-z]+:\/\/\/(?:\[project\]\/)?/.exec(entry.originalSource);
    const source = scheme
      ? path.join(projectRoot, entry.originalSource.slice(scheme[0].length))
      : path.resolve(path.dirname(filePathOf(frame.url)), entry.originalSource);
    return { where: whereOf(source, projectRoot), name: (entry as { name?: string }).name ?? name };
  };
}

/** Self time by origin and by function, as shares of the busy time, largest first. */
export function summarizeProfile(
  profile: CpuProfile,
  originOf: (frame: CallFrame) => Origin,
): { busyMs: number; idleMs: number; byWhere: Share[]; byFunction: Share[] } {
  const selfTime = new Map<number, number>();
  profile.samples.forEach((id, index) => selfTime.set(id, (selfTime.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)));
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const byWhere = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let busy = 0;
  let idle = 0;
  for (const [id, micros] of selfTime) {
    const frame = nodes.get(id)!.callFrame;
    if (frame.functionName === IDLE) {
      idle += micros;
      continue;
    }
    busy += micros;
    const origin = originOf(frame);
    byWhere.set(origin.where, (byWhere.get(origin.where) ?? 0) + micros);
    const isNative = origin.where === origin.name || origin.where === `(native) ${origin.name}`;
    const key = isNative ? origin.where : `${origin.name} (${origin.where})`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + micros);
  }
  return {
    busyMs: busy / 1000,
    idleMs: idle / 1000,
    byWhere: sharesOf(byWhere, busy),
    byFunction: sharesOf(byFunction, busy),
  };
}

/** Each key's time as a share of the busy time, largest first. */
function sharesOf(totals: Map<string, number>, busy: number): Share[] {
  return [...totals]
    .map(([key, micros]) => ({ key, share: busy > 0 ? micros / busy : 0 }))
    .sort((a, b) => b.share - a.share);
}

/**
 * A function's self time by who called it: the nearest caller outside Node's built-ins and native code
 * (a socket's writev, say, by the library that wrote), as shares of the busy time.
 */
export function callersOf(profile: CpuProfile, originOf: (frame: CallFrame) => Origin, functionName: string): Share[] {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  let busy = 0;
  const byCaller = new Map<string, number>();
  profile.samples.forEach((id, index) => {
    const micros = profile.timeDeltas[index] ?? 0;
    const frame = nodes.get(id)!.callFrame;
    if (frame.functionName === IDLE) return;
    busy += micros;
    if (frame.functionName !== functionName) return;
    let caller = parents.get(id);
    let origin: Origin | null = null;
    while (caller !== undefined) {
      const candidate = originOf(nodes.get(caller)!.callFrame);
      if (!candidate.where.startsWith("node:") && !candidate.where.startsWith("(")) {
        origin = candidate;
        break;
      }
      caller = parents.get(caller);
    }
    const key = origin ? `${origin.name} (${origin.where})` : "(no caller outside Node)";
    byCaller.set(key, (byCaller.get(key) ?? 0) + micros);
  });
  return sharesOf(byCaller, busy);
}
