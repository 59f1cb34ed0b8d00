import { describe, expect, it } from "vitest";
import { db } from "~/server/db";
import { createCaller } from "~/trpc/routers/_app";
import { createTestUser } from "@test/test-user";
import { isAdmin } from "./is-admin";

describe("admin authority", () => {
  it("is the user row's role now, not the role a cached session carries", async () => {
    const admin = await createTestUser({ role: "admin" });
    const caller = createCaller(admin.context);
    await expect(caller.ops.overview()).resolves.toBeTruthy();

    // Demoted in the database: the session (as a cache cookie would) still says admin, and is refused at once.
    await db.user.update({ where: { id: admin.id }, data: { role: "user" } });
    expect(admin.session?.user.role).toBe("admin");
    expect(await isAdmin(admin.id)).toBe(false);
    await expect(caller.ops.overview()).rejects.toMatchObject({ code: "FORBIDDEN" });

    // Promoted: allowed on the next call, though the session still says user.
    const user = await createTestUser();
    const userCaller = createCaller(user.context);
    await expect(userCaller.ops.overview()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await db.user.update({ where: { id: user.id }, data: { role: "admin" } });
    await expect(userCaller.ops.overview()).resolves.toBeTruthy();
  });

  it("is nobody's once the user is gone", async () => {
    const admin = await createTestUser({ role: "admin" });
    await db.user.delete({ where: { id: admin.id } });
    expect(await isAdmin(admin.id)).toBe(false);
  });
});
