/**
 * What the LLM stand-in "thinks" of a video: the user message split into title and description, the
 * tools, categories and topics found in them, and the assistant's reply text in each mode. Pure
 * functions of the message, so the same prompt always gets the same answer.
 */
import { categorise } from "./categories.ts";
import type { LlmMode } from "./llm-state.ts";
import { findTools } from "./tools.ts";
import { makeTopics } from "./topics.ts";

export interface VideoAnalysis {
  tools: string[];
  categories: string[];
  topics: string[];
}

export interface VideoText {
  title: string;
  description: string;
}

const TITLE_LINE = /^[ \t]*(?:video[ \t]+)?title[ \t]*:[ \t]*(.*)$/im;
const DESCRIPTION_START = /^[ \t]*(?:video[ \t]+)?description[ \t]*:[ \t]*/im;

/**
 * `Title: …` and `Description: …` labels when the message has them (description = everything after
 * its label); otherwise the first non-empty line is the title and the rest the description.
 */
export function splitVideoText(message: string): VideoText {
  const titleMatch = TITLE_LINE.exec(message);
  if (titleMatch) {
    const descriptionMatch = DESCRIPTION_START.exec(message);
    const description = descriptionMatch ? message.slice(descriptionMatch.index + descriptionMatch[0].length) : "";
    return { title: (titleMatch[1] ?? "").trim(), description: description.trim() };
  }
  const lines = message.trim().split(/\r?\n/);
  return { title: (lines[0] ?? "").trim(), description: lines.slice(1).join("\n").trim() };
}

/** Links in descriptions (affiliate, socials, "unity.com/…") say nothing about what the video shows. */
export function withoutUrls(text: string): string {
  return text.replace(/\bhttps?:\/\/\S+/gi, " ");
}

export function analyseVideo(video: VideoText): VideoAnalysis {
  // Title and description only: labels and any instructions around them are not the video's text.
  const readable = { title: withoutUrls(video.title), description: withoutUrls(video.description) };
  const text = `${readable.title}\n${readable.description}`;
  const tools = findTools(text);
  return { tools, categories: categorise(text, tools), topics: makeTopics({ ...readable, tools }) };
}

/** The "fixed" mode's analysis: the same for every video, and unrelated to any sample title. */
export const FIXED_ANALYSIS: VideoAnalysis = {
  tools: ["Figma", "Notion"],
  categories: ["Graphic Design"],
  topics: ["brand identity", "logo sketches", "colour palettes", "client feedback", "style guide"],
};

/** The reply text in a misbehaving mode is fixed, so tests can assert on it. */
export const INVALID_JSON_CONTENT = '{"tools": ["Blender",';
export const WRONG_SHAPE_CONTENT = '{"tags": "blender"}';

function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1) ?? ""}`;
}

/** What a chatty model says instead of JSON: friendly, on topic, and unparseable. */
function proseAbout(video: VideoText, analysis: VideoAnalysis): string {
  const subject = video.title === "" ? "this video" : `"${video.title}"`;
  const tools = analysis.tools.length > 0 ? ` It shows ${listInWords(analysis.tools)} in action.` : "";
  return (
    `Sure! ${subject} looks like a great watch.${tools} I would file it under ${listInWords(analysis.categories)}, ` +
    `and it touches on ${listInWords(analysis.topics.slice(0, 3))}. Let me know if you would like this as JSON!`
  );
}

/** The assistant message content for a mode; null for "empty_choices", which has no message at all. */
export function replyContent(mode: LlmMode, video: VideoText): string | null {
  switch (mode) {
    case "normal":
      return JSON.stringify(analyseVideo(video));
    case "fixed":
      return JSON.stringify(FIXED_ANALYSIS);
    case "prose":
      return proseAbout(video, analyseVideo(video));
    case "invalid_json":
      return INVALID_JSON_CONTENT;
    case "wrong_shape":
      return WRONG_SHAPE_CONTENT;
    case "empty_choices":
      return null;
  }
}
