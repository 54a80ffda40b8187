import { PRINT_FORM_TITLES, type DeterminationSummaryDoc } from "@/lib/domain/print-forms";
import { PrintDoc, PrintHeading, SignatureLines } from "./print-parts";

/** The school's determination summary of a term: counts per level, the list, the review steps, the leader's line. */
export function DeterminationSummary({ doc }: { doc: DeterminationSummaryDoc }) {
  return (
    <PrintDoc label={`${doc.schoolName}的认定结果汇总表`} testId="print-determination-summary">
      <PrintHeading
        title={PRINT_FORM_TITLES["determination-summary"]}
        left={`学校：${doc.schoolName}`}
        right={doc.termName}
      />
      <table className="pf-table">
        <caption className="pf-section" style={{ textAlign: "left" }}>
          一、认定人数
        </caption>
        <thead>
          <tr>
            {doc.counts.map((c) => (
              <th key={c.levelLabel} scope="col">
                {c.levelLabel}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            {doc.counts.map((c) => (
              <td key={c.levelLabel} className="pf-num">
                {c.count}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
      <table className="pf-table">
        <caption className="pf-section" style={{ textAlign: "left" }}>
          二、认定名单
        </caption>
        <thead>
          <tr>
            <th scope="col" style={{ width: "10%" }}>
              序号
            </th>
            <th scope="col">姓名</th>
            <th scope="col">班级</th>
            <th scope="col">认定等级</th>
          </tr>
        </thead>
        <tbody>
          {doc.rows.map((row, index) => (
            <tr key={`${row.name}-${index}`}>
              <td className="pf-num">{index + 1}</td>
              <td>{row.name}</td>
              <td>{row.className}</td>
              <td>{row.revoked ? `${row.levelLabel}（已取消）` : row.levelLabel}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {doc.steps.length ? (
        <table className="pf-table">
          <caption className="pf-section" style={{ textAlign: "left" }}>
            三、认定程序
          </caption>
          <thead>
            <tr>
              <th scope="col">环节</th>
              <th scope="col">经办人</th>
              <th scope="col">日期</th>
              <th scope="col">意见</th>
            </tr>
          </thead>
          <tbody>
            {doc.steps.map((step, index) => (
              <tr key={`${step.label}-${index}`}>
                <td>{step.label}</td>
                <td>{step.actor}</td>
                <td>{step.on}</td>
                <td>{step.comment ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <SignatureLines labels={["学校资助管理员签字", "校长（学校领导小组组长）签字"]} seal={doc.schoolName} />
    </PrintDoc>
  );
}
