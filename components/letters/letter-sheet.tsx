import type { Letter } from "@/lib/services/access-codes";
import { formatBeijingDate } from "@/lib/domain/time";
import { Td } from "@/components/ui/table";

/**
 * One 致学生家长的一封信 on an A4 sheet: the school, the child, the class, the
 * code issued for the child, the portal address and what to do with them.
 */
export function LetterSheet({ letter, portalUrl }: { letter: Letter; portalUrl: string }) {
  const parent = letter.applicant === "PARENT";
  const issued = letter.codeIssuedAt ? formatBeijingDate(letter.codeIssuedAt) : "";
  return (
    <article
      aria-label={`${letter.name}的告家长书`}
      data-testid="letter"
      className="mx-auto max-w-[180mm] space-y-4 bg-white p-8 text-[15px] leading-7 text-black ring-1 ring-slate-300 break-after-page print:p-0 print:ring-0"
    >
      <header className="text-center">
        <h2 className="text-2xl font-bold tracking-widest">致学生家长的一封信</h2>
        <p className="text-sm">{letter.schoolName} · 学生资助网上申报</p>
      </header>
      <p>尊敬的{letter.name}同学家长：</p>
      <p className="indent-8">
        您好！国家建立了覆盖学前教育至高等教育的学生资助政策体系，不让一个学生因家庭经济困难而失学。学校使用“学生资助申报系统”办理家庭经济困难学生认定和资助申请。家庭经济困难的，可以在网上提出申请；学校将按规定认定，并对家庭信息严格保密。
      </p>
      <table className="w-full border-collapse text-left">
        <tbody>
          {[
            ["学校", letter.schoolName],
            ["班级", letter.className],
            ["学生姓名", letter.name],
            ["网址", portalUrl],
          ].map(([k, v]) => (
            <tr key={k} className="border border-black">
              <th scope="row" className="w-28 border border-black px-3 py-1 font-medium">
                {k}
              </th>
              <td className="px-3 py-1">{v}</td>
            </tr>
          ))}
          <tr className="border border-black">
            <th scope="row" className="border border-black px-3 py-1 font-medium">
              {parent ? "绑定验证码" : "激活验证码"}
            </th>
            <Td>
              <span data-testid="letter-code" className="font-mono text-2xl font-bold tracking-[0.2em]">
                {letter.code}
              </span>
            </Td>
          </tr>
        </tbody>
      </table>
      <section aria-label="操作步骤">
        <h3 className="font-semibold">{parent ? "家长操作步骤" : "学生操作步骤"}</h3>
        {parent ? (
          <ol className="list-decimal space-y-1 pl-6">
            <li>
              用手机浏览器打开 {portalUrl}/register，用学校登记的监护人手机号
              {letter.guardianPhonesMasked.length > 0 ? `（${letter.guardianPhonesMasked.join("、")}）` : ""}
              注册家长账号；已注册的直接登录。
            </li>
            <li>登录后点“绑定孩子”，填写孩子姓名、身份证号和上面的绑定验证码。</li>
            <li>绑定后在首页为孩子提出资助申请，按提示填写家庭情况并上传证明材料。</li>
          </ol>
        ) : (
          <ol className="list-decimal space-y-1 pl-6">
            <li>用手机浏览器打开 {portalUrl}/activate。</li>
            <li>填写学生本人姓名、身份证号和上面的激活验证码，设置登录密码。</li>
            <li>激活后用身份证号或学籍号登录，按提示提出资助申请。</li>
          </ol>
        )}
      </section>
      <section aria-label="注意事项" className="text-sm">
        <h3 className="font-semibold">注意事项</h3>
        <ul className="list-disc space-y-1 pl-6">
          <li>
            验证码只用于{parent ? "绑定您的孩子" : "激活学生本人账号"}
            ，请妥善保管，不要告诉他人；学校工作人员不会通过电话或短信索要验证码。
          </li>
          <li>验证码遗失或泄露，请联系班主任补发；补发后原验证码立即作废。</li>
          {parent ? (
            <li>
              如注册时提示手机号无法使用，或孩子已被他人绑定，请携带本人身份证和手机到学校找班主任核实处理。
            </li>
          ) : null}
          <li>申请不收取任何费用。如有疑问，请咨询班主任或学校学生资助管理员。</li>
        </ul>
      </section>
      <p className="text-right">
        {letter.schoolName}
        <br />
        {issued}
      </p>
    </article>
  );
}
