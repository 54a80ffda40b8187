/**
 * The region tree and school registry (lib/services/school-registry.ts): supervisors maintain them within
 * their subtree only; a county never sees or changes another county's school, by id or by 学校标识码; the
 * .xlsx import reports every bad row with its number and reason and saves the good ones.
 */
import { readFile } from "node:fs/promises";
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import {
  addRegion,
  importRegistry,
  renameRegionInSubtree,
  saveRegistrySchool,
  viewRegistry,
  writeRegistryExport,
} from "@/lib/services/school-registry";
import { makeRegionTree, makeSchool, makeStaff } from "../support/fixtures";
import { sessionUser } from "../support/session-user";
import { memoryWriter, writeXlsx } from "../support/student-roster-file";

type Region = { id: string; code: string; path: string };
const supervisorOf = async (region: Region) =>
  sessionUser((await makeStaff("SUPERVISOR", { regionId: region.id })).user, { regionPath: region.path });
const HEADERS = ["学校标识码", "学校名称", "学段", "是否村小", "所在区县代码"];

let city: Region, countyA: Region, countyB: Region, otherCity: Region;
let citySup: SessionUser, countyASup: SessionUser, countyBSup: SessionUser;
let schoolA: { id: string; code: string; name: string }, schoolB: { id: string; code: string; name: string };
let seq = 0;
const code10 = () => `48${String(Date.now() % 1e6).padStart(6, "0")}${String(++seq).padStart(2, "0")}`;

beforeAll(async () => {
  const treeA = await makeRegionTree();
  const treeB = await makeRegionTree();
  city = treeA.city;
  countyA = treeA.county;
  countyB = treeB.county;
  otherCity = await db().region.upsert({
    where: { code: "440200" },
    update: {},
    create: {
      code: "440200",
      name: "韶关市",
      level: "CITY",
      parentId: treeA.province.id,
      path: "/440000/440200/",
    },
  });
  citySup = await supervisorOf(city);
  countyASup = await supervisorOf(countyA);
  countyBSup = await supervisorOf(countyB);
  schoolA = (await makeSchool(countyA.id)).school;
  schoolB = (await makeSchool(countyB.id)).school;
});

describe("region tree", () => {
  it("a city adds a county with a code of its own; bad, duplicate and outside codes are refused", async () => {
    const code = `4401${String(91 + (Date.now() % 8))}`;
    const added = await addRegion(citySup, { parentId: city.id, code, name: "新设区" });
    expect(added.ok).toBe(true);
    const row = await db().region.findUniqueOrThrow({ where: { code } });
    expect(row).toMatchObject({ level: "COUNTY", path: `${city.path}${code}/` });
    expect(await addRegion(citySup, { parentId: city.id, code, name: "重复" })).toMatchObject({
      code: "CONFLICT",
      fieldErrors: { code: expect.any(String) },
    });
    expect(await addRegion(citySup, { parentId: city.id, code: "450101", name: "外省" })).toMatchObject({
      code: "INVALID",
      fieldErrors: { code: expect.any(String) },
    });
    expect(await addRegion(citySup, { parentId: otherCity.id, code: "440299", name: "他市" })).toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await addRegion(countyASup, { parentId: countyA.id, code: "440199", name: "街道" })).toMatchObject(
      {
        code: "REFUSED",
      },
    );
  });

  it("renames below one's own level only, and never another county", async () => {
    expect(await renameRegionInSubtree(countyASup, { id: countyA.id, name: "自改名" })).toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await renameRegionInSubtree(countyASup, { id: countyB.id, name: "他县" })).toMatchObject({
      code: "NOT_FOUND",
    });
    const before = await db().region.findUniqueOrThrow({ where: { id: countyB.id } });
    expect(before.name).not.toBe("他县");
    const renamed = await renameRegionInSubtree(citySup, {
      id: countyA.id,
      name: before.name.replace("测试区", "测试县"),
    });
    expect(renamed.ok).toBe(true);
  });
});

