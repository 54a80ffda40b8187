import { StateCounts } from "@/components/console/state-counts";
import { CommunityPublicity } from "@/components/portal/community-publicity";
import { requireUser, STAFF_ROLES } from "@/lib/auth/session";
import { ROLE_LABELS } from "@/lib/domain/codes";
import { countdown } from "@/lib/domain/term-window";
import { formatBeijingDateTime } from "@/lib/domain/time";
import { Tr, Td, DataTable } from "@/components/ui/table";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { loadConsoleHome } from "@/lib/services/home";

export const metadata = { title: "工作台" };

export default async function ConsoleHome() {
  const user = await requireUser(STAFF_ROLES);
  const { term, scope, classes, schools } = await loadConsoleHome(user);
  const now = new Date();

  return (
    <>
      <header>
        <h1 className="text-xl font-semibold">{ROLE_LABELS[user.role]}工作台</h1>
        {term ? (
          <p className="text-sm text-slate-600">
            {term.name}：申请截止 {formatBeijingDateTime(term.applyEnd)}（剩余 {countdown(now, term.applyEnd)}
            ），班主任核实截止 {formatBeijingDateTime(term.verifyDeadline)}（剩余{" "}
            {countdown(now, term.verifyDeadline)}），学校认定截止 {formatBeijingDateTime(term.reviewDeadline)}
            。
          </p>
        ) : (
          <p className="text-sm text-slate-600">当前没有开放的资助学期。</p>
        )}
      </header>
      {user.role === "SUPERVISOR" ? <SupervisorShortcuts /> : null}
      {user.role === "TEACHER" ? (
        <TeacherClasses classes={classes} />
      ) : (
        <Schools supervisor={scope.role === "SUPERVISOR"} schools={schools} />
      )}
      {user.role === "SUPERVISOR" ? null : <CommunityPublicity user={user} />}
    </>
  );
}

type ConsoleHome = Awaited<ReturnType<typeof loadConsoleHome>>;

function TeacherClasses({ classes }: { classes: ConsoleHome["classes"] }) {
  return (
    <section aria-label="我的班级" className="space-y-2">
      <h2 className="font-semibold">我的班级</h2>
      {classes.length === 0 ? (
        <p className="text-sm text-slate-600">学校资助管理员还没有为您分配班级。</p>
      ) : null}
      <div className="grid gap-3 md:grid-cols-2">
        {classes.map((c) => (
          <Card as="article" key={c.classId}>
            <h3 className="font-medium">
              {c.gradeName}
              {c.name}
            </h3>
            <p className="text-sm text-slate-600">在读学生 {c.students} 人</p>
            <div className="mt-2">
              <StateCounts byState={c.byState} />
            </div>
          </Card>
        ))}
      </div>
    </section>
  );
}

/** The supervisor console's pages (components/console/nav.ts), each with what it is for. */
const SUPERVISOR_SHORTCUTS = [
  {
    href: "/console/supervisor/progress",
    label: "工作进展",
    text: "本学期各地区、各学校的申请、认定与发放进度，滞后学校标出",
  },
  {
    href: "/console/supervisor/statistics",
    label: "资助统计",
    text: "十一类特殊困难学生与受助情况统计，图表与导出",
  },
  {
    href: "/console/supervisor/queries/determinations",
    label: "困难学生认定结果",
    text: "辖区学校的认定结果名单",
  },
  {
    href: "/console/supervisor/queries/special-groups",
    label: "重点保障人群查询",
    text: "特殊群体学生及其历年受助情况",
  },
  {
    href: "/console/supervisor/queries/hukou",
    label: "本地户籍外地就读",
    text: "跨地区就读学生，及外地户籍本地就读",
  },
  { href: "/console/supervisor/accounts", label: "下级账号管理", text: "开设、停用下级账号，重置密码" },
  { href: "/console/supervisor/requests", label: "用户申请", text: "审批下级提交的账号申请" },
  { href: "/console/supervisor/schools", label: "学校与行政区划", text: "维护行政区划与学校名录，导入导出" },
] as const;

function SupervisorShortcuts() {
  return (
    <section aria-labelledby="shortcuts-heading" className="space-y-2">
      <h2 id="shortcuts-heading" className="font-semibold">
        常用功能
      </h2>
      <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        {SUPERVISOR_SHORTCUTS.map((item) => (
          <li key={item.href}>
            <Link
              href={item.href}
              className="block h-full rounded-lg bg-white p-3 ring-1 ring-slate-200 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-brand-600"
            >
              <span className="font-medium text-brand-700">{item.label}</span>
              <span className="mt-1 block text-xs text-slate-600">{item.text}</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Schools({ supervisor, schools }: { supervisor: boolean; schools: ConsoleHome["schools"] }) {
  return (
    <section aria-label="学校概况" className="space-y-2">
      <h2 className="font-semibold">{supervisor ? "辖区学校" : "本校概况"}</h2>
      <DataTable columns={["学校", "在读学生", "本学期申请", "待处理登录问题"]}>
        {schools.map((s) => (
          <Tr key={s.schoolId}>
            <Td>
              {supervisor ? (
                <Link
                  href={`/console/supervisor/progress?school=${s.schoolId}`}
                  className="text-brand-700 underline underline-offset-2"
                >
                  {s.name}
                </Link>
              ) : (
                s.name
              )}
              <div className="text-xs text-slate-500">{s.code}</div>
            </Td>
            <Td>{s.students}</Td>
            <Td>
              <StateCounts byState={s.byState} />
            </Td>
            <Td>{s.openSignInProblems}</Td>
          </Tr>
        ))}
      </DataTable>
    </section>
  );
}
