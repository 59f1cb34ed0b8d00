import { experimental_standaloneMiddleware } from "@trpc/server";
import { lazyJobSender } from "~/lib/jobs/enqueue";
import { getSenderBoss } from "~/server/boss";

/** The web process's send-only pg-boss client, started by the first procedure that enqueues. */
const jobs = lazyJobSender(getSenderBoss);

/** Puts `ctx.jobs` (a JobSender) on the context: procedures hand it to the use cases that enqueue. */
export const jobsMiddleware = experimental_standaloneMiddleware().create(({ next }) => next({ ctx: { jobs } }));
