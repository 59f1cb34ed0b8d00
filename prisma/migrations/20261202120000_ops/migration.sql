-- The /ops page (issue 9): a minute-by-minute history of the queue, quota and sync figures (pg-boss and
-- the quota ledger keep only the present), and the last state each process's circuit breakers reported.
CREATE TABLE "OpsSample" (
    "sampledAt" TIMESTAMPTZ(3) NOT NULL,
    "quotaUsed" INTEGER NOT NULL,
    "quotaLimit" INTEGER NOT NULL,
    "syncLagSeconds" INTEGER NOT NULL,
    "dueChannels" INTEGER NOT NULL,

    CONSTRAINT "OpsSample_pkey" PRIMARY KEY ("sampledAt")
);

CREATE TABLE "OpsQueueSample" (
    "sampledAt" TIMESTAMPTZ(3) NOT NULL,
    "queue" TEXT NOT NULL,
    "ready" INTEGER NOT NULL,
    "deferred" INTEGER NOT NULL,
    "active" INTEGER NOT NULL,
    "failed" INTEGER NOT NULL,
    "completed" INTEGER NOT NULL,
    "p50Ms" INTEGER,
    "p95Ms" INTEGER,

    CONSTRAINT "OpsQueueSample_pkey" PRIMARY KEY ("sampledAt", "queue")
);
ALTER TABLE "OpsQueueSample" ADD CONSTRAINT "OpsQueueSample_sampledAt_fkey" FOREIGN KEY ("sampledAt") REFERENCES "OpsSample"("sampledAt") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "BreakerState" (
    "upstream" TEXT NOT NULL,
    "instance" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "changedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "BreakerState_pkey" PRIMARY KEY ("upstream", "instance")
);
CREATE INDEX "BreakerState_changedAt_idx" ON "BreakerState"("changedAt");
