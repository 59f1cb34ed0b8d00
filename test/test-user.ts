// Test fixtures shared by integration tests: users and tRPC contexts for them.
import { randomUUID } from "node:crypto";
import { db } from "~/server/db";
import { createContextInner, type ContextSession } from "~/trpc/context";

export async function createTestUser(options: { role?: "user" | "admin" } = {}) {
  const id = randomUUID();
  const role = options.role ?? "user";
  await db.user.create({ data: { id, name: `Test ${role}`, email: `${id}@test.showreel.local`, role } });
  const session: ContextSession = {
    sessionId: randomUUID(),
    user: { id, email: `${id}@test.showreel.local`, name: `Test ${role}`, role },
  };
  return { id, session, context: createContextInner({ session }) };
}
