/**
 * 备案 and training records of the support desk (lib/services/support-records.ts, migration 542): a city files
 * its support contact once per year (edited, never duplicated), only a city may file, the cities' schools see
 * it and no other city's; the province sees the missing cities, overdue after 30 September (Beijing time).
 * Training: attendees only from the recorder's subtree, the list of users without a training this year
 * (calendar or academic, paged in SQL), each user's own history.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import {
  ATTENDEE_OUTSIDE_MESSAGE,
  CITY_ONLY_MESSAGE,
  fileCityContact,
  loadCityContact,
  loadFilingPage,
  loadOwnTraining,
  loadUntrained,
  recordTraining,
} from "@/lib/services/support-records";
import { makeRegionTree, makeSchool, makeStaff } from "../support/fixtures";
import { ownerDb } from "../support/owner-db";
import { sessionUser } from "../support/session-user";

let provinceSup: SessionUser, citySup: SessionUser, countySup: SessionUser;
let teacher: SessionUser, admin: SessionUser, otherTeacher: SessionUser, shenzhenTeacher: SessionUser;
let shenzhenSup: SessionUser;
let countyPath: string;

const supervisorOf = async (region: { id: string; path: string }) =>
  sessionUser((await makeStaff("SUPERVISOR", { regionId: region.id })).user, { regionPath: region.path });

beforeAll(async () => {
  const { province, city, county } = await makeRegionTree();
  const other = await makeRegionTree();
  countyPath = county.path;
  const shenzhen = await db().region.upsert({
    where: { code: "440300" },
    update: {},
    create: { code: "440300", name: "深圳市", level: "CITY", parentId: province.id, path: "/440000/440300/" },
  });
  const futian = await db().region.upsert({
    where: { code: "440304" },
    update: {},
    create: {
      code: "440304",
      name: "福田区",
      level: "COUNTY",
      parentId: shenzhen.id,
      path: "/440000/440300/440304/",
    },
  });
  const school = await makeSchool(county.id, "JUNIOR");
  const otherSchool = await makeSchool(other.county.id, "JUNIOR");
  const shenzhenSchool = await makeSchool(futian.id, "JUNIOR");
  provinceSup = await supervisorOf(province);
  citySup = await supervisorOf(city);
  shenzhenSup = await supervisorOf(shenzhen);
  countySup = await supervisorOf(county);
  teacher = sessionUser((await makeStaff("TEACHER", { schoolId: school.school.id })).user);
  admin = sessionUser((await makeStaff("SCHOOL_ADMIN", { schoolId: school.school.id })).user);
  otherTeacher = sessionUser((await makeStaff("TEACHER", { schoolId: otherSchool.school.id })).user);
  shenzhenTeacher = sessionUser((await makeStaff("TEACHER", { schoolId: shenzhenSchool.school.id })).user);
});

const contact = { phone: "020-83334567", mailbox: "zizhu@gz.example.cn", staffNames: "王敏、李强" };
const september = new Date("2031-09-10T04:00:00Z");

describe("备案 of a city's support contact", () => {
  it("a city files once per year; filing again corrects the same row", async () => {
    expect((await fileCityContact(citySup, contact, september)).ok).toBe(true);
    const again = await fileCityContact(citySup, { ...contact, phone: "020-83330000" }, september);
    expect(again.ok).toBe(true);
    const rows = await db().supportContactFiling.findMany({
      where: { year: 2031, city: { code: "440100" } },
    });
    expect(rows.map((row) => row.phone)).toEqual(["020-83330000"]);
  });

  it("a county or the province cannot file; bad input names the field", async () => {
    for (const user of [countySup, provinceSup]) {
      const refused = await fileCityContact(user, contact, september);
      expect(refused).toMatchObject({ ok: false, code: "FORBIDDEN", message: CITY_ONLY_MESSAGE });
    }
    const bad = await fileCityContact(citySup, { ...contact, mailbox: "not-a-mailbox" }, september);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.fieldErrors?.mailbox).toContain("受理邮箱");
  });

  it("the database accepts a filing of a city only", async () => {
    const county = await db().region.findFirstOrThrow({ where: { path: countyPath } });
    await expect(
      ownerDb().supportContactFiling.create({
        data: { cityId: county.id, year: 2031, ...contact, updatedById: countySup.id },
      }),
    ).rejects.toThrow(/city/);
  });

  it("the schools and counties under the city see its contact; another city's school does not", async () => {
    for (const user of [teacher, admin, countySup]) {
      const seen = await loadCityContact(user, september);
      expect(seen.ok && seen.data).toMatchObject({ cityName: "广州市", currentYear: true });
      expect(seen.ok && seen.data?.filing?.phone).toBe("020-83330000");
    }
    const elsewhere = await loadCityContact(shenzhenTeacher, september);
    expect(elsewhere.ok && elsewhere.data).toMatchObject({ cityName: "深圳市", filing: null });
    const province = await loadCityContact(provinceSup, september);
    expect(province.ok && province.data).toBeNull();
  });

  it("the province sees the missing cities: due in September, overdue after 30 September Beijing time", async () => {
    const inSeptember = await loadFilingPage(provinceSup, september);
    expect(inSeptember.ok).toBe(true);
    if (!inSeptember.ok) return;
    const byCode = (code: string) => inSeptember.data.cities.find((city) => city.code === code);
    expect(byCode("440100")?.status).toBe("FILED");
    expect(byCode("440300")?.status).toBe("DUE");
    // 2031-09-30 23:59 Beijing is still September; 2031-10-01 00:00 Beijing is overdue.
    const lastMinute = await loadFilingPage(provinceSup, new Date("2031-09-30T15:59:00Z"));
    expect(lastMinute.ok && lastMinute.data.cities.find((c) => c.code === "440300")?.status).toBe("DUE");
    const october = await loadFilingPage(provinceSup, new Date("2031-09-30T16:00:00Z"));
    expect(october.ok && october.data.cities.find((c) => c.code === "440300")?.status).toBe("OVERDUE");
    // Missing ones first.
    expect(october.ok && october.data.cities[0]?.status).toBe("OVERDUE");
    // A city sees its own state only; a county has no cities below it.
    const shenzhenPage = await loadFilingPage(shenzhenSup, september);
    expect(shenzhenPage.ok && shenzhenPage.data.cities.map((c) => c.code)).toEqual(["440300"]);
    const countyPage = await loadFilingPage(countySup, september);
    expect(countyPage.ok && countyPage.data.cities).toEqual([]);
  });
});

describe("training records", () => {
  const session = { day: "2031-03-15", topic: "资助系统操作培训", way: "ONSITE", trainer: "省助学办" };

  it("a county records a session with its own users; another county's user is refused and nothing is written", async () => {
    const refused = await recordTraining(countySup, {
      ...session,
      attendeeIds: [teacher.id, otherTeacher.id],
    });
    expect(refused).toMatchObject({ ok: false, message: ATTENDEE_OUTSIDE_MESSAGE });
    expect(await db().trainingSession.count({ where: { createdById: countySup.id } })).toBe(0);
    const done = await recordTraining(countySup, { ...session, attendeeIds: [teacher.id, teacher.id] });
    expect(done.ok && done.data.attendees).toBe(1);
    const noOne = await recordTraining(countySup, { ...session, attendeeIds: [] });
    expect(noOne.ok).toBe(false);
  });

  it("the untrained list of the subtree leaves out the trained, by calendar or academic year, paged", async () => {
    const calendar = await loadUntrained(countySup, "calendar", "1", new Date("2031-06-01T00:00:00Z"));
    expect(calendar.ok).toBe(true);
    if (!calendar.ok) return;
    const ids = calendar.data.rows.map((row) => row.id);
    expect(ids).toContain(admin.id);
    expect(ids).toContain(countySup.id);
    expect(ids).not.toContain(teacher.id);
    expect(ids).not.toContain(otherTeacher.id);
    expect(calendar.data.yearLabel).toBe("2031年（自然年）");
    // In the academic year from September 2031 the March session does not count.
    const academic = await loadUntrained(countySup, "academic", "1", new Date("2031-10-01T00:00:00Z"));
    expect(academic.ok && academic.data.rows.map((row) => row.id)).toContain(teacher.id);
    expect(academic.ok && academic.data.yearLabel).toBe("2031–2032学年");
    // Past the last page: no rows, the total still told.
    const beyond = await loadUntrained(countySup, "calendar", "999", new Date("2031-06-01T00:00:00Z"));
    expect(beyond.ok && beyond.data).toMatchObject({ rows: [], total: calendar.data.total });
  });

  it("a user sees their own history only", async () => {
    const own = await loadOwnTraining(teacher);
    expect(own.ok && own.data.map((row) => row.topic)).toEqual(["资助系统操作培训"]);
    const other = await loadOwnTraining(otherTeacher);
    expect(other.ok && other.data).toEqual([]);
  });
});
