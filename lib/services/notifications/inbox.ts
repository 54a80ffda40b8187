/**
 * What people see of their notifications: the inbox (every home page), marking read, the delivery log
 * (发送记录: one's own; the school admin's for the whole school), unsubscribing from optional kinds, and the
 * school admin's own wording of each kind (checked by lib/domain/notifications/content.ts).
 */
import "server-only";
import { z } from "zod";
import {
  readInbox,
  listOwnLog,
  listSchoolLog,
  listSchoolTemplates,
  listUnsubscribes,
  markNotificationsRead,
  replaceUnsubscribes,
  saveSchoolTemplate,
  type LogFilter,
} from "@/lib/db/notification-inbox.repo";
import {
  NOTIFICATION_CATALOGUE,
  NOTIFICATION_KINDS,
  OPTIONAL_KINDS,
  SCHOOL_EDITABLE_KINDS,
  type NotificationAudience,
  type NotificationKind,
} from "@/lib/domain/notifications/catalogue";
import { checkTemplate } from "@/lib/domain/notifications/content";
import { fail, ok, type ActionResult } from "@/lib/domain/result";
import type { SessionUser } from "@/lib/domain/session-user";
import { beijingStartOfDay } from "@/lib/domain/time";
import { parseInput } from "@/lib/forms/field-errors";
import { audit } from "../audit";
import { accessContext, schoolContext } from "../context";

export type { LogRow } from "@/lib/db/notification-inbox.repo";

export type InboxItem = {
  id: string;
  kind: NotificationKind;
  label: string;
  body: string;
  link: string | null;
  createdAt: Date;
  read: boolean;
};

/** The caller's unread count and newest notifications (`take` of them). */
export async function loadInbox(
  user: SessionUser,
  take = 50,
): Promise<ActionResult<{ unread: number; items: InboxItem[] }>> {
  const ctx = accessContext(user, "notifications.inbox");
  if (!ctx.ok) return ctx;
  const { unread, rows } = await readInbox(ctx.data.scope, take);
  return ok({
    unread,
    items: rows.map((row) => ({
      id: row.id.toString(),
      kind: row.kind,
      label: NOTIFICATION_CATALOGUE[row.kind].label,
      body: row.body,
      link: row.link,
      createdAt: row.createdAt,
      read: row.readAt !== null,
    })),
  });
}

const readSchema = z.object({
  id: z
    .string()
    .regex(/^(?:all|[0-9]{1,18})$/, "通知编号无效")
    .max(18),
});

/** Marks one of the caller's notifications read, or all (`id` "all"). Another person's is simply not found. */
export async function markRead(user: SessionUser, raw: unknown): Promise<ActionResult<{ marked: number }>> {
  const ctx = accessContext(user, "notifications.inbox");
  if (!ctx.ok) return ctx;
  const input = parseInput(readSchema, raw);
  if (!input.ok) return input;
  const id = input.data.id === "all" ? null : BigInt(input.data.id);
  const marked = await markNotificationsRead(ctx.data.scope, id, new Date());
  if (id !== null && marked === 0) return fail("NOT_FOUND", "没有找到这条未读通知。");
  return ok({ marked });
}

const day = z
  .string()
  .regex(/^(?:|\d{4}-\d{2}-\d{2})$/, "日期格式应为 YYYY-MM-DD")
  .optional();
const logQuerySchema = z.object({
  kind: z.union([z.enum(NOTIFICATION_KINDS), z.literal("")]).optional(),
  channel: z.enum(["", "INBOX", "SMS"]).optional(),
  status: z.enum(["", "PENDING", "DELIVERED", "FAILED"]).optional(),
  recipient: z.string().trim().max(40, "收件人姓名最多 40 个字").optional(),
  from: day,
  to: day,
});
export type LogQuery = z.infer<typeof logQuerySchema>;

function filterOf(query: LogQuery): LogFilter {
  const next = (date: string) => new Date(beijingStartOfDay(date).getTime() + 86_400_000);
  return {
    kind: query.kind || undefined,
    channel: query.channel || undefined,
    status: query.status || undefined,
    recipient: query.recipient || undefined,
    from: query.from ? beijingStartOfDay(query.from) : undefined,
    to: query.to ? next(query.to) : undefined,
  };
}

const LOG_ROWS = 200;

/**
 * The delivery log: the school admin's is the school's (every recipient), everyone else's their own.
 * `school` asks for the school's log (refused to anyone but the school admin).
 */
export async function loadNotificationLog(user: SessionUser, raw: unknown, school: boolean) {
  const input = parseInput(logQuerySchema, raw);
  if (!input.ok) return input;
  const filter = filterOf(input.data);
  if (school) {
    const ctx = schoolContext(user, "notifications.school_log");
    if (!ctx.ok) return ctx;
    const rows = await listSchoolLog({ ...ctx.data.scope, schoolId: ctx.data.schoolId }, filter, LOG_ROWS);
    return ok({ school: true, query: input.data, rows });
  }
  const ctx = accessContext(user, "notifications.inbox");
  if (!ctx.ok) return ctx;
  const rows = await listOwnLog(ctx.data.scope, { ...filter, recipient: undefined }, LOG_ROWS);
  return ok({ school: false, query: input.data, rows });
}

