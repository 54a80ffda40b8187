import {
  ApplicationStateCell,
  EmptyListRow,
  SpecialListPager,
  SpecialStudentCell,
  specialCategoryNames,
} from "@/components/console/admin/special-student-cells";
import { DeterminationNav } from "@/components/determination/sub-nav";
import { ErrorPanel } from "@/components/ui/error-panel";
import { inputCls } from "@/components/ui/form-styles";
import { ServerForm } from "@/components/ui/server-form";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { isAllowed, requirePageAccess } from "@/lib/auth/access";
import { NO_AID_REASON_LABELS, NO_AID_REASONS } from "@/lib/domain/codes";
import { loadNoAidStudents } from "@/lib/services/no-aid-reasons";
import { recordNoAidReasonAction } from "../actions";

export const metadata = { title: "未资助原因上报" };

/**
 * 未资助原因上报: this term's special-group students on no roster. The school admin records why each has no
 * aid; the leader reads the reasons; both may export the list.
 */
export default async function NoAidReasonsPage({
  searchParams,
}: {
  searchParams: Promise<{ page?: string }>;
}) {
  const { user } = await requirePageAccess("special_group.view");
  const query = await searchParams;
  const result = await loadNoAidStudents(user, { page: Number(query.page) || 1 });
  if (!result.ok) return <ErrorPanel code="—" title="无法打开" message={result.message} />;
  const { term, rows, total, page, pageSize } = result.data;
  const canRecord = isAllowed(user.role, "no_aid_reason.record");
  const canExport = isAllowed(user.role, "no_aid_reason.export");
  return (
    <>
      <header className="space-y-2">
        <h1 className="text-xl font-semibold">未资助原因上报 · {term.name}</h1>
        <DeterminationNav current="/console/determination/no-aid-reasons" />
        <p className="text-sm text-slate-600">
          比对到的特殊群体学生应当应助尽助。以下{total}名学生未列入本学期任何资助名单
          {canRecord ? "，请逐一记录未资助原因。" : "。"}
        </p>
        {canExport ? (
          <a
            className="inline-block rounded-md bg-white px-3 py-1.5 text-sm ring-1 ring-slate-300"
            href="/console/determination/no-aid-reasons/download"
            download
          >
            导出未资助原因上报表
          </a>
        ) : null}
      </header>
      <section aria-label="未资助的特殊群体学生" className="space-y-2">
        <DataTable columns={["学生", "类别", "本学期申请", "未资助原因"]}>
          {rows.map((student) => (
            <Tr key={student.studentId} className="align-top">
              <SpecialStudentCell student={student} />
              <Td>{specialCategoryNames(student)}</Td>
              <ApplicationStateCell application={student.application} />
              <Td>
                {canRecord ? (
                  <ServerForm action={recordNoAidReasonAction} submitLabel="保存" inline>
                    <input type="hidden" name="studentId" value={student.studentId} />
                    <select
                      name="reason"
                      aria-label={`${student.name}的未资助原因`}
                      defaultValue={student.noAid?.reason ?? ""}
                      className={inputCls}
                    >
                      <option value="" disabled>
                        请选择原因（必填）
                      </option>
                      {NO_AID_REASONS.map((reason) => (
                        <option key={reason} value={reason}>
                          {NO_AID_REASON_LABELS[reason]}
                        </option>
                      ))}
                    </select>
                    <input
                      name="detail"
                      aria-label={`${student.name}的说明`}
                      defaultValue={student.noAid?.detail ?? ""}
                      placeholder="说明"
                      maxLength={500}
                      className={inputCls}
                    />
                  </ServerForm>
                ) : student.noAid ? (
                  <>
                    {NO_AID_REASON_LABELS[student.noAid.reason]}
                    {student.noAid.detail ? `（${student.noAid.detail}）` : ""}
                  </>
                ) : (
                  <span className="text-red-700">未填写</span>
                )}
              </Td>
            </Tr>
          ))}
          {rows.length === 0 ? (
            <EmptyListRow colSpan={4} className="text-green-700">
              比对到的特殊群体学生均已列入本学期资助名单。
            </EmptyListRow>
          ) : null}
        </DataTable>
        <SpecialListPager page={page} pageSize={pageSize} total={total} />
      </section>
    </>
  );
}
