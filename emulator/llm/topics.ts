/**
 * 5–8 short, lower-case topic phrases for a video, built from its title the way a model would pick
 * them: word pairs first ("color grading"), then single words and the tools found, then padding from
 * the pairs' single words, the description and a fixed filler list. No randomness, so a title always gets the same topics.
 */

export const MIN_TOPICS = 5;
export const MAX_TOPICS = 8;

// Words that carry no topic on their own; a pair is only made of two words not in this list.
const STOP_WORDS: ReadonlySet<string> = new Set([
  "a",
  "about",
  "after",
  "all",
  "an",
  "and",
  "any",
  "are",
  "as",
  "at",
  "be",
  "before",
  "best",
  "but",
  "by",
  "can",
  "do",
  "does",
  "don't",
  "every",
  "ever",
  "for",
  "from",
  "get",
  "got",
  "has",
  "have",
  "how",
  "i",
  "i'm",
  "if",
  "in",
  "into",
  "is",
  "it",
  "it's",
  "its",
  "just",
  "let's",
  "like",
  "make",
  "more",
  "most",
  "my",
  "new",
  "no",
  "not",
  "now",
  "of",
  "on",
  "one",
  "or",
  "our",
  "out",
  "over",
  "part",
  "so",
  "than",
  "that",
  "the",
  "their",
  "then",
  "there",
  "these",
  "this",
  "to",
  "too",
  "under",
  "up",
  "us",
  "using",
  "very",
  "vs",
  "was",
  "we",
  "what",
  "when",
  "where",
  "which",
  "who",
  "why",
  "will",
  "with",
  "without",
  "you",
  "you're",
  "your",
]);

/** Used last, in this order, when the title and description give fewer than five topics. */
export const FILLER_TOPICS: readonly string[] = [
  "tutorial",
  "workflow",
  "tips and tricks",
  "beginner guide",
  "step by step",
  "project walkthrough",
  "creative process",
  "behind the scenes",
];

export interface TopicSource {
  title: string;
  description: string;
  tools: readonly string[];
}

/** Lower-case words; keeps the "." of next.js, the "+" of c++, the "#" of c# and inner apostrophes. */
function wordsOf(text: string): string[] {
  const tokens = text.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}+#.'’-]*/gu) ?? [];
  return tokens.map((token) => token.replace(/’/g, "'").replace(/[.'-]+$/, "")).filter((token) => token !== "");
}

/** Longer "words" are hashes, run-together hashtags or junk, not topics. */
const MAX_WORD_LENGTH = 30;

function isContentWord(word: string): boolean {
  return word.length >= 2 && word.length <= MAX_WORD_LENGTH && !STOP_WORDS.has(word) && !/^\d+$/.test(word);
}

export function makeTopics(source: TopicSource): string[] {
  const titleWords = wordsOf(source.title);
  const pairs: string[] = [];
  const pairedWords: string[] = [];
  const loneWords: string[] = [];
  // Non-overlapping pairs of neighbours, so "blender geometry nodes" gives one pair and a lone word,
  // not two pairs that both say "geometry".
  for (let index = 0; index < titleWords.length; index += 1) {
    const word = titleWords[index] ?? "";
    if (!isContentWord(word)) continue;
    const next = titleWords[index + 1];
    if (next !== undefined && isContentWord(next)) {
      pairs.push(`${word} ${next}`);
      pairedWords.push(word, next);
      index += 1;
    } else {
      loneWords.push(word);
    }
  }
  const descriptionWords = wordsOf(source.description).filter((word) => isContentWord(word) && word.length >= 4);

  const topics = new Set<string>();
  for (const topic of [...pairs, ...loneWords, ...source.tools.map((tool) => tool.toLowerCase())]) {
    if (topics.size < MAX_TOPICS) topics.add(topic);
  }
  // Padding only reaches the minimum: halves of pairs and description words are weaker topics.
  for (const topic of [...pairedWords, ...descriptionWords, ...FILLER_TOPICS])
    if (topics.size < MIN_TOPICS) topics.add(topic);
  return [...topics];
}
