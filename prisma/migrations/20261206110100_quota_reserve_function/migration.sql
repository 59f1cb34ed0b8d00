-- Quota reservation in one statement (src/lib/quota/reserve-quota.ts). Takes `units` from every scope in
-- order (the project first, then the user, so every caller locks rows in the same order and none deadlock)
-- or from none: a scope that refuses raises inside the block, which rolls back what the earlier scopes
-- took, and the function answers with the refusing scope. NULL means every scope paid.
-- A scope refuses when the units would pass its cap, or while its exhaustedUntil mark has not passed.
CREATE FUNCTION "reserve_quota"(
    "p_day" date,
    "p_scopes" text[],
    "p_limits" integer[],
    "p_caps" integer[],
    "p_units" integer,
    "p_now" timestamptz
) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    "i" integer;
BEGIN
    FOR "i" IN 1 .. cardinality("p_scopes") LOOP
        INSERT INTO "QuotaDay" ("day", "scope", "used", "limit", "updatedAt")
        SELECT "p_day", "p_scopes"["i"], "p_units", "p_limits"["i"], "p_now"
         WHERE "p_units" <= "p_caps"["i"]
        ON CONFLICT ("day", "scope") DO UPDATE
           SET "used" = "QuotaDay"."used" + EXCLUDED."used", "limit" = EXCLUDED."limit", "updatedAt" = EXCLUDED."updatedAt"
         WHERE "QuotaDay"."used" + EXCLUDED."used" <= "p_caps"["i"]
           AND ("QuotaDay"."exhaustedUntil" IS NULL OR "QuotaDay"."exhaustedUntil" <= "p_now");
        IF NOT FOUND THEN
            RAISE EXCEPTION USING ERRCODE = 'QR001', MESSAGE = "p_scopes"["i"];
        END IF;
    END LOOP;
    RETURN NULL;
EXCEPTION WHEN SQLSTATE 'QR001' THEN
    RETURN SQLERRM;
END
$$;
