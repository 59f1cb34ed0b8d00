/**
 * The LLM stand-in's own state on EmulatorState: how it misbehaves (the mode set through
 * /_emulator/llm) and a completion counter for ids. A reset makes a fresh one, back to "normal".
 */

/**
 * "normal" answers the analysis JSON; "fixed" answers one analysis whatever the video says (so a test
 * can tell the AI's tags from the catalog matcher's, which find tools by the same words); the others are
 * the ways a real model breaks a JSON contract, so the app's fallback can be tested: chatty prose, JSON
 * cut off mid-array, valid JSON of the wrong shape, and a reply with no choices at all.
 */
export const LLM_MODES = ["normal", "fixed", "prose", "invalid_json", "wrong_shape", "empty_choices"] as const;
export type LlmMode = (typeof LLM_MODES)[number];

export class LlmState {
  mode: LlmMode = "normal";
  private completions = 0;

  /** 1, 2, 3, … per completion since the last reset: the ids' seed, so a run reproduces its ids. */
  nextCompletionNumber(): number {
    this.completions += 1;
    return this.completions;
  }
}
