/**
 * 常见问题 (lib/services/support-answers.ts): answers kept per province, suggested from the typed words by
 * pg_trgm word similarity (migration 541) on 10,000 answers, through the GIN index (timed in bench/support-answers.ts);
 * only a province supervisor keeps them; a resolved problem becomes an answer once.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import {
  answerFromProblem,
  deleteSupportAnswer,
  loadAnswers,
  saveSupportAnswer,
  suggestAnswers,
} from "@/lib/services/support-answers";
import {
  fileSupportProblem,
  loadSupportProblem,
  resolveSupportProblem,
  takeSupportProblem,
} from "@/lib/services/support-desk";
import { makeRegionTree, makeSchool, makeStaff } from "../support/fixtures";
import { ownerDb } from "../support/owner-db";
import { sessionUser } from "../support/session-user";

let provinceSup: SessionUser, countySup: SessionUser, teacher: SessionUser, otherProvinceSup: SessionUser;
let provinceId: string, otherProvinceId: string;

beforeAll(async () => {
  const { province, county } = await makeRegionTree();
  provinceId = province.id;
  const school = await makeSchool(county.id, "JUNIOR");
  provinceSup = sessionUser((await makeStaff("SUPERVISOR", { regionId: province.id })).user, {
    regionPath: province.path,
  });
  countySup = sessionUser((await makeStaff("SUPERVISOR", { regionId: county.id })).user, {
    regionPath: county.path,
  });
  teacher = sessionUser((await makeStaff("TEACHER", { schoolId: school.school.id })).user);
  const other = await db().region.upsert({
    where: { code: "460000" },
    update: {},
    create: { code: "460000", name: "海南省", level: "PROVINCE", path: "/460000/" },
  });
  otherProvinceId = other.id;
  otherProvinceSup = sessionUser((await makeStaff("SUPERVISOR", { regionId: other.id })).user, {
    regionPath: other.path,
  });
});

describe("keeping and finding answers", () => {
  it("suggests the answer most like the typed words, and nothing of another province", async () => {
    for (const [title, body] of [
      ["家长登录提示密码错误", "请家长在登录页点“忘记密码”，用绑定的手机号接收验证码后重设密码。"],
      ["导出家庭经济信息报错", "检查学籍号是否为空；为空的学生需先在学生名册中补全学籍号。"],
      ["如何批量核实申请", "在申请监控页勾选多名学生后点“批量核实”。"],
    ] as const)
      expect((await saveSupportAnswer(provinceSup, { kind: "FAQ", title, body })).ok).toBe(true);
    expect(
      (
        await saveSupportAnswer(otherProvinceSup, {
          kind: "FAQ",
          title: "家长登录密码错误（海南）",
          body: "海南的解答",
        })
      ).ok,
    ).toBe(true);
    const found = await suggestAnswers(teacher, "家长登录时总是提示密码错误怎么办");
    expect(found.ok).toBe(true);
    if (!found.ok) return;
    expect(found.data[0]?.title).toBe("家长登录提示密码错误");
    expect(found.data.map((answer) => answer.title)).not.toContain("家长登录密码错误（海南）");
    const export_ = await suggestAnswers(teacher, "导出家庭经济信息时报错");
    expect(export_.ok && export_.data[0]?.title).toBe("导出家庭经济信息报错");
    expect(await suggestAnswers(teacher, "我")).toEqual({ ok: true, data: [] });
    const other = await suggestAnswers(otherProvinceSup, "家长登录密码错误");
    expect(other.ok && other.data.map((answer) => answer.title)).toEqual(["家长登录密码错误（海南）"]);
  });

  it("lets only a province supervisor keep answers", async () => {
    const county = await saveSupportAnswer(countySup, { kind: "FAQ", title: "县级", body: "不可" });
    expect(county.ok ? null : county.code).toBe("FORBIDDEN");
    const bad = await saveSupportAnswer(provinceSup, { kind: "X", title: "", body: "内容" });
    expect(bad.ok ? null : Object.keys(bad.fieldErrors ?? {}).sort()).toEqual(["kind", "title"]);
    const list = await loadAnswers(provinceSup, "");
    expect(list.ok && list.data.canManage).toBe(true);
    const removed = list.ok ? list.data.answers.find((a) => a.title === "如何批量核实申请") : undefined;
    expect((await deleteSupportAnswer(countySup, { id: removed!.id })).ok).toBe(false);
    expect((await deleteSupportAnswer(otherProvinceSup, { id: removed!.id })).ok).toBe(false);
    expect((await deleteSupportAnswer(provinceSup, { id: removed!.id })).ok).toBe(true);
    const teacherView = await loadAnswers(teacher, "");
    expect(teacherView.ok && teacherView.data.canManage).toBe(false);
  });

  it("turns a resolved problem into an answer once", async () => {
    const filed = await fileSupportProblem(countySup, {
      category: "TECHNICAL",
      subcategory: "DATA",
      description: "县级用户：学校名单中缺少一所新建学校",
      contact: "020-1",
    });
    if (!filed.ok) throw new Error(filed.message);
    // A county's problem goes to its city; the province takes it only once it is passed up — answer at the city
    // would need a city supervisor, so the province answers one of its own region's instead.
    const fromCity = await fileSupportProblem(provinceSup, {
      category: "APPLICATION",
      subcategory: "OPERATION",
      description: "省级：新建学校如何录入学校名单",
      contact: "020-2",
    });
    if (!fromCity.ok) throw new Error(fromCity.message);
    const peer = sessionUser((await makeStaff("SUPERVISOR", { regionId: provinceId })).user, {
      regionPath: provinceSup.regionPath,
    });
    expect((await takeSupportProblem(peer, fromCity.data.id)).ok).toBe(true);
    const early = await answerFromProblem(provinceSup, fromCity.data.id, {
      kind: "FAQ",
      title: "t",
      body: "b",
    });
    expect(early.ok ? null : early.code).toBe("REFUSED");
    expect(
      (await resolveSupportProblem(peer, fromCity.data.id, { resolution: "在学校与行政区划页新增。" })).ok,
    ).toBe(true);
    const view = await loadSupportProblem(peer, fromCity.data.id);
    expect(view.ok && view.data.can.makeAnswer).toBe(true);
    const made = await answerFromProblem(peer, fromCity.data.id, {
      kind: "KNOWN_ISSUE",
      title: "新建学校如何录入",
      body: "在学校与行政区划页新增。",
    });
    expect(made.ok).toBe(true);
    const again = await answerFromProblem(peer, fromCity.data.id, { kind: "FAQ", title: "t", body: "b" });
    expect(again.ok ? null : again.code).toBe("CONFLICT");
    const found = await suggestAnswers(teacher, "新建学校如何录入");
    expect(found.ok && found.data[0]?.title).toBe("新建学校如何录入");
  });
});

describe("search speed on 10,000 answers", () => {
  // Words of two characters drawn from 1,500 CJK characters (a real corpus uses ~3,000 common ones): each answer
  // is a different mix, as varied as a knowledge base, so a query's trigrams pick out few answers.
  const char = (n: number) => String.fromCodePoint(0x4e00 + (n % 1500));
  const word = (n: number) => char(n) + char(Math.floor(n / 1500) * 7 + n * 13);
  const textOf = (n: number, words: number, salt: number) =>
    Array.from({ length: words }, (_, k) => word(((n * 31 + k * 17 + salt) * 2654435761) % 2_250_000)).join(
      "",
    );
  let benchProvince: SessionUser;
  let benchProvinceId: string;

  beforeAll(async () => {
    const owner = ownerDb();
    const big = await db().region.upsert({
      where: { code: "650000" },
      update: {},
      create: { code: "650000", name: "新疆维吾尔自治区", level: "PROVINCE", path: "/650000/" },
    });
    const author = await makeStaff("SUPERVISOR", { regionId: big.id });
    const rows = Array.from({ length: 10_000 }, (_, n) => ({
      id: `bench${n}`,
      provinceId: big.id,
      kind: "FAQ",
      title: textOf(n, 6, 1),
      body: `${textOf(n, 40, 2)}。请按操作手册处理。`,
      createdById: author.user.id,
    }));
    for (let i = 0; i < rows.length; i += 2_000)
      await owner.supportAnswer.createMany({ data: rows.slice(i, i + 2_000) });
    await owner.$executeRawUnsafe(`ANALYZE "SupportAnswer"`);
    benchProvince = sessionUser(author.user, { regionPath: big.path });
    benchProvinceId = big.id;
  }, 120_000);

  it("finds each typed query's answer through the trigram index (timed in bench/support-answers.ts)", async () => {
    // What a filer types: a few words of one answer's title, for ten different answers.
    const queries = Array.from({ length: 10 }, (_, i) => textOf(i * 997 + 5, 6, 1).slice(0, 8));
    for (const query of queries) {
      const found = await suggestAnswers(benchProvince, query);
      expect(found.ok && found.data.length).toBeGreaterThan(0);
    }
    const plan = await ownerDb().$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`SET LOCAL pg_trgm.word_similarity_threshold = 0.3`);
      await tx.$executeRawUnsafe(`SET LOCAL enable_seqscan = off`);
      return tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(
        `EXPLAIN SELECT "id" FROM "SupportAnswer" WHERE "provinceId" = '${benchProvinceId}' AND '${queries[0]}' <% "searchText"`,
      );
    });
    expect(plan.map((row) => row["QUERY PLAN"]).join("\n")).toContain("SupportAnswer_searchText_idx");
  });

  it("keeps another province's 10,000 answers out of this province's suggestions", async () => {
    const found = await suggestAnswers(teacher, "家长登录密码");
    expect(found.ok && found.data.every((answer) => !answer.id.startsWith("bench"))).toBe(true);
    void otherProvinceId;
  });
});
