import { countUnreadNotifications } from "~/lib/notifications/count-unread-notifications";
import { listNotifications } from "~/lib/notifications/list-notifications";
import { markNotificationsRead } from "~/lib/notifications/mark-notifications-read";
import {
  listNotificationsInputSchema,
  markNotificationsReadInputSchema,
} from "~/lib/notifications/notifications.schema";
import { createTRPCRouter, protectedProcedure } from "../init";

export const notificationsRouter = createTRPCRouter({
  list: protectedProcedure
    .input(listNotificationsInputSchema)
    .query(({ ctx, input }) => listNotifications({ userId: ctx.session.user.id, ...input })),

  unreadCount: protectedProcedure.query(({ ctx }) => countUnreadNotifications({ userId: ctx.session.user.id })),

  markRead: protectedProcedure
    .input(markNotificationsReadInputSchema)
    .mutation(({ ctx, input }) => markNotificationsRead({ userId: ctx.session.user.id, ...input })),
});
