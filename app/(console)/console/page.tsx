import { StateCounts } from "@/components/console/state-counts";
import { CommunityPublicity } from "@/components/portal/community-publicity";
import { SupportCounts } from "@/components/support/support-counts";
import { requireUser, STAFF_ROLES } from "@/lib/auth/session";
import { ROLE_LABELS } from "@/lib/domain/codes";
import { countdown } from "@/lib/domain/term-window";
import { formatBeijingDateTime } from "@/lib/domain/time";
import { Tr, Td, DataTable } from "@/components/ui/table";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { loadConsoleHome } from "@/lib/services/home";
import { TodoList } from "@/components/console/todo-list";
import { InboxSummary } from "@/components/notifications/inbox-summary";
import { beijingMonth } from "@/lib/domain/todos";
import { loadTodos } from "@/lib/services/todos";

export const metadata = { title: "工作台" };

export default async function ConsoleHome() {
  const user = await requireUser(STAFF_ROLES);
  const { term, scope, classes, schools } = await loadConsoleHome(user);
  const now = new Date();
  const todos = await loadTodos(user, now);

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
      <TodoList todos={todos} month={beijingMonth(now).text} />
      <InboxSummary user={user} basePath="/console/notifications" tone="console" />
      {user.role === "TEACHER" ? (
        <TeacherClasses classes={classes} />
      ) : (
        <Schools supervisor={scope.role === "SUPERVISOR"} schools={schools} />
      )}
      <SupportCounts user={user} />
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

function Schools({ supervisor, schools }: { supervisor: boolean; schools: ConsoleHome["schools"] }) {
  // The counts come from the rollups (lib/db/home.repo.ts); a change still being folded in is named here.
  const pending = schools
    .map((s) => s.pendingSince)
    .filter((since): since is Date => since !== null)
    .sort((a, b) => a.getTime() - b.getTime())[0];
  return (
    <section aria-label="学校概况" className="space-y-2">
      <h2 className="font-semibold">{supervisor ? "辖区学校" : "本校概况"}</h2>
      {supervisor ? (
        <p className="text-sm text-slate-600">
          点学校名称查看该校本学期的工作进展（申请、核实、认定、公示与发放）；各地区汇总、查询与统计见菜单。
        </p>
      ) : null}
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
      {pending ? (
        <p className="text-xs text-slate-500">
          在读学生与申请数为统计汇总，数据截至 {formatBeijingDateTime(pending)}，之后的变动将在几秒内计入。
        </p>
      ) : null}
    </section>
  );
}
