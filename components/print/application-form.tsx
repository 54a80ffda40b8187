import { COMMITMENT_TEXT, PRINT_FORM_TITLES, type ApplicationFormDoc } from "@/lib/domain/print-forms";
import { FieldRow, PrintDoc, PrintHeading, SignatureLines } from "./print-parts";

/** 《家庭经济困难学生认定申请表》 of one application, with the credit commitment and the signature lines. */
export function ApplicationForm({ doc }: { doc: ApplicationFormDoc }) {
  return (
    <PrintDoc label={`${doc.name}的认定申请表`} testId="print-application">
      <PrintHeading
        title={PRINT_FORM_TITLES.application}
        left={`学校：${doc.schoolName}　学段：${doc.stageLabel}`}
        right={doc.termName}
      />
      <table className="pf-table">
        <caption className="pf-section" style={{ textAlign: "left" }}>
          一、学生基本情况
        </caption>
        <tbody>
          <FieldRow
            cells={[
              ["姓名", doc.name],
              ["性别", doc.genderLabel],
              ["出生日期", doc.birthDate],
            ]}
          />
          <FieldRow
            cells={[
              ["身份证号", doc.idNumberMasked],
              ["学籍号", doc.studentNo, 3],
            ]}
          />
          <FieldRow
            cells={[
              ["年级", doc.gradeName],
              ["班级", doc.className],
              ["户籍类型", doc.residenceLabel],
            ]}
          />
          <FieldRow cells={[["家庭住址", doc.address, 5]]} />
          <FieldRow
            cells={[
              [
                "监护人",
                doc.guardians.map((g) => `${g.name}（${g.relation}，${g.phoneMasked}）`).join("；") || null,
                5,
              ],
            ]}
          />
        </tbody>
      </table>
      <table className="pf-table">
        <caption className="pf-section" style={{ textAlign: "left" }}>
          二、家庭经济情况
        </caption>
        <tbody>
          <FieldRow
            cells={[
              ["家庭人口", doc.memberCount == null ? null : `${doc.memberCount}人`],
              ["家庭年收入（元）", doc.annualIncomeYuan],
              ["人均月收入（元）", doc.perCapitaMonthlyYuan],
            ]}
          />
          <FieldRow
            cells={[
              ["住房情况", doc.housing],
              ["车辆情况", doc.vehicles, 3],
            ]}
          />
          <FieldRow cells={[["特殊困难类型", doc.categories.join("、") || "无", 5]]} />
          <FieldRow
            cells={[
              [
                "突发事件",
                doc.suddenEvents.length
                  ? doc.suddenEvents
                      .map(
                        (e) =>
                          `${e.kind}，损失${e.amountYuan}元${e.description ? `（${e.description}）` : ""}`,
                      )
                      .join("；")
                  : "无",
                5,
              ],
            ]}
          />
          <FieldRow cells={[["其他说明", doc.notes, 5]]} />
        </tbody>
      </table>
      <table className="pf-table">
        <caption className="pf-section" style={{ textAlign: "left" }}>
          三、家庭成员情况
        </caption>
        <thead>
          <tr>
            <th scope="col">姓名</th>
            <th scope="col">关系</th>
            <th scope="col">年龄</th>
            <th scope="col">职业</th>
            <th scope="col">就业状况</th>
            <th scope="col">年收入（元）</th>
            <th scope="col">健康状况</th>
          </tr>
        </thead>
        <tbody>
          {doc.members.length === 0 ? (
            <tr>
              <td colSpan={7}>未填写</td>
            </tr>
          ) : (
            doc.members.map((m, index) => (
              <tr key={`${m.name}-${index}`}>
                <td>{m.name}</td>
                <td>{m.relation}</td>
                <td className="pf-num">{m.age ?? "—"}</td>
                <td>{m.occupation ?? "—"}</td>
                <td>{m.workStatus ?? "—"}</td>
                <td className="pf-num">{m.annualIncomeYuan ?? "—"}</td>
                <td>{m.health}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
      <table className="pf-table">
        <tbody>
          <FieldRow cells={[["申请资助项目", doc.programmes.join("、") || "—"]]} />
          <FieldRow
            cells={[
              [
                "申请方式",
                `${doc.enteredOnPaper ? "纸质申请，由班主任代为录入" : "网上申请"}${doc.submittedOn ? `，${doc.submittedOn}提交` : ""}`,
              ],
            ]}
          />
          {doc.levelLabel ? <FieldRow cells={[["认定等级", doc.levelLabel]]} /> : null}
        </tbody>
      </table>
      <p className="pf-section">四、诚信承诺</p>
      <div className="pf-commitment">
        <p className="pf-text">{COMMITMENT_TEXT}</p>
        <p>{doc.commitmentSignedOn ? `已于${doc.commitmentSignedOn}在线签署。` : "（须由申请人签字确认）"}</p>
      </div>
      <SignatureLines
        labels={["学生（本人）签字", "监护人签字", "班主任签字", "学校资助管理员签字"]}
        seal={doc.schoolName}
      />
    </PrintDoc>
  );
}
