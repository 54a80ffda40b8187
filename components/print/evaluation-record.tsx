import { PRINT_FORM_TITLES, type EvaluationRecordDoc } from "@/lib/domain/print-forms";
import { PrintDoc, PrintHeading, SignatureLines } from "./print-parts";

/** The class evaluation record (班级评议): committee members, the ranking by hardship, the committee's report. */
export function EvaluationRecord({ doc }: { doc: EvaluationRecordDoc }) {
  return (
    <PrintDoc label={`${doc.className}的班级评议记录`} testId="print-evaluation">
      <PrintHeading
        title={PRINT_FORM_TITLES.evaluation}
        left={`学校：${doc.schoolName}　班级：${doc.gradeName}${doc.className}`}
        right={doc.termName}
      />
      <table className="pf-table">
        <caption className="pf-section" style={{ textAlign: "left" }}>
          一、班级评议小组
        </caption>
        <thead>
          <tr>
            <th scope="col">姓名</th>
            <th scope="col">职务</th>
            <th scope="col">身份</th>
            <th scope="col">签字</th>
          </tr>
        </thead>
        <tbody>
          {doc.members.map((m, index) => (
            <tr key={`${m.name}-${index}`}>
              <td>{m.name}</td>
              <td>{m.role}</td>
              <td>{m.isStudent ? "学生代表" : "教师/家长代表"}</td>
              <td className="pf-sign" />
            </tr>
          ))}
        </tbody>
      </table>
      <table className="pf-table">
        <caption className="pf-section" style={{ textAlign: "left" }}>
          二、评议排序（按家庭经济困难程度）
        </caption>
        <thead>
          <tr>
            <th scope="col" style={{ width: "12%" }}>
              排序
            </th>
            <th scope="col">姓名</th>
            <th scope="col">困难等级</th>
          </tr>
        </thead>
        <tbody>
          {doc.ranking.map((r) => (
            <tr key={r.rank}>
              <td className="pf-num">{r.rank}</td>
              <td>{r.name}</td>
              <td>{r.levelLabel}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="pf-section">三、班级评议报告</p>
      <p className="pf-text">{doc.report || "（未填写）"}</p>
      <p>{doc.submittedOn ? `评议结果已于${doc.submittedOn}提交学校。` : "评议尚未提交学校。"}</p>
      <SignatureLines labels={["班主任（评议小组组长）签字"]} />
    </PrintDoc>
  );
}
