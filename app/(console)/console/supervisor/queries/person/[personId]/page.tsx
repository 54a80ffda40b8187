import Link from "next/link";
import { notFound } from "next/navigation";
import { queryBackLink } from "@/components/console/supervisor/region-query";
import { RevealIdNumber } from "@/components/console/supervisor/reveal-id-number";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { TitledSection } from "@/components/ui/titled-section";
import { requirePageAccess } from "@/lib/auth/access";
import {
  APPLICATION_STATE_LABELS,
  ENROLMENT_STATUS_LABELS,
  HARDSHIP_LEVEL_LABELS,
  ROSTER_STATE_LABELS,
  SPECIAL_CATEGORY_LABELS,
  SPECIAL_SOURCE_LABELS,
  STAGE_LABELS,
} from "@/lib/domain/codes";
import { AID_RECORD_STATE_LABELS, aidPeriodLabel } from "@/lib/domain/aid-record";
import { fenToYuan } from "@/lib/domain/household";
import { formatBeijingDate } from "@/lib/domain/time";
import { viewAidHistory } from "@/lib/services/region-queries";
import { revealIdNumberAction } from "./actions";

export const metadata = { title: "学生受助情况" };

const Empty = ({ columns, text }: { columns: number; text: string }) => (
  <tr>
    <td colSpan={columns} className="px-3 py-4 text-center text-slate-500">
      {text}
    </td>
  </tr>
);

const schoolText = (school: { name: string; region: { name: string } }, inRegion: boolean) =>
  inRegion ? school.name : `${school.name}（${school.region.name}，辖区外）`;

/**
 * A student's aid file across terms and schools (档案全学段衔接): enrolments, applications and
 * determinations, rosters, aid records (受助记录, what was paid per programme and period), special-group listings. Records of schools outside the subtree are
 * shown with their school and region (the person is in reach); class names only for the subtree's schools.
 */