describe("school registry", () => {
  it("a county sees its own schools only", async () => {
    const result = await viewRegistry(countyASup);
    if (!result.ok) throw new Error(result.message);
    const ids = result.data.schools.map((school) => school.id);
    expect(ids).toContain(schoolA.id);
    expect(ids).not.toContain(schoolB.id);
    expect(result.data.regions.map((region) => region.id)).toEqual([countyA.id]);
  });

  it("adds and updates its school; another county's code or school is refused and unchanged", async () => {
    const code = code10();
    const added = await saveRegistrySchool(countyASup, {
      code,
      name: "新建小学",
      stages: "小学、初中",
      isVillage: "是",
      regionCode: countyA.code,
    });
    expect(added).toMatchObject({ ok: true, data: { created: true } });
    expect(await db().school.findUniqueOrThrow({ where: { code } })).toMatchObject({
      regionId: countyA.id,
      stages: ["PRIMARY", "JUNIOR"],
      isVillage: true,
    });
    const updated = await saveRegistrySchool(countyASup, {
      code,
      name: "新建小学（更名）",
      stages: "小学",
      isVillage: "否",
      regionCode: countyA.code,
    });
    expect(updated).toMatchObject({ ok: true, data: { created: false } });

    expect(
      await saveRegistrySchool(countyASup, {
        code: code10(),
        name: "他县",
        stages: "小学",
        regionCode: countyB.code,
      }),
    ).toMatchObject({ code: "INVALID", fieldErrors: { regionCode: expect.any(String) } });
    const tampered = await saveRegistrySchool(countyASup, {
      code: schoolB.code,
      name: "被篡改",
      stages: "小学",
      regionCode: countyA.code,
    });
    expect(tampered).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
      fieldErrors: { code: expect.any(String) },
    });
    expect(await db().school.findUniqueOrThrow({ where: { id: schoolB.id } })).toMatchObject({
      name: schoolB.name,
      regionId: countyB.id,
    });
    expect(
      await saveRegistrySchool(countyASup, {
        code: "12",
        name: "",
        stages: "大学",
        regionCode: countyA.code,
      }),
    ).toMatchObject({ code: "INVALID", fieldErrors: { code: expect.any(String) } });
  });

  it("imports good rows and reports every bad row with its number and reason", async () => {
    const good = code10();
    const file = await writeXlsx(`registry-${good}.xlsx`, HEADERS, [
      [good, "导入小学", "小学", "否", countyA.code],
      ["123", "坏标识码", "小学", "否", countyA.code],
      [code10(), "坏学段", "大学", "否", countyA.code],
      [code10(), "他县学校", "小学", "否", countyB.code],
      [good, "重复行", "小学", "否", countyA.code],
      [schoolB.code, "他县已有", "小学", "否", countyA.code],
      [code10(), "坏村小", "小学", "可能", countyA.code],
    ]);
    const result = await importRegistry(countyASup, new Blob([await readFile(file)]));
    if (!result.ok) throw new Error(result.message);
    expect(result.data.created).toBe(1);
    expect(result.data.errors.map((error) => error.row)).toEqual([3, 4, 5, 6, 7, 8]);
    expect(result.data.errors[0]?.reason).toContain("学校标识码");
    expect(result.data.errors[1]?.reason).toContain("大学");
    expect(result.data.errors[3]?.reason).toContain("第2行");
    expect(await db().school.findUniqueOrThrow({ where: { id: schoolB.id } })).toMatchObject({
      name: schoolB.name,
    });
    expect(
      await db().auditLog.count({ where: { action: "school_registry.import", actorUserId: countyASup.id } }),
    ).toBe(1);
  });

  it("refuses a file without the registry's header, saving nothing", async () => {
    const file = await writeXlsx(`registry-bad-${code10()}.xlsx`, ["名称", "代码"], [["x", "y"]]);
    const before = await db().school.count();
    const result = await importRegistry(countyASup, new Blob([await readFile(file)]));
    expect(result).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { file: expect.any(String) } });
    expect(await db().school.count()).toBe(before);
    expect(await importRegistry(countyASup, "not a file")).toMatchObject({ code: "INVALID" });
  });

  it("exports the own subtree only, in a layout the import reads back unchanged", async () => {
    const writer = memoryWriter();
    const exported = await writeRegistryExport(countyASup, writer);
    expect(exported.ok).toBe(true);
    const codes = writer.rows.map((row) => row[0]);
    expect(codes).toContain(schoolA.code);
    expect(codes).not.toContain(schoolB.code);
    const file = await writeXlsx(
      `registry-roundtrip-${code10()}.xlsx`,
      [...HEADERS, "所在区县"],
      writer.rows.map((row) => row.map((cell) => String(cell ?? ""))),
    );
    const reimported = await importRegistry(countyASup, new Blob([await readFile(file)]));
    expect(reimported).toMatchObject({ ok: true, data: { created: 0, errors: [] } });
    if (reimported.ok) expect(reimported.data.updated).toBe(writer.rows.length);
    expect((await writeRegistryExport(countyBSup, memoryWriter())).ok).toBe(true);
  });
});
