/**
 * Keyword rules that put a video into 1–3 categories, the way the real model is asked to. Each rule
 * scores the tools found (2 points each: a tool is strong evidence) and its keywords (1 point each);
 * the best three win, ties in rule order, so the same text always gets the same categories.
 */

export const DEFAULT_CATEGORY = "Tutorials & Education";
export const MAX_CATEGORIES = 3;

export interface CategoryRule {
  category: string;
  /** Canonical tool names (see tools.ts) that point at this category. */
  tools: readonly string[];
  /** Lower-case words or phrases, matched on whole words. */
  keywords: readonly string[];
}

export const CATEGORY_RULES: readonly CategoryRule[] = [
  {
    category: "Video Editing",
    tools: ["DaVinci Resolve", "Premiere Pro", "Final Cut Pro", "CapCut"],
    keywords: [
      "edit",
      "editing",
      "editor",
      "color grading",
      "colour grading",
      "grading",
      "footage",
      "transitions",
      "lut",
      "luts",
      "timeline",
      "b-roll",
      "cinematic",
    ],
  },
  {
    category: "3D & Animation",
    tools: ["Blender", "Cinema 4D", "Maya", "Houdini", "ZBrush", "Substance Painter", "After Effects"],
    keywords: [
      "3d",
      "animation",
      "animate",
      "animating",
      "modeling",
      "modelling",
      "render",
      "rendering",
      "sculpt",
      "sculpting",
      "rigging",
      "motion graphics",
      "vfx",
      "shader",
      "shaders",
    ],
  },
  {
    category: "Web Development",
    tools: ["JavaScript", "TypeScript", "React", "Next.js", "Node.js", "Vue", "Svelte", "Tailwind CSS"],
    keywords: [
      "website",
      "web app",
      "web development",
      "frontend",
      "front-end",
      "backend",
      "full stack",
      "fullstack",
      "html",
      "css",
      "api",
    ],
  },
  {
    category: "Game Development",
    tools: ["Unreal Engine", "Unity", "Godot"],
    keywords: ["game", "games", "gamedev", "game dev", "indie game", "level design", "multiplayer"],
  },
  {
    category: "Programming & DevOps",
    tools: ["Python", "Rust", "Go", "C++", "C#", "Docker", "Kubernetes", "PostgreSQL", "AWS", "Git", "VS Code"],
    keywords: [
      "code",
      "coding",
      "programming",
      "programmer",
      "algorithm",
      "algorithms",
      "database",
      "devops",
      "deploy",
      "deployment",
      "cli",
    ],
  },
  {
    category: "Graphic Design",
    tools: ["Figma", "Photoshop", "Illustrator", "Lightroom", "Canva"],
    keywords: [
      "design",
      "graphic design",
      "logo",
      "typography",
      "poster",
      "ui",
      "ux",
      "thumbnail",
      "thumbnails",
      "photo editing",
    ],
  },
  {
    category: "Music Production",
    tools: ["Ableton Live", "FL Studio", "Logic Pro", "Pro Tools", "Audacity"],
    keywords: ["music", "beat", "beats", "mixing", "mastering", "synth", "producer", "song", "sound design", "vocals"],
  },
  {
    category: "Electronics & Hardware",
    tools: ["Arduino", "Raspberry Pi", "ESP32", "KiCad", "Fusion 360"],
    keywords: [
      "electronics",
      "circuit",
      "pcb",
      "soldering",
      "sensor",
      "sensors",
      "microcontroller",
      "3d printing",
      "3d printer",
      "robot",
      "hardware",
    ],
  },
  {
    category: "Streaming & Content Creation",
    tools: ["OBS Studio"],
    keywords: ["stream", "streaming", "livestream", "podcast", "vlog", "youtube channel", "content creator"],
  },
  {
    category: DEFAULT_CATEGORY,
    tools: [],
    keywords: [
      "tutorial",
      "tutorials",
      "how to",
      "beginner",
      "beginners",
      "learn",
      "course",
      "guide",
      "explained",
      "tips",
      "step by step",
      "crash course",
    ],
  },
];

const TOOL_POINTS = 2;

function keywordPattern(keyword: string): RegExp {
  const escaped = keyword.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/ /g, "\\s+");
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, "iu");
}

const COMPILED_RULES = CATEGORY_RULES.map((rule) => ({ ...rule, patterns: rule.keywords.map(keywordPattern) }));

/** 1–3 categories for a video's text and the tools already found in it; the default when nothing matches. */
export function categorise(text: string, tools: readonly string[]): string[] {
  const scored = COMPILED_RULES.map((rule, order) => ({
    category: rule.category,
    order,
    score:
      TOOL_POINTS * rule.tools.filter((tool) => tools.includes(tool)).length +
      rule.patterns.filter((pattern) => pattern.test(text)).length,
  }));
  const winners = scored
    .filter((entry) => entry.score > 0)
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .slice(0, MAX_CATEGORIES)
    .map((entry) => entry.category);
  return winners.length > 0 ? winners : [DEFAULT_CATEGORY];
}