export default async function AidHistoryPage({
  params,
  searchParams,
}: {
  params: Promise<{ personId: string }>;
  searchParams: Promise<{ back?: string | string[] }>;
}) {
  const { user } = await requirePageAccess("region_query.history");
  const { personId } = await params;
  const { back: rawBack } = await searchParams;
  const back = queryBackLink(Array.isArray(rawBack) ? rawBack[0] : rawBack);
  const result = await viewAidHistory(user, personId);
  if (!result.ok) {
    if (result.code === "NOT_FOUND") notFound();
    return <p className="text-sm text-red-600">{result.message}</p>;
  }
  const { person, enrolments, applications, rosterEntries, entries, aidRecords, inRegion } = result.data;
  const reveal = revealIdNumberAction.bind(null, person.id);
  return (
    <>
      {back ? (
        <p className="text-sm">
          <Link href={back} className="text-brand-600 underline">
            ← 返回查询结果
          </Link>
        </p>
      ) : null}
      <header className="space-y-1">
        <h1 className="text-xl font-semibold">{person.name} 的受助情况</h1>
        <p className="text-sm text-slate-700">
          身份证号：
          {entries.length > 0 ? (
            <RevealIdNumber masked={person.idNumberMasked} who={person.name} reveal={reveal} />
          ) : (
            <span className="font-mono">{person.idNumberMasked}</span>
          )}
        </p>
        <p className="text-sm text-slate-600">户籍所在地：{person.hukouRegion?.name ?? "未登记"}</p>
        <p className="text-xs text-slate-500">
          历年、各学校的记录（档案全学段衔接）；辖区外学校的记录只显示学校、学期、等级与金额。查看完整身份证号仅限重点保障人群学生，并记入审计日志。
        </p>
      </header>

      <TitledSection id="enrolments-heading" title="学籍">
        <DataTable columns={["学校", "学段", "班级", "入学年月", "学籍状态", "资助档案"]}>
          {enrolments.map((enrolment) => (
            <Tr key={enrolment.id}>
              <Td>{schoolText(enrolment.school, inRegion(enrolment.school))}</Td>
              <Td>{STAGE_LABELS[enrolment.stage]}</Td>
              <Td>{inRegion(enrolment.school) ? `${enrolment.grade.name}${enrolment.class.name}` : "—"}</Td>
              <Td>{formatBeijingDate(enrolment.enrolledOn).slice(0, 7)}</Td>
              <Td>{ENROLMENT_STATUS_LABELS[enrolment.status]}</Td>
              <Td>
                {inRegion(enrolment.school) ? (
                  <Link
                    href={`/console/students/${enrolment.id}/archive`}
                    className="text-brand-600 underline"
                  >
                    查看（可打印）
                  </Link>
                ) : (
                  "—"
                )}
              </Td>
            </Tr>
          ))}
        </DataTable>
      </TitledSection>

      <TitledSection id="applications-heading" title="申请与认定">
        <DataTable columns={["资助学期", "学校", "申请状态", "认定等级", "认定日期", "申请项目"]}>
          {applications.length === 0 ? (
            <Empty columns={6} text="没有申请记录。" />
          ) : (
            applications.map((application) => (
              <Tr key={application.id}>
                <Td>{application.term.name}</Td>
                <Td>{schoolText(application.school, inRegion(application.school))}</Td>
                <Td>{APPLICATION_STATE_LABELS[application.state]}</Td>
                <Td>
                  {application.determination?.finalLevel
                    ? HARDSHIP_LEVEL_LABELS[application.determination.finalLevel]
                    : "—"}
                  {application.determination?.revokedAt ? "（已取消）" : ""}
                </Td>
                <Td>
                  {application.determination?.determinedAt
                    ? formatBeijingDate(application.determination.determinedAt)
                    : "—"}
                </Td>
                <Td className="text-xs">
                  {application.programmes.map((item) => item.programme.name).join("、")}
                </Td>
              </Tr>
            ))
          )}
        </DataTable>
      </TitledSection>

      <TitledSection id="aid-heading" title="资助名单">
        <DataTable columns={["资助学期", "资助项目", "学校", "名单状态", "等级", "应发（元）"]}>
          {rosterEntries.length === 0 ? (
            <Empty columns={6} text="没有资助名单记录。" />
          ) : (
            rosterEntries.map((entry) => (
              <Tr key={entry.id}>
                <Td>
                  {entry.roster.term.name}
                  {entry.roster.month ? ` ${entry.roster.month}月` : ""}
                </Td>
                <Td>{entry.roster.programme.name}</Td>
                <Td>{schoolText(entry.roster.school, inRegion(entry.roster.school))}</Td>
                <Td>{ROSTER_STATE_LABELS[entry.roster.state]}</Td>
                <Td>{entry.level ? HARDSHIP_LEVEL_LABELS[entry.level] : "—"}</Td>
                <Td>{fenToYuan(entry.amountFen)}</Td>
              </Tr>
            ))
          )}
        </DataTable>
      </TitledSection>

      <TitledSection id="records-heading" title="受助记录">
        <p className="mb-2 text-sm text-slate-600">
          每名学生每个资助项目每个发放期一条：中职按月，其他学段按学期。已冲销的记录保留原发放金额。
        </p>
        <DataTable columns={["发放期", "资助项目", "学校", "金额（元）", "发放日期", "状态"]}>
          {aidRecords.length === 0 ? (
            <Empty columns={6} text="没有受助记录。" />
          ) : (
            aidRecords.map((record) => (
              <Tr key={record.id}>
                <Td>{aidPeriodLabel(record.period)}</Td>
                <Td>{record.programme.name}</Td>
                <Td>{schoolText(record.school, inRegion(record.school))}</Td>
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

      <TitledSection id="groups-heading" title="特殊群体名单">
        <DataTable columns={["类别", "来源", "名单年度", "录入学校"]}>
          {entries.length === 0 ? (
            <Empty columns={4} text="不在特殊群体名单中。" />
          ) : (
            entries.map((entry) => (
              <Tr key={entry.id}>
                <Td>{SPECIAL_CATEGORY_LABELS[entry.category]}</Td>
                <Td>{SPECIAL_SOURCE_LABELS[entry.source]}</Td>
                <Td>{entry.listYear}</Td>
                <Td>{schoolText(entry.school, inRegion(entry.school))}</Td>
              </Tr>
            ))
          )}
        </DataTable>
      </TitledSection>
    </>
  );
}
