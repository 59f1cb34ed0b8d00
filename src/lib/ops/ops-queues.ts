/**
 * Names the /ops code reads pg-boss's tables by. Queries go straight to the job table because pg-boss
 * has no API for "durations over a window" or "failed jobs, newest first"; each one names the queue
 * (the job table is list-partitioned by it) and a time bound, so it walks pg-boss's own
 * (name, completed_on) / (name, created_on) indexes and nothing else.
 */
import { JOB_CONTRACTS } from "~/lib/jobs/registry";
import { BOSS_SCHEMA } from "~/server/boss";

/** pg-boss's job table, for plain-SQL queries (a constant, never user input). */
export const BOSS_JOB_TABLE = `"${BOSS_SCHEMA}"."job"`;
/** pg-boss's queue table: one row per queue with the counts its monitor keeps. */
export const BOSS_QUEUE_TABLE = `"${BOSS_SCHEMA}"."queue"`;

/** The queues jobs run on (dead-letter queues excluded), in registry order. */
export const WORK_QUEUES: readonly string[] = JOB_CONTRACTS.map((contract) => contract.name);

/** Each work queue's dead-letter queue. */
export const DEAD_LETTER_QUEUES: readonly string[] = JOB_CONTRACTS.map((contract) => contract.deadLetter);

export function isDeadLetterQueue(name: string): boolean {
  return DEAD_LETTER_QUEUES.includes(name);
}
