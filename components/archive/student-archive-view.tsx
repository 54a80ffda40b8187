import Link from "next/link";
import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { TitledSection } from "@/components/ui/titled-section";
import { AID_RECORD_STATE_LABELS, aidPeriodLabel } from "@/lib/domain/aid-record";
import {
  APPLICATION_STATE_LABELS,
  ENROLMENT_STATUS_LABELS,
  HARDSHIP_LEVEL_LABELS,
  PAYMENT_KIND_LABELS,
  REVOKE_REASON_LABELS,
  ROLE_LABELS,
  ROSTER_STATE_LABELS,
  SPECIAL_CATEGORY_LABELS,
  SPECIAL_SOURCE_LABELS,
  STAGE_LABELS,
} from "@/lib/domain/codes";
import { fenToYuan } from "@/lib/domain/household";
import { formatBeijingDate, formatBeijingDateTime } from "@/lib/domain/time";
import type { ArchiveSchool, StudentArchive } from "@/lib/services/student-archive";

const Empty = ({ columns, text }: { columns: number; text: string }) => (
  <tr>
    <td colSpan={columns} className="px-3 py-4 text-center text-slate-500">
      {text}
    </td>
  </tr>
);

const date = (value: Date | null) => (value ? formatBeijingDate(value) : "—");
const level = (value: keyof typeof HARDSHIP_LEVEL_LABELS | null) =>
  value ? HARDSHIP_LEVEL_LABELS[value] : "—";

/** How a school's records are marked: the caller's own school, or read-only (and masked) ones. */
function schoolTag(school: ArchiveSchool, viewer: StudentArchive["viewer"]): string {
  if (school.own) return "本校";
  if (viewer === "region") return school.view === "full" ? "辖区内" : "辖区外，已脱敏";
  return "原就读学校，只读，已脱敏";
}

