import type { AccessTable } from "./types";

/** Notifications (lib/services/notifications): everyone's own inbox and log, the school admin's log and wording. */
export const NOTIFICATION_ACCESS = {
  "notifications.inbox": {
    description:
      "read one's own notifications (inbox, unread count), mark them read, see one's own delivery log (发送记录) and unsubscribe from optional kinds",
    allow: {
      STUDENT: "self",
      PARENT: "bound-child",
      TEACHER: "own-classes",
      SCHOOL_ADMIN: "school",
      SCHOOL_LEADER: "school",
      SUPERVISOR: "region",
    },
  },
  "notifications.school_log": {
    description: "search the delivery log (发送记录) of every notification of the own school",
    allow: { SCHOOL_ADMIN: "school" },
  },
  "notifications.templates": {
    description: "edit the school's own wording of its notification kinds within their limits",
    allow: { SCHOOL_ADMIN: "school" },
  },
} as const satisfies AccessTable;
