-- WebSub replay protection (issue 11). A signed push stays valid for ever, so anyone who captured one could
-- send it again (re-marking a restored video deleted, or forcing checks). Each verified push's digest is
-- kept; a body seen before is dropped. sync.prune-runs removes digests past their retention.
CREATE TABLE "WebSubDelivery" (
    "digest" TEXT NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebSubDelivery_pkey" PRIMARY KEY ("digest")
);

CREATE INDEX "WebSubDelivery_receivedAt_idx" ON "WebSubDelivery"("receivedAt");