function SchoolName({
  school,
  viewer,
}: {
  school: ArchiveSchool | undefined;
  viewer: StudentArchive["viewer"];
}) {
  if (!school) return <>—</>;
  return (
    <>
      {school.name}
      <span className="ml-1 whitespace-nowrap text-xs text-slate-500">（{schoolTag(school, viewer)}）</span>
    </>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex gap-2">
      <dt className="shrink-0 text-slate-500">{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

type Application = StudentArchive["applications"][number];

function DeterminationFacts({ determination }: { determination: NonNullable<Application["determination"]> }) {
  return (
    <dl className="grid gap-1 text-sm md:grid-cols-2">
      <Fact label="认定模型">
        {determination.modelName} 第{determination.modelVersion}版
      </Fact>
      <Fact label="模拟积分与等级">
        {determination.simulatedScore} 分，{level(determination.simulatedLevel)}
      </Fact>
      {determination.levelRule ? (
        <Fact label="定级依据">
          {determination.levelRule}
          {determination.tierRule ? `；${determination.tierRule}` : ""}
        </Fact>
      ) : null}
      {determination.gradeAdjustedLevel ? (
        <Fact label="年级认定调整">
          {level(determination.gradeAdjustedLevel)}
          {determination.gradeAdjustReason ? `（${determination.gradeAdjustReason}）` : ""}
        </Fact>
      ) : null}
      <Fact label="认定等级">
        <strong>{level(determination.finalLevel)}</strong>
        {determination.overrideReason ? `（调整理由：${determination.overrideReason}）` : ""}
      </Fact>
      <Fact label="认定日期">{date(determination.determinedAt)}</Fact>
      {determination.revokedAt ? (
        <Fact label="取消认定">
          <span className="text-red-700">
            {date(determination.revokedAt)}
            {determination.revokeReason ? `：${REVOKE_REASON_LABELS[determination.revokeReason]}` : ""}
            {determination.revokeDetail ? `（${determination.revokeDetail}）` : ""}
            {determination.recoveryRequired ? "；已发放的资助需追回" : ""}
          </span>
        </Fact>
      ) : null}
    </dl>
  );
}

function ApplicationCard({
  application,
  school,
  viewer,
  detailHref,
}: {
  application: Application;
  school: ArchiveSchool | undefined;
  viewer: StudentArchive["viewer"];
  detailHref: string | null;
}) {
  return (
    <Card as="article" className="space-y-2 break-inside-avoid" data-testid="archive-application">
      <h3 className="font-medium">
        {application.termName} · <SchoolName school={school} viewer={viewer} />
      </h3>
      <dl className="grid gap-1 text-sm md:grid-cols-2">
        <Fact label="班级">{application.className ?? "—"}</Fact>
        <Fact label="申请状态">
          {APPLICATION_STATE_LABELS[application.state]}
          {application.enteredOnPaper ? "（纸质申请录入）" : ""}
        </Fact>
        <Fact label="提交日期">{date(application.submittedAt)}</Fact>
        <Fact label="申请项目">{application.programmes.join("、") || "—"}</Fact>
        {application.waiverReason ? <Fact label="放弃原因">{application.waiverReason}</Fact> : null}
      </dl>
      {application.determination ? (
        <DeterminationFacts determination={application.determination} />
      ) : (
        <p className="text-sm text-slate-500">尚未认定。</p>
      )}
      {application.transitions.length > 0 ? (
        <details className="text-sm">
          <summary className="cursor-pointer text-slate-600">
            处理记录（{application.transitions.length}条）
          </summary>
          <ol className="mt-1 space-y-0.5">
            {application.transitions.map((transition) => (
              <li key={transition.id}>
                {formatBeijingDateTime(transition.at)}：
                {transition.fromState ? `${APPLICATION_STATE_LABELS[transition.fromState]} → ` : ""}
                {APPLICATION_STATE_LABELS[transition.toState]}
                {transition.actorRole ? `（${ROLE_LABELS[transition.actorRole]}）` : ""}
                {transition.comment ? `：${transition.comment}` : ""}
              </li>
            ))}
          </ol>
        </details>
      ) : null}
      {detailHref ? (
        <p className="text-sm print:hidden">
          <Link href={detailHref} className="text-brand-600 underline">
            打开本校的认定页面
          </Link>
        </p>
      ) : null}
    </Card>
  );
}

/**
 * A student's aid file (资助档案) as lib/services/student-archive.ts gives it: every section lists the records of
 * the schools the caller may see, each marked with its school (本校 / 原就读学校，只读，已脱敏). Read-only: the
 * only links go to the caller's own school's determination pages (`canOpenDetermination`).
 */
export function StudentArchiveView({
  archive,
  canOpenDetermination,
}: {
  archive: StudentArchive;
  canOpenDetermination: boolean;
}) {
  const schools = new Map(archive.schools.map((school) => [school.id, school]));
  const viewer = archive.viewer;
  const name = (schoolId: string) => <SchoolName school={schools.get(schoolId)} viewer={viewer} />;
  return (
    <div className="space-y-6">
      <TitledSection id="archive-schools" title="就读学校">
        <DataTable columns={["学校", "学段", "班级", "入学年月", "学籍状态"]}>
          {archive.enrolments.map((enrolment) => (
            <Tr key={enrolment.id} data-testid="archive-enrolment">
              <Td>{name(enrolment.schoolId)}</Td>
              <Td>{STAGE_LABELS[enrolment.stage]}</Td>
              <Td>{enrolment.className ?? "—"}</Td>
              <Td>{formatBeijingDate(enrolment.enrolledOn).slice(0, 7)}</Td>
              <Td>{ENROLMENT_STATUS_LABELS[enrolment.status]}</Td>
            </Tr>
          ))}
        </DataTable>
      </TitledSection>

      <TitledSection id="archive-applications" title="申请与认定（按学期先后）" className="space-y-3">
        {archive.applications.length === 0 ? (
          <p className="text-sm text-slate-500">没有申请记录。</p>
        ) : (
          archive.applications.map((application) => (
            <ApplicationCard
              key={application.id}
              application={application}
              school={schools.get(application.schoolId)}
              viewer={viewer}
              detailHref={
                canOpenDetermination && schools.get(application.schoolId)?.own
                  ? `/console/determination/${application.id}`
                  : null
              }
            />
          ))
        )}
      </TitledSection>

      <TitledSection id="archive-groups" title="特殊群体名单">
        <DataTable columns={["名单年度", "类别", "来源", "录入学校", "备注"]}>
          {archive.specialGroups.length === 0 ? (
            <Empty columns={5} text="不在特殊群体名单中。" />
          ) : (
            archive.specialGroups.map((entry) => (
              <Tr key={entry.id}>
                <Td>{entry.listYear}</Td>
                <Td>{SPECIAL_CATEGORY_LABELS[entry.category]}</Td>
                <Td>{SPECIAL_SOURCE_LABELS[entry.source]}</Td>
                <Td>{name(entry.schoolId)}</Td>
                <Td className="text-xs">{entry.note ?? "—"}</Td>
              </Tr>
            ))
          )}
        </DataTable>
      </TitledSection>

      <TitledSection id="archive-rosters" title="资助名单、发放与签收">
        <DataTable
          columns={[
            "资助学期",
            "资助项目",
            "学校",
            "名单状态",
            "等级",
            "应发（元）",
            "实发（元）",
            "发放日期",
            "签收",
          ]}
        >
          {archive.rosterEntries.length === 0 ? (
            <Empty columns={9} text="没有资助名单记录。" />
          ) : (
            archive.rosterEntries.map((entry) => (
              <Tr key={entry.id} data-testid="archive-roster-entry">
                <Td>
                  {entry.termName}
                  {entry.month ? ` ${entry.month}月` : ""}
                </Td>
                <Td>{entry.programmeName}</Td>
                <Td>{name(entry.schoolId)}</Td>
                <Td>{ROSTER_STATE_LABELS[entry.rosterState]}</Td>
                <Td>{level(entry.level)}</Td>
                <Td>{fenToYuan(entry.amountFen)}</Td>
                <Td>{entry.paidAmountFen === null ? "—" : fenToYuan(entry.paidAmountFen)}</Td>
                <Td>{date(entry.paidAt)}</Td>
                <Td>{entry.receiptConfirmedAt ? `已签收（${date(entry.receiptConfirmedAt)}）` : "未签收"}</Td>
              </Tr>
            ))
          )}
        </DataTable>
      </TitledSection>

      <TitledSection id="archive-payments" title="发放记录（发放、更正、冲销）">
        <DataTable
          columns={["日期", "资助学期", "资助项目", "学校", "类型", "金额（元）", "原金额（元）", "说明"]}
        >
          {archive.payments.length === 0 ? (
            <Empty columns={8} text="没有发放记录。" />
          ) : (
            archive.payments.map((payment) => (
              <Tr key={payment.id}>
                <Td>{formatBeijingDate(payment.at)}</Td>
                <Td>
                  {payment.termName}
                  {payment.month ? ` ${payment.month}月` : ""}
                </Td>
                <Td>{payment.programmeName}</Td>
                <Td>{name(payment.schoolId)}</Td>
                <Td>{PAYMENT_KIND_LABELS[payment.kind]}</Td>
                <Td>{fenToYuan(payment.amountFen)}</Td>
                <Td>{payment.previousAmountFen === null ? "—" : fenToYuan(payment.previousAmountFen)}</Td>
                <Td className="text-xs">{payment.reason ?? "—"}</Td>
              </Tr>
            ))
          )}
        </DataTable>
      </TitledSection>

      <TitledSection id="archive-records" title="受助记录">
        <DataTable columns={["发放期", "资助项目", "学校", "金额（元）", "发放日期", "状态"]}>
          {archive.aidRecords.length === 0 ? (
            <Empty columns={6} text="没有受助记录。" />
          ) : (
            archive.aidRecords.map((record) => (
              <Tr key={record.id} data-testid="archive-aid-record">
                <Td>{aidPeriodLabel(record.period)}</Td>
                <Td>{record.programmeName}</Td>
                <Td>{name(record.schoolId)}</Td>
                <Td>{fenToYuan(record.amountFen)}</Td>
                <Td>{formatBeijingDate(record.paidAt)}</Td>
                <Td>
                  {AID_RECORD_STATE_LABELS[record.state]}
                  {record.reversedAt
                    ? `（${formatBeijingDate(record.reversedAt)}${record.reversalReason ? `：${record.reversalReason}` : ""}）`
                    : ""}
                </Td>
              </Tr>
            ))
          )}
        </DataTable>
      </TitledSection>
    </div>
  );
}
