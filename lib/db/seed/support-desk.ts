/**
 * Demo problems at the support desk (lib/domain/support.ts), one in each state at school, county and city
 * level, with their steps, replies and an internal note: admin_sen has a queue (one of it overdue), sup_tianhe
 * and sup_guangzhou own problems passed up to them, teacher_voc sees a closed and rated one. Idempotent: fixed
 * ids, nothing created twice.
 */
import "server-only";
import { CN_CALENDAR } from "@/lib/domain/holidays-cn";
import {
  beijingDay,
  confirmByDay,
  supportDeadline,
  supportSubject,
  type SupportCategory,
  type SupportLevel,
  type SupportState,
} from "@/lib/domain/support";
import type { PrismaClient } from "../generated/client";
import type { Stage } from "../generated/enums";

type Step = {
  action: "TAKE" | "PASS_UP" | "RESOLVE" | "CONFIRM";
  by: string;
  level: SupportLevel;
  to?: SupportLevel;
  comment?: string;
};
type DemoProblem = {
  id: string;
  filer: string;
  category: SupportCategory;
  subcategory: string | null;
  stage: Stage | null;
  description: string;
  urgent?: boolean;
  daysAgo: number;
  origin: SupportLevel;
  level: SupportLevel;
  /** Where it waits now: a school key or a region code. */
  queue: { school: string } | { region: string };
  owner: string | null;
  state: SupportState;
  steps: Step[];
  replies?: { by: string; body: string; internal?: boolean }[];
  resolution?: string;
  rating?: number;
};

const GZ_CHAIN = [
  { name: "广东省", level: "PROVINCE" as const },
  { name: "广州市", level: "CITY" as const },
];