/** The audiences a role receives notifications as. */
function audiencesOf(role: SessionUser["role"]): NotificationAudience[] {
  switch (role) {
    case "STUDENT":
    case "PARENT":
      return ["APPLICANT"];
    case "TEACHER":
      return ["TEACHER"];
    case "SCHOOL_ADMIN":
      return ["SCHOOL_ADMIN"];
    case "SCHOOL_LEADER":
      return [];
    case "SUPERVISOR":
      return ["SUPERVISOR"];
  }
}

/** The optional kinds the caller may receive, each with whether they unsubscribed. */
export async function loadNotificationSettings(user: SessionUser) {
  const ctx = accessContext(user, "notifications.inbox");
  if (!ctx.ok) return ctx;
  const audiences = audiencesOf(user.role);
  const offered = OPTIONAL_KINDS.filter((kind) => audiences.includes(NOTIFICATION_CATALOGUE[kind].audience));
  const off = new Set(await listUnsubscribes(ctx.data.scope));
  return ok(
    offered.map((kind) => ({ kind, label: NOTIFICATION_CATALOGUE[kind].label, subscribed: !off.has(kind) })),
  );
}

/** Saves which optional kinds the caller receives: `receive` lists the kinds kept (form checkboxes). */
export async function saveNotificationSettings(
  user: SessionUser,
  raw: unknown,
): Promise<ActionResult<undefined>> {
  const settings = await loadNotificationSettings(user);
  if (!settings.ok) return settings;
  const offered = settings.data.map((item) => item.kind);
  const input = parseInput(
    z.object({ receive: z.array(z.enum(NOTIFICATION_KINDS)).max(NOTIFICATION_KINDS.length).default([]) }),
    raw,
  );
  if (!input.ok) return input;
  const receive = new Set(input.data.receive);
  const ctx = accessContext(user, "notifications.inbox");
  if (!ctx.ok) return ctx;
  await replaceUnsubscribes(
    ctx.data.scope,
    offered,
    offered.filter((kind) => !receive.has(kind)),
  );
  return ok(undefined);
}

/** Every kind the school may word itself: the default, the school's own wording if saved, the limits. */
export async function loadNotificationTemplates(user: SessionUser) {
  const ctx = schoolContext(user, "notifications.templates");
  if (!ctx.ok) return ctx;
  const own = new Map(
    (await listSchoolTemplates({ ...ctx.data.scope, schoolId: ctx.data.schoolId })).map((row) => [
      row.kind,
      row,
    ]),
  );
  return ok(
    SCHOOL_EDITABLE_KINDS.map((kind) => {
      const spec = NOTIFICATION_CATALOGUE[kind];
      return {
        kind,
        label: spec.label,
        audience: spec.audience,
        template: spec.template,
        placeholders: spec.placeholders,
        maxLength: spec.maxLength,
        own: own.get(kind)?.body ?? null,
      };
    }),
  );
}

const templateSchema = z.object({
  kind: z.enum(NOTIFICATION_KINDS, { message: "请选择通知类型" }),
  body: z.string().max(2000, "通知内容过长，请删减").default(""),
  reset: z.enum(["", "yes"]).optional(),
});

/** Saves the school's wording of a kind (checked), or goes back to the default (`reset`). */
export async function saveNotificationTemplate(
  user: SessionUser,
  raw: unknown,
): Promise<ActionResult<{ reset: boolean }>> {
  const ctx = schoolContext(user, "notifications.templates");
  if (!ctx.ok) return ctx;
  const input = parseInput(templateSchema, raw);
  if (!input.ok) return input;
  const { kind } = input.data;
  if (!SCHOOL_EDITABLE_KINDS.includes(kind))
    return fail("INVALID", "主管部门的通知不能由学校修改。", { kind: "主管部门的通知不能由学校修改" });
  const scope = { ...ctx.data.scope, schoolId: ctx.data.schoolId };
  const target = { type: "NotificationTemplate" as const, id: `${ctx.data.schoolId}:${kind}` };
  if (input.data.reset === "yes") {
    await saveSchoolTemplate(scope, kind, null);
    await audit(ctx.data, "notifications.template_reset", target, { kind });
    return ok({ reset: true });
  }
  const checked = checkTemplate(kind, input.data.body);
  if (!checked.ok) return checked;
  await saveSchoolTemplate(scope, kind, checked.data.body);
  await audit(ctx.data, "notifications.template_save", target, { kind, body: checked.data.body });
  return ok({ reset: false });
}
