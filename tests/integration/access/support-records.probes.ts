import { db } from "@/lib/db/client";
import type { SessionUser } from "@/lib/auth/session";
import {
  fileCityContact,
  loadCityContact,
  loadFilingPage,
  loadOwnTraining,
  loadUntrained,
  recordTraining,
} from "@/lib/services/support-records";
import { makeStaff } from "../../support/fixtures";
import { sessionUser } from "../../support/session-user";
import type { ProbeTable } from "./types";

let seq = 0;
const unique = () => `${Date.now().toString(36)}${++seq}`;

const cache = new Map<string, SessionUser>();
/** A supervisor of the region with `code` (made once; the world's own supervisors are county ones). */
async function supervisorOf(
  code: string,
  create: { name: string; level: "PROVINCE" | "CITY"; parent?: string },
) {
  const known = cache.get(code);
  if (known) return known;
  const parent = create.parent
    ? await db().region.findUniqueOrThrow({ where: { code: create.parent } })
    : null;
  const region = await db().region.upsert({
    where: { code },
    update: {},
    create: {
      code,
      name: create.name,
      level: create.level,
      parentId: parent?.id ?? null,
      path: `${parent?.path ?? "/"}${code}/`,
    },
  });
  const { user } = await makeStaff("SUPERVISOR", { regionId: region.id });
  const made = sessionUser(user, { regionPath: region.path });
  cache.set(code, made);
  return made;
}
const guangzhouSupervisor = () => supervisorOf("440100", { name: "广州市", level: "CITY" });
const guangdongSupervisor = () => supervisorOf("440000", { name: "广东省", level: "PROVINCE" });
const guangxiSupervisor = () => supervisorOf("450000", { name: "广西壮族自治区", level: "PROVINCE" });
const shenzhen = async () =>
  db().region.upsert({
    where: { code: "440300" },
    update: {},
    create: {
      code: "440300",
      name: "深圳市",
      level: "CITY",
      parentId: (await db().region.findUniqueOrThrow({ where: { code: "440000" } })).id,
      path: "/440000/440300/",
    },
  });

/** Probes for 备案 and training records (lib/auth/access/support.ts, lib/services/support-records.ts). */
export const SUPPORT_RECORDS_PROBES: ProbeTable = {
  // Own: the phone of the caller's city (both sides are in 广州); other: 深圳's, which never shows.
  "support_contact.view": async ({ caller, target }) => {
    const city =
      target.name === "A"
        ? await db().region.findUniqueOrThrow({ where: { code: "440100" } })
        : await shenzhen();
    const phone = `020-${unique()}`.slice(0, 40);
    // Each probe files a later year than the last, so the caller's city shows this one (its newest).
    const year = 2030 + seq;
    await db().supportContactFiling.upsert({
      where: { cityId_year: { cityId: city.id, year } },
      create: { cityId: city.id, year, phone, mailbox: "a@b.cn", staffNames: "探针", updatedById: caller.id },
      update: { phone },
    });
    const seen = await loadCityContact(caller);
    return seen.ok && seen.data?.filing?.phone === phone;
  },
  // Own: a supervisor of side A's city (广州); other: the caller itself — a county supervisor may not file.
  "support_contact.file": async ({ caller, target }) => {
    const actor = caller.role === "SUPERVISOR" && target.name === "A" ? await guangzhouSupervisor() : caller;
    const staffNames = `探针${unique()}`;
    await fileCityContact(actor, { phone: "020-12345678", mailbox: "zz@gz.cn", staffNames });
    return (await db().supportContactFiling.findFirst({ where: { staffNames } })) !== null;
  },
  // Own: the province above side A lists 广州; other: another province's supervisor, who never sees it.
  "support_contact.overview": async ({ caller, target }) => {
    const actor =
      caller.role !== "SUPERVISOR"
        ? caller
        : target.name === "A"
          ? await guangdongSupervisor()
          : await guangxiSupervisor();
    const page = await loadFilingPage(actor);
    return page.ok && page.data.cities.some((city) => city.code === "440100");
  },
  // Own: a session with the own county's teacher; other: with the other county's teacher (refused).
  "training.record": async ({ caller, target }) => {
    const topic = `探针培训${unique()}`;
    await recordTraining(caller, {
      day: "2020-05-01",
      topic,
      way: "ONSITE",
      trainer: "探针",
      attendeeIds: [target.users.TEACHER.id],
    });
    return (await db().trainingSession.findFirst({ where: { topic } })) !== null;
  },
  // The target side's junior-school teacher (never trained by a probe) is on the caller's list only on the own side.
  "training.untrained": async ({ caller, target }) => {
    const wanted = target.juniorStaff.TEACHER.id;
    for (let page = 1; page <= 40; page++) {
      const list = await loadUntrained(caller, "calendar", String(page));
      if (!list.ok) return false;
      if (list.data.rows.some((row) => row.id === wanted)) return true;
      if (page >= list.data.pages) return false;
    }
    return false;
  },
  // A session the target side's user of the caller's role attended shows in the caller's history only when it is theirs.
  "training.view_own": async ({ caller, role, target }) => {
    const attendee = target.users[role];
    const topic = `探针经历${unique()}`;
    const region = await db().region.findUniqueOrThrow({ where: { id: target.countyId } });
    await db().trainingSession.create({
      data: {
        regionId: region.id,
        day: new Date("2020-06-01T00:00:00Z"),
        topic,
        way: "ONLINE",
        trainer: "探针",
        createdById: target.users.SUPERVISOR.id,
        attendees: { create: [{ userId: attendee.id }] },
      },
    });
    const history = await loadOwnTraining(caller);
    return history.ok && history.data.some((row) => row.topic === topic);
  },
};
