/**
 * The inbox block of every home page (lib/services/notifications/inbox.ts `loadInbox`): the unread count of
 * all the caller's delivered notifications and the newest `take`, read in one statement; never another
 * person's, never one not yet delivered.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { loadInbox } from "@/lib/services/notifications/inbox";
import { makeRegionTree, makeSchool, makeStaff } from "../support/fixtures";
import { sessionUser } from "../support/session-user";

let teacher: Awaited<ReturnType<typeof makeStaff>>["user"];
let colleague: Awaited<ReturnType<typeof makeStaff>>["user"];

const note = (recipientId: string, body: string, opts: { read?: boolean; delivered?: boolean } = {}) =>
  db().notification.create({
    data: {
      kind: "SUBMISSION_RECEIVED",
      recipientId,
      body,
      dispatchedAt: opts.delivered === false ? null : new Date(),
      readAt: opts.read ? new Date() : null,
    },
  });

beforeAll(async () => {
  const { county } = await makeRegionTree();
  const school = await makeSchool(county.id, "SENIOR");
  teacher = (await makeStaff("TEACHER", { schoolId: school.school.id })).user;
  colleague = (await makeStaff("TEACHER", { schoolId: school.school.id })).user;
});

describe("the inbox block", () => {
  it("is empty with nothing delivered", async () => {
    const inbox = await loadInbox(sessionUser(teacher), 3);
    expect(inbox.ok ? inbox.data : null).toEqual({ unread: 0, items: [] });
  });

  it("counts every unread delivered notification and lists the newest, read or not", async () => {
    await note(teacher.id, "第一条", { read: true });
    await note(teacher.id, "第二条");
    await note(teacher.id, "第三条");
    await note(teacher.id, "第四条", { read: true });
    await note(teacher.id, "第五条");
    await note(teacher.id, "尚未送达", { delivered: false });
    await note(colleague.id, "同事的通知");
    const inbox = await loadInbox(sessionUser(teacher), 3);
    if (!inbox.ok) throw new Error(inbox.message);
    expect(inbox.data.unread).toBe(3);
    expect(inbox.data.items.map((item) => [item.body, item.read])).toEqual([
      ["第五条", false],
      ["第四条", true],
      ["第三条", false],
    ]);
    expect(inbox.data.items[0]!.label).toBeTruthy();
  });
});
