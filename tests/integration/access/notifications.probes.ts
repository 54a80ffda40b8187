import { db } from "@/lib/db/client";
import { loadNotificationLog, markRead, saveNotificationTemplate } from "@/lib/services/notifications/inbox";
import type { Side } from "../../support/access-world";
import type { ProbeTable } from "./types";

let seq = 0;

/** A notification in the inbox of one of the side's users, of the side's senior school. */
async function delivered(side: Side, recipientId: string): Promise<bigint> {
  const row = await db().notification.create({
    data: {
      kind: "APPLICATION_VERIFIED",
      recipientId,
      schoolId: side.senior.school.id,
      body: `探针通知${++seq}`,
      dispatchedAt: new Date(),
    },
  });
  return row.id;
}

/** Probes for notifications (lib/auth/access/notifications.ts). */
export const NOTIFICATION_PROBES: ProbeTable = {
  // Marks read a notification of the target's user of the caller's role (the caller's own on the own side).
  "notifications.inbox": async ({ caller, role, target }) => {
    const id = await delivered(target, target.users[role].id);
    const marked = await markRead(caller, { id: id.toString() });
    return marked.ok && (await db().notification.findUniqueOrThrow({ where: { id } })).readAt !== null;
  },
  // Finds a notification of the target's school (sent to its parent) in the school's log.
  "notifications.school_log": async ({ caller, target }) => {
    const id = await delivered(target, target.users.PARENT.id);
    const log = await loadNotificationLog(caller, {}, true);
    return log.ok && log.data.rows.some((row) => row.id === id);
  },
  // Saves a wording: carried out when the target's school now has it.
  "notifications.templates": async ({ caller, target }) => {
    const body = `{student}的申请已核实（探针${++seq}）`;
    const saved = await saveNotificationTemplate(caller, { kind: "APPLICATION_VERIFIED", body });
    if (!saved.ok) return false;
    const row = await db().notificationTemplate.findUnique({
      where: { schoolId_kind: { schoolId: target.senior.school.id, kind: "APPLICATION_VERIFIED" } },
    });
    return row?.body === body;
  },
};
