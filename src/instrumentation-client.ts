/**
 * Runs in the browser before the app hydrates (Next's instrumentation-client convention; never on the server).
 *
 * Zod 4 probes, the first time it parses an object, whether it may compile parsers with `new Function`.
 * The content security policy allows no eval (src/server/content-security-policy.ts), so the probe was
 * refused and the browser reported a violation on every page with a form or a parsed input. The browser
 * parses little, so interpreted parsers cost nothing noticeable; the servers keep the compiled ones.
 */
import { config } from "zod/v4/core";

config({ jitless: true });
