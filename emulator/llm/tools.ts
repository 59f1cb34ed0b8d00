/**
 * The creator tools the LLM stand-in can "recognise": canonical names, the other spellings creators
 * write in titles, and a finder that reports them in order of first mention. Matching is
 * case-insensitive on whole words, except where a lower-case name is an everyday English word
 * ("go"), which only counts when written as the product is.
 */

export interface KnownTool {
  /** How the tool is reported (and how Showreel would display it). */
  name: string;
  /** Other spellings, matched like the name. */
  aliases?: readonly string[];
  /** Match only with this exact case: the lower-case spelling is a common word. */
  isCaseSensitive?: boolean;
}

export const KNOWN_TOOLS: readonly KnownTool[] = [
  // Video editing and motion
  { name: "DaVinci Resolve", aliases: ["Resolve Studio"] },
  { name: "Premiere Pro", aliases: ["Adobe Premiere"] },
  { name: "After Effects" },
  { name: "Final Cut Pro", aliases: ["FCPX", "Final Cut"] },
  { name: "CapCut" },
  // 3D
  { name: "Blender" },
  { name: "Cinema 4D", aliases: ["C4D"] },
  { name: "Maya", aliases: ["Autodesk Maya"] },
  { name: "Houdini" },
  { name: "ZBrush" },
  { name: "Substance Painter" },
  // Game engines
  { name: "Unreal Engine", aliases: ["UE5", "UE4", "Unreal"] },
  { name: "Unity" },
  { name: "Godot" },
  // Design and photo
  { name: "Figma" },
  { name: "Photoshop" },
  { name: "Illustrator" },
  { name: "Lightroom" },
  { name: "Canva" },
  // Programming
  { name: "Python" },
  { name: "JavaScript" },
  { name: "TypeScript" },
  { name: "React" },
  { name: "Next.js", aliases: ["NextJS"] },
  { name: "Node.js", aliases: ["NodeJS"] },
  { name: "Vue", aliases: ["Vue.js"] },
  { name: "Svelte" },
  { name: "Tailwind CSS", aliases: ["Tailwind"] },
  { name: "Rust" },
  { name: "Go", aliases: ["Golang"], isCaseSensitive: true },
  { name: "C++" },
  { name: "C#" },
  { name: "Docker" },
  { name: "Kubernetes", aliases: ["k8s"] },
  { name: "PostgreSQL", aliases: ["Postgres"] },
  { name: "AWS" },
  { name: "Git" },
  { name: "VS Code", aliases: ["Visual Studio Code"] },
  // Electronics and making
  { name: "Arduino" },
  { name: "Raspberry Pi" },
  { name: "ESP32" },
  { name: "KiCad" },
  { name: "Fusion 360" },
  // Streaming and audio
  { name: "OBS Studio", aliases: ["OBS"] },
  { name: "Ableton Live", aliases: ["Ableton"] },
  { name: "FL Studio" },
  { name: "Logic Pro" },
  { name: "Pro Tools" },
  { name: "Audacity" },
];

interface ToolMatcher {
  name: string;
  patterns: readonly RegExp[];
}

/**
 * Whole word means "not glued to another letter or digit", not \b: \b fails next to the "+" of C++
 * and the "#" of C#. Spaces inside a name match any run of whitespace ("Final  Cut Pro").
 */
function spellingPattern(spelling: string): string {
  const escaped = spelling.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/ /g, "\\s+");
  return `(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`;
}

function compileMatcher(tool: KnownTool): ToolMatcher {
  const aliases = (tool.aliases ?? []).map(spellingPattern);
  if (!tool.isCaseSensitive)
    return { name: tool.name, patterns: [new RegExp([spellingPattern(tool.name), ...aliases].join("|"), "iu")] };
  // Only the bare name is ambiguous in lower case; an alias like "golang" is safe in any case.
  const patterns = [new RegExp(spellingPattern(tool.name), "u")];
  if (aliases.length > 0) patterns.push(new RegExp(aliases.join("|"), "iu"));
  return { name: tool.name, patterns };
}

const MATCHERS: readonly ToolMatcher[] = KNOWN_TOOLS.map(compileMatcher);

/** Known tools mentioned in `text`, canonical names, each once, in order of first mention. */
export function findTools(text: string): string[] {
  const found: { name: string; index: number }[] = [];
  for (const matcher of MATCHERS) {
    const indexes = matcher.patterns.map((pattern) => pattern.exec(text)?.index ?? -1).filter((index) => index >= 0);
    if (indexes.length > 0) found.push({ name: matcher.name, index: Math.min(...indexes) });
  }
  return found.sort((a, b) => a.index - b.index).map((tool) => tool.name);
}
