import { PRINT_FORM_TITLES, type PublicityTableDoc } from "@/lib/domain/print-forms";
import { PrintDoc, PrintHeading, SignatureLines } from "./print-parts";

/** 《各学段公示表》 of one publicity: name, class, level or programme only — nothing else personal. */
export function PublicityTable({ doc }: { doc: PublicityTableDoc }) {
  return (
    <PrintDoc label={`${doc.title}公示表`} testId="print-publicity">
      <PrintHeading
        title={`${PRINT_FORM_TITLES.publicity}：${doc.title}`}
        left={`学校：${doc.schoolName}`}
        right={doc.termName}
      />
      <p className="pf-sub">公示期：{doc.period}</p>
      <table className="pf-table">
        <thead>
          <tr>
            <th scope="col" style={{ width: "10%" }}>
              序号
            </th>
            <th scope="col">姓名</th>
            <th scope="col">班级</th>
            <th scope="col">认定等级或资助项目</th>
          </tr>
        </thead>
        <tbody>
          {doc.rows.map((row, index) => (
            <tr key={`${row.name}-${index}`}>
              <td className="pf-num">{index + 1}</td>
              <td>{row.name}</td>
              <td>{row.className}</td>
              <td>{row.result}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="pf-note">
        公示期内如有异议，请向学校学生资助管理部门反映。公示内容不涉及学生个人及家庭隐私。
      </p>
      <SignatureLines labels={["学校资助管理员签字"]} seal={doc.schoolName} />
    </PrintDoc>
  );
}
