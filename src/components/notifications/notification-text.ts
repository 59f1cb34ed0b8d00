/**
 * The one place a notification's `kind` + `payload` become words and an action. The worker writes
 * payloads as JSON, so they are read defensively here: a missing field degrades the sentence rather than
 * breaking the page, and an unknown kind (one added on the server before this file) still reads well.
 */

export type NotificationAction = {
  label: string;
  href: string;
  /** A route handler or another site: needs a full page load, not client-side navigation. */
  isDocumentLink: boolean;
};

export type NotificationText = {
  /** Names the kind for screen readers and as a small eyebrow ("YouTube"). */
  category: string;
  message: string;
  action: NotificationAction | null;
  /** Needs the user to do something, so it is styled as a warning. */
  isActionRequired: boolean;
};

type NotificationLike = { kind: string; payload: unknown };

function readString(payload: unknown, key: string): string | null {
  if (typeof payload !== "object" || payload === null || !(key in payload)) return null;
  const value = (payload as Record<string, unknown>)[key];
  return typeof value === "string" && value.trim() ? value : null;
}

type Describe = (payload: unknown) => NotificationText;

const DESCRIBERS: Record<string, Describe> = {
  "youtube.reconnect_required": (payload) => {
    const channelTitle = readString(payload, "channelTitle");
    return {
      category: "YouTube",
      message: channelTitle
        ? `YouTube access for “${channelTitle}” expired — reconnect to keep importing.`
        : "YouTube access for your channel expired — reconnect to keep importing.",
      action: { label: "Reconnect", href: "/api/youtube/connect", isDocumentLink: true },
      isActionRequired: true,
    };
  },
};

const GENERIC: NotificationText = {
  category: "Showreel",
  message: "There's an update on your Showreel account.",
  action: null,
  isActionRequired: false,
};

export function describeNotification(notification: NotificationLike): NotificationText {
  const describe = Object.hasOwn(DESCRIBERS, notification.kind) ? DESCRIBERS[notification.kind] : undefined;
  return describe ? describe(notification.payload) : GENERIC;
}
