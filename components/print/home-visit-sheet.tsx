import { PRINT_FORM_TITLES, type HomeVisitSheetDoc } from "@/lib/domain/print-forms";
import { FieldRow, PrintDoc, PrintHeading, SignatureLines } from "./print-parts";

/** 《学生资助入户走访调查情况和量化计分表》: the visit, each indicator's option and points, the total and level. */
export function HomeVisitSheet({ doc }: { doc: HomeVisitSheetDoc }) {
  return (
    <PrintDoc label={`${doc.name}的入户走访调查和量化计分表`} testId="print-home-visit">
      <PrintHeading
        title={PRINT_FORM_TITLES["home-visit"]}
        left={`学校：${doc.schoolName}`}
        right={doc.termName}
      />
      <table className="pf-table">
        <tbody>
          <FieldRow
            cells={[
              ["学生姓名", doc.name],
              ["班级", doc.className],
              ["走访日期", doc.visitDate],
            ]}
          />
          <FieldRow cells={[["走访人员", doc.visitors, 5]]} />
          <FieldRow
            cells={[
              [
                "调查情况",
                <span className="pf-text" key="f">
                  {doc.findings}
                </span>,
                5,
              ],
            ]}
          />
        </tbody>
      </table>
      <table className="pf-table">
        <caption className="pf-section" style={{ textAlign: "left" }}>
          量化计分（{doc.modelName}）
        </caption>
        <thead>
          <tr>
            <th scope="col" style={{ width: "8%" }}>
              序号
            </th>
            <th scope="col" style={{ width: "34%" }}>
              指标
            </th>
            <th scope="col">情况</th>
            <th scope="col" style={{ width: "14%" }}>
              来源
            </th>
            <th scope="col" style={{ width: "10%" }}>
              得分
            </th>
          </tr>
        </thead>
        <tbody>
          {doc.indicators.map((line, index) => (
            <tr key={line.label} data-testid="score-line">
              <td className="pf-num">{index + 1}</td>
              <td>{line.label}</td>
              <td>{line.option ?? "未填写（0分）"}</td>
              <td>{line.source}</td>
              <td className="pf-num">{line.points}</td>
            </tr>
          ))}
          <tr>
            <th scope="row" colSpan={4}>
              合计得分 / 模拟困难等级：{doc.levelLabel}
            </th>
            <td className="pf-num" data-testid="score-total">
              {doc.totalScore}
            </td>
          </tr>
        </tbody>
      </table>
      <SignatureLines labels={["走访人员签字", "被走访家长（监护人）签字", "班主任签字"]} />
    </PrintDoc>
  );
}