const PROBLEMS: DemoProblem[] = [
  {
    id: "demosupport1",
    filer: "teacher_sen",
    category: "APPLICATION",
    subcategory: "OPERATION",
    stage: "SENIOR",
    description: "班级里有学生提交了申请但不在“待核实”列表中，请问在哪里查看？",
    daysAgo: 0,
    origin: "SCHOOL",
    level: "SCHOOL",
    queue: { school: "sen" },
    owner: null,
    state: "QUEUED",
    steps: [],
  },
  {
    id: "demosupport2",
    filer: "teacher_sen2",
    category: "TECHNICAL",
    subcategory: "DATA",
    stage: "SENIOR",
    description: "高一2班两名学生的学籍号显示为空，导出家庭经济信息时报错。",
    urgent: true,
    daysAgo: 20,
    origin: "SCHOOL",
    level: "SCHOOL",
    queue: { school: "sen" },
    owner: null,
    state: "QUEUED",
    steps: [],
  },
  {
    id: "demosupport3",
    filer: "teacher_jun",
    category: "APPLICATION",
    subcategory: "TRAINING",
    stage: "JUNIOR",
    description: "新入职班主任，希望学校安排一次入户调查和量化评分的培训。",
    daysAgo: 1,
    origin: "SCHOOL",
    level: "SCHOOL",
    queue: { school: "jun" },
    owner: "admin_jun",
    state: "TAKEN",
    steps: [{ action: "TAKE", by: "admin_jun", level: "SCHOOL" }],
    replies: [{ by: "admin_jun", body: "已收到，本周五下午在会议室统一培训。" }],
  },
  {
    id: "demosupport4",
    filer: "admin_pri",
    category: "USER_REQUEST",
    subcategory: null,
    stage: "PRIMARY",
    description: "学校新增一名资助管理员，申请开通账号。",
    daysAgo: 2,
    origin: "SCHOOL",
    level: "COUNTY",
    queue: { region: "440106" },
    owner: null,
    state: "QUEUED",
    steps: [],
  },
  {
    id: "demosupport5",
    filer: "teacher_pri",
    category: "TECHNICAL",
    subcategory: "BUG",
    stage: "PRIMARY",
    description: "点击“核实通过”后页面一直转圈，刷新后状态没有变化。",
    daysAgo: 3,
    origin: "SCHOOL",
    level: "COUNTY",
    queue: { region: "440106" },
    owner: "sup_tianhe",
    state: "TAKEN",
    steps: [
      { action: "TAKE", by: "admin_pri", level: "SCHOOL" },
      {
        action: "PASS_UP",
        by: "admin_pri",
        level: "SCHOOL",
        to: "COUNTY",
        comment: "已换用电脑和浏览器、清除缓存，仍然出现，学校无法解决。",
      },
      { action: "TAKE", by: "sup_tianhe", level: "COUNTY" },
    ],
    replies: [
      { by: "sup_tianhe", body: "请告知出现问题的学生姓名和时间，我们查看日志。" },
      { by: "sup_tianhe_lead", body: "同类问题海珠区也有反映，可能需要报市里。", internal: true },
    ],
  },
  {
    id: "demosupport6",
    filer: "sup_tianhe_lead",
    category: "SUGGESTION",
    subcategory: null,
    stage: null,
    description: "建议工作进展页面增加按年级的汇总。",
    daysAgo: 1,
    origin: "COUNTY",
    level: "CITY",
    queue: { region: "440100" },
    owner: null,
    state: "QUEUED",
    steps: [],
  },
  {
    id: "demosupport7",
    filer: "admin_voc",
    category: "TECHNICAL",
    subcategory: "DATA",
    stage: "VOCATIONAL",
    description: "中职月度名单中有一名已毕业学生仍被列入，无法删除。",
    daysAgo: 4,
    origin: "SCHOOL",
    level: "CITY",
    queue: { region: "440100" },
    owner: "sup_guangzhou",
    state: "TAKEN",
    steps: [
      { action: "TAKE", by: "sup_tianhe", level: "COUNTY" },
      {
        action: "PASS_UP",
        by: "sup_tianhe",
        level: "COUNTY",
        to: "CITY",
        comment: "区县没有修改名单数据的权限，按学段（中职）报市里。",
      },
      { action: "TAKE", by: "sup_guangzhou", level: "CITY" },
    ],
  },
  {
    id: "demosupport8",
    filer: "leader_jun",
    category: "APPLICATION",
    subcategory: "SIGN_IN",
    stage: "JUNIOR",
    description: "校领导账号提示密码已过期，修改后仍无法登录。",
    daysAgo: 2,
    origin: "SCHOOL",
    level: "COUNTY",
    queue: { region: "440106" },
    owner: "sup_tianhe",
    state: "RESOLVED",
    steps: [
      { action: "TAKE", by: "sup_tianhe", level: "COUNTY" },
      { action: "RESOLVE", by: "sup_tianhe", level: "COUNTY", comment: "已解除锁定，请用新密码重新登录。" },
    ],
    resolution: "已解除锁定，请用新密码重新登录。",
  },
  {
    id: "demosupport9",
    filer: "teacher_voc",
    category: "APPLICATION",
    subcategory: "OPERATION",
    stage: "VOCATIONAL",
    description: "纸质申请录入后如何补传佐证材料？",
    daysAgo: 6,
    origin: "SCHOOL",
    level: "SCHOOL",
    queue: { school: "voc" },
    owner: "admin_voc",
    state: "CLOSED",
    steps: [
      { action: "TAKE", by: "admin_voc", level: "SCHOOL" },
      {
        action: "RESOLVE",
        by: "admin_voc",
        level: "SCHOOL",
        comment: "在“录入纸质申请”页面打开该申请，点“佐证材料”上传。",
      },
      { action: "CONFIRM", by: "teacher_voc", level: "SCHOOL", comment: "满意度 5 分" },
    ],
    resolution: "在“录入纸质申请”页面打开该申请，点“佐证材料”上传。",
    rating: 5,
  },
];

const DAY_MS = 86_400_000;
const dayDate = (day: string) => new Date(`${day}T00:00:00.000Z`);

