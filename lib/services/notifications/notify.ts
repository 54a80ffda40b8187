/**
 * The notifications API (docs/architecture.md, "Notifications"). A service that changes something people must
 * hear about calls `notify` (a few recipients), `notifyMany` (one INSERT … SELECT) or `notifyFanOut` (very many
 * recipients: one NotificationFanOut row, expanded by the delivery job) with its own transaction client: the
 * outbox rows are written in the event's transaction and commit or roll back with it. The delivery job
 * (lib/services/notifications/delivery-job.ts) then puts them in the inbox and sends the SMS.
 *
 *   await db().$transaction(async (tx) => {
 *     … the event's own writes …
 *     await notify(tx, { kind: "APPLICATION_RETURNED", recipients: { applicantsOf: [personId] }, schoolId,
 *                        params: { student, reason, deadline }, link: `/portal/apply/${personId}` });
 *   });
 *
 * Recipients: a list of user ids, or one of the recipient queries below. Reminder kinds need `dedupeKey`
 * (the Beijing day, `reminderDay(now)`): a second reminder of that kind to that person that day is not written.
 */
import "server-only";
import type { Tx } from "@/lib/db/client";
import { insertFanOut, type FanOutAudience } from "@/lib/db/notification-fan-out.repo";
import {
  applicantsSource,
  classTeachersSource,
  insertNotifications,
  regionSupervisorsSource,
  schoolAdminsSource,
  schoolApplicantsSource,
  schoolTemplateBody,
  usersSource,
  type RecipientSource,
} from "@/lib/db/notifications.repo";
import { NOTIFICATION_CATALOGUE, type NotificationKind } from "@/lib/domain/notifications/catalogue";
import { renderNotification, screenParams } from "@/lib/domain/notifications/content";
import { formatBeijingDate } from "@/lib/domain/time";

export type Recipients =
  | readonly string[]
  /** Each person's student account and the parents bound to the person. */
  | { applicantsOf: readonly string[] }
  /** Every applicant (application past draft) of the school's term: for fan-out use notifyMany. */
  | { schoolApplicants: { schoolId: string; termId: string } }
  | { classTeachersOf: string }
  | { schoolAdminsOf: string }
  | { regionSupervisorsOf: string };

export type NotificationContent = {
  /** The school the event belongs to (its wording, its admin's log); null for supervisors' events. */
  schoolId?: string | null;
  /** Placeholder values; only the kind's placeholders are used, free text is screened. */
  params: Record<string, string>;
  /** A path inside the app ("/portal/…", "/console/…"). */
  link?: string | null;
  /** Required for reminder kinds: `reminderDay(now)`. */
  dedupeKey?: string | null;
  /**
   * The school's own wording of the kind when the caller has read it already (null: none saved), so that a
   * run writing thousands of notifications (the reminders) reads each school's wording once; absent: read here.
   */
  wording?: string | null;
};

export type NotifyInput = NotificationContent & { kind: NotificationKind; recipients: Recipients };

/** The dedupe key of a reminder sent at `now`: its Beijing day. */
export function reminderDay(now: Date = new Date()): string {
  return formatBeijingDate(now);
}

export function recipientSource(recipients: Recipients): RecipientSource {
  if (Array.isArray(recipients)) return usersSource(recipients as readonly string[]);
  const query = recipients as Exclude<Recipients, readonly string[]>;
  if ("applicantsOf" in query) return applicantsSource(query.applicantsOf);
  if ("schoolApplicants" in query)
    return schoolApplicantsSource(query.schoolApplicants.schoolId, query.schoolApplicants.termId);
  if ("classTeachersOf" in query) return classTeachersSource(query.classTeachersOf);
  if ("schoolAdminsOf" in query) return schoolAdminsSource(query.schoolAdminsOf);
  return regionSupervisorsSource(query.regionSupervisorsOf);
}

/** Writes the event's notifications in `tx`; returns how many recipients get one. */
export async function notify(tx: Tx, input: NotifyInput): Promise<number> {
  return notifyMany(tx, input.kind, recipientSource(input.recipients), input);
}

/**
 * Fan-out: writes one notification per row of `source` (an SQL query yielding "userId", e.g. from
 * lib/db/notifications.repo.ts) in one statement, in `tx`.
 */
export async function notifyMany(
  tx: Tx,
  kind: NotificationKind,
  source: RecipientSource,
  content: NotificationContent,
): Promise<number> {
  const spec = NOTIFICATION_CATALOGUE[kind];
  if (spec.reminder && !content.dedupeKey)
    throw new Error(`notification ${kind} is a reminder: pass dedupeKey = reminderDay(now)`);
  const row = await renderRow(tx, kind, content);
  return insertNotifications(tx, source, { ...row, dedupeKey: content.dedupeKey ?? null });
}

/**
 * Fan-out to very many recipients (a school's applicants): writes ONE NotificationFanOut row in `tx` — the
 * rendered text and the audience as data — which the delivery job expands into the per-recipient notifications
 * (lib/db/notification-fan-out.repo.ts). It commits or rolls back with the event; the event's transaction stays
 * short whatever the number of recipients. Not for reminder kinds.
 */
export async function notifyFanOut(
  tx: Tx,
  kind: NotificationKind,
  audience: FanOutAudience,
  content: Omit<NotificationContent, "dedupeKey">,
): Promise<bigint> {
  if (NOTIFICATION_CATALOGUE[kind].reminder)
    throw new Error(`notification ${kind} is a reminder: use notify()`);
  return insertFanOut(tx, await renderRow(tx, kind, content), audience);
}

/** The text of a notification as every recipient gets it: the school's wording (or the catalogue's), rendered. */
async function renderRow(tx: Tx, kind: NotificationKind, content: NotificationContent) {
  const link = content.link ?? null;
  if (link !== null && !/^\/[^/\\]/.test(link))
    throw new Error(`notification link must be an app path: ${link}`);
  const schoolId = content.schoolId ?? null;
  const params = screenParams(kind, content.params);
  const own =
    content.wording !== undefined
      ? content.wording
      : schoolId && (await schoolTemplateBody(tx, schoolId, kind));
  const wording = own || NOTIFICATION_CATALOGUE[kind].template;
  const body = renderNotification(kind, wording, { ...params, link: link ?? "" });
  return { kind, schoolId, body, params, link };
}
