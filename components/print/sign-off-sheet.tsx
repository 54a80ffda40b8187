import { PRINT_FORM_TITLES, type SignOffSheetDoc } from "@/lib/domain/print-forms";
import { PrintDoc, PrintHeading, SignatureLines } from "./print-parts";

/** 资助发放签收表: name, class, programme, amount in 元 and a signature column per student; the total. */
export function SignOffSheet({ doc }: { doc: SignOffSheetDoc }) {
  return (
    <PrintDoc label={`${doc.className ?? doc.schoolName}的资助发放签收表`} testId="print-sign-off">
      <PrintHeading
        title={`${PRINT_FORM_TITLES["sign-off"]}（${doc.programmeName}）`}
        left={`学校：${doc.schoolName}${doc.className ? `　班级：${doc.className}` : ""}`}
        right={doc.termName}
      />
      <table className="pf-table">
        <thead>
          <tr>
            <th scope="col" style={{ width: "8%" }}>
              序号
            </th>
            <th scope="col">姓名</th>
            <th scope="col">班级</th>
            <th scope="col">资助项目</th>
            <th scope="col" style={{ width: "15%" }}>
              金额（元）
            </th>
            <th scope="col" style={{ width: "22%" }}>
              学生或家长签字
            </th>
          </tr>
        </thead>
        <tbody>
          {doc.rows.map((row, index) => (
            <tr key={`${row.name}-${index}`} data-testid="sign-off-row">
              <td className="pf-num">{index + 1}</td>
              <td>{row.name}</td>
              <td>{row.className}</td>
              <td>{row.programmeName}</td>
              <td className="pf-num">{row.amountYuan}</td>
              <td className="pf-sign" />
            </tr>
          ))}
          <tr>
            <th scope="row" colSpan={4}>
              合计（{doc.rows.length}人）
            </th>
            <td className="pf-num">{doc.totalYuan}</td>
            <td />
          </tr>
        </tbody>
      </table>
      <p className="pf-note">
        高中阶段由学生本人签收，义务教育及以下由家长（监护人）签收（招远细则 七(1)）。
      </p>
      <SignatureLines labels={["班主任签字", "学校资助管理员签字"]} seal={doc.schoolName} />
    </PrintDoc>
  );
}
