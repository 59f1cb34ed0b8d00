/**
 * Names the /ops code reads pg-boss's tables by. Queries go straight to the job table because pg-boss
 * has no API for "durations over a window" or "failed jobs, newest first"; each one names the queue
 * (the job table is list-partitioned by it) and a time bound, so it walks pg-boss's own
 * (name, completed_on) / (name, created_on) indexes and nothing else.
 */
import { BOSS_SCHEMA } from "~/server/boss";

/** pg-boss's job table, for plain-SQL queries (a constant, never user input). */
export const BOSS_JOB_TABLE = `"${BOSS_SCHEMA}"."job"`;
/** pg-boss's queue table: one row per queue with the counts its monitor keeps. */
export const BOSS_QUEUE_TABLE = `"${BOSS_SCHEMA}"."queue"`;

/**
 * A queue's place in the system, from pg-boss's queue table: every work queue names a dead-letter queue
 * (worker/queues.ts declares each contract's pair), and a dead-letter queue names none. So /ops and the gauges
 * learn the queues from the database the worker declared them in, not from a list in the web's code.
 */
export type QueueRole = { name: string; deadLetter: string | null };

/** The work queues among `queues` (dead-letter queues excluded), in their order. */
export function workQueuesOf(queues: readonly QueueRole[]): string[] {
  return queues.filter((queue) => queue.deadLetter != null).map((queue) => queue.name);
}

/** Maps each dead-letter queue to the work queue whose failures it receives. */
export function deadLetterOwners(queues: readonly QueueRole[]): Map<string, string> {
  return new Map(
    queues.flatMap((queue) => (queue.deadLetter == null ? [] : [[queue.deadLetter, queue.name] as const])),
  );
}