export async function seedSupportDesk(prisma: PrismaClient, now: Date) {
  const usernames = [
    ...new Set(
      PROBLEMS.flatMap((p) => [p.filer, ...(p.owner ? [p.owner] : []), ...p.steps.map((s) => s.by)]),
    ),
    "sup_tianhe_lead",
    "sup_guangdong",
  ];
  const users = await prisma.user.findMany({
    where: { username: { in: usernames } },
    select: {
      id: true,
      username: true,
      role: true,
      displayName: true,
      school: { select: { id: true, name: true, region: { select: { path: true } } } },
      region: { select: { path: true, name: true } },
    },
  });
  const user = (username: string) => {
    const found = users.find((u) => u.username === username);
    if (!found) throw new Error(`seed: no demo account ${username}`);
    return found;
  };
  const regions = await prisma.region.findMany({ where: { code: { in: ["440100", "440106"] } } });
  const schoolKeys = await prisma.user.findMany({
    where: { username: { in: ["admin_sen", "admin_jun", "admin_pri", "admin_voc"] } },
    select: { username: true, schoolId: true },
  });
  const schoolOf = (key: string) => schoolKeys.find((u) => u.username === `admin_${key}`)?.schoolId ?? null;

  for (const problem of PROBLEMS) {
    if (await prisma.supportProblem.findUnique({ where: { id: problem.id }, select: { id: true } })) continue;
    const filer = user(problem.filer);
    const filedAt = new Date(now.getTime() - problem.daysAgo * DAY_MS);
    const filedDay = beijingDay(filedAt);
    const queueSchoolId = "school" in problem.queue ? schoolOf(problem.queue.school) : null;
    const queueRegionId =
      "region" in problem.queue
        ? (regions.find((r) => r.code === (problem.queue as { region: string }).region)?.id ?? null)
        : null;
    if (!queueSchoolId && !queueRegionId) continue;
    const resolvedAt = problem.resolution
      ? new Date(Math.min(now.getTime(), filedAt.getTime() + DAY_MS))
      : null;
    let at = filedAt.getTime();
    const tick = () => new Date((at += 60_000));
    await prisma.$transaction(async (tx) => {
      await tx.supportProblem.create({
        data: {
          id: problem.id,
          subject: supportSubject(GZ_CHAIN, problem.stage, problem.category),
          category: problem.category,
          subcategory: problem.subcategory,
          stage: problem.stage,
          description: problem.description,
          urgent: problem.urgent ?? false,
          filerId: filer.id,
          filerRole: filer.role,
          filerName: filer.displayName,
          filerUnit: filer.school?.name ?? `${filer.region?.name ?? ""}教育局`,
          filerContact: "020-8888 0000",
          schoolId: filer.school?.id ?? null,
          regionPath: filer.school?.region.path ?? filer.region?.path ?? "/440000/",
          originLevel: problem.origin,
          level: problem.level,
          queueSchoolId,
          queueRegionId,
          ownerId: problem.owner ? user(problem.owner).id : null,
          state: problem.state,
          filedAt,
          deadline: dayDate(supportDeadline(filedDay, problem.category, CN_CALENDAR)),
          takenAt: problem.owner ? tick() : null,
          resolution: problem.resolution ?? null,
          resolvedAt,
          confirmBy: resolvedAt ? dayDate(confirmByDay(beijingDay(resolvedAt), CN_CALENDAR)) : null,
          closedAt: problem.state === "CLOSED" ? now : null,
          rating: problem.rating ?? null,
        },
      });
      at = filedAt.getTime();
      await tx.supportEvent.create({
        data: {
          problemId: problem.id,
          actorId: filer.id,
          action: "FILE",
          level: problem.origin,
          at: filedAt,
        },
      });
      for (const step of problem.steps)
        await tx.supportEvent.create({
          data: {
            problemId: problem.id,
            actorId: user(step.by).id,
            action: step.action,
            level: step.level,
            toLevel: step.to ?? null,
            comment: step.comment ?? null,
            at: tick(),
          },
        });
      for (const reply of problem.replies ?? [])
        await tx.supportMessage.create({
          data: {
            problemId: problem.id,
            authorId: user(reply.by).id,
            body: reply.body,
            internal: reply.internal ?? false,
            createdAt: tick(),
          },
        });
    });
  }
  // 常见问题 of 广东省 (the filing form suggests them from the typed words).
  const province = await prisma.region.findUnique({ where: { code: "440000" }, select: { id: true } });
  if (province)
    for (const [id, kind, title, body] of ANSWERS)
      if (!(await prisma.supportAnswer.findUnique({ where: { id }, select: { id: true } })))
        await prisma.supportAnswer.create({
          data: { id, provinceId: province.id, kind, title, body, createdById: user("sup_guangdong").id },
        });
}

const ANSWERS = [
  [
    "demoanswer1",
    "FAQ",
    "家长登录提示密码错误",
    "请家长在登录页点“忘记密码”，用绑定的手机号接收验证码后重设密码；仍不能登录的，由班主任在“登录问题”中报告。",
  ],
  [
    "demoanswer2",
    "KNOWN_ISSUE",
    "导出家庭经济信息时提示学籍号为空",
    "学籍号为空的学生需先在“学生名册导入”中补全学籍号，再重新导出。",
  ],
  ["demoanswer3", "TRAINED", "如何批量核实申请", "在“申请监控与核实”页勾选多名学生后点“批量核实”。"],
] as const;
