import Link from "next/link";
import { DetailHeader } from "@/components/determination/detail-header";
import { ServerForm } from "@/components/ui/server-form";
import { inputCls } from "@/components/determination/styles";
import { ErrorPanel } from "@/components/ui/error-panel";
import { EvidenceGallery } from "@/components/determination/evidence-gallery";
import { isAllowed, requirePageAccess } from "@/lib/auth/access";
import {
  APPLICATION_STATE_LABELS,
  HARDSHIP_LEVEL_LABELS,
  type HardshipLevel,
  ROLE_LABELS,
  SPECIAL_CATEGORY_LABELS,
  REVOKE_REASON_LABELS,
  REVOKE_REASONS,
  RESIDENCE_LABELS,
  suddenEventKindLabel,
} from "@/lib/domain/codes";
import { fenToYuan } from "@/lib/domain/household";
import { levelsForTier } from "@/lib/domain/scoring";
import { formatBeijingDate, formatBeijingDateTime } from "@/lib/domain/time";
import { loadApplication } from "@/lib/services/determination-queue";
import {
  adjustGradeLevelAction,
  reviewApplicationAction,
  revokeDeterminationAction,
  setLevelAction,
} from "../actions";
import { maskStudentNo } from "@/lib/domain/mask";
import { HeadRow, Td, Tr } from "@/components/ui/table";
import { Card } from "@/components/ui/card";

export const metadata = { title: "认定详情" };

const VIA = { band: "按数据区间", answer: "按填报/入户选项", missing: "未填写" } as const;

/** A hardship level to choose and the reason for it (the grade adjustment and the final level). */
function LevelAndReasonFields(props: {
  levelId: string;
  levelLabel: string;
  levels: readonly HardshipLevel[];
  defaultLevel: HardshipLevel;
  reasonId: string;
  reasonLabel: string;
}) {
  return (
    <>
      <label className="block text-sm" htmlFor={props.levelId}>
        {props.levelLabel}
      </label>
      <select id={props.levelId} name="level" defaultValue={props.defaultLevel} className={inputCls}>
        {props.levels.map((level) => (
          <option key={level} value={level}>
            {HARDSHIP_LEVEL_LABELS[level]}
          </option>
        ))}
      </select>
      <label className="block text-sm" htmlFor={props.reasonId}>
        {props.reasonLabel}
      </label>
      <textarea id={props.reasonId} name="reason" className={inputCls} rows={2} maxLength={200} />
    </>
  );
}

export default async function DeterminationDetail({
  params,
}: {
  params: Promise<{ applicationId: string }>;
}) {
  const { user } = await requirePageAccess("determination.view");
  const { applicationId } = await params;
  const r = await loadApplication(user, applicationId);
  if (!r.ok) return <ErrorPanel code="404" title="未找到" message={r.message} />;
  const { app, simulation: sim, categories, evidence, listedNames } = r.data;
  // A single-tier stage (不分档次) is determined 困难 / 不困难 only: the choices follow the model's rule.
  const levels = levelsForTier(sim?.tier ?? "THREE");
  const d = app.determination;
  const h = app.household;
  const rank = app.rankings[0];
  const canViewArchive = isAllowed(user.role, "student_archive.view");
  const canDecide =
    isAllowed(user.role, "determination.set_level") &&
    ["verified", "reviewed", "determined"].includes(app.state);
  return (
    <>
      <DetailHeader
        backHref="/console/determination"
        backLabel="返回审核列表"
        title={`${app.person.name} · ${app.student.grade.name}${app.student.class.name}`}
      >
        <p className="text-sm text-slate-600">
          状态：{APPLICATION_STATE_LABELS[app.state]} · 学籍号 {maskStudentNo(app.student.studentNo)}
        </p>
        {canViewArchive ? (
          <p className="text-sm">
            <Link href={`/console/students/${app.studentId}/archive`} className="text-brand-600 underline">
              资助档案（历年、各校的申请、认定与受助记录）
            </Link>
          </p>
        ) : null}
        {app.kind === "ADJUSTMENT" ? (
          <p className="text-sm text-amber-800" data-testid="adjustment-note">
            这是学期内的动态调整申请（见“动态调整”）：认定后须单独公示，公示结束后新等级生效。
          </p>
        ) : null}
      </DetailHeader>

      <Card tone="bordered" className="space-y-3" aria-labelledby="sim-title">
        <h2 id="sim-title" className="font-semibold">
          模拟困难等级及依据
        </h2>
        {sim ? (
          <>
            <p data-testid="simulated">
              模拟积分 <strong>{sim.score}</strong> 分，模拟等级{" "}
              <strong>{HARDSHIP_LEVEL_LABELS[sim.level]}</strong>（模型：{sim.modelName} 第{sim.modelVersion}
              版）
            </p>
            <p className="text-sm" data-testid="level-rule">
              定级依据：{sim.explanation.levelRule}
              {sim.explanation.tierRule ? `；${sim.explanation.tierRule}` : ""}
            </p>
            {categories.length ? (
              <p className="text-sm text-amber-800">
                特殊群体（名单比对）：{categories.map((c) => SPECIAL_CATEGORY_LABELS[c]).join("、")}
              </p>
            ) : null}
            {listedNames.length ? (
              <p
                role="note"
                className="rounded bg-amber-50 p-2 text-sm text-amber-900"
                data-testid="name-mismatch"
              >
                请核对：名单上的姓名为“{listedNames.join("、")}”，与学生姓名“{app.person.name}
                ”不一致（按身份证件号比对上）。
              </p>
            ) : null}
            <div className="overflow-x-auto">
              <table className="min-w-full text-sm">
                <HeadRow weight="medium" columns={["指标", "结果", "得分", "规则"]} />
                <tbody>
                  {sim.explanation.indicators.map((i) => (
                    <Tr key={i.key}>
                      <Td>{i.label}</Td>
                      <Td>{i.option ?? "—"}</Td>
                      <Td>{i.points}</Td>
                      <Td>
                        <span className="text-xs text-slate-500">{VIA[i.via]}：</span>
                        {i.rule}
                      </Td>
                    </Tr>
                  ))}
                </tbody>
              </table>
            </div>
            {sim.explanation.missing ? (
              <p className="text-sm text-amber-700">
                有{sim.explanation.missing}项指标未填写，按0分计算，请结合入户调查核实。
              </p>
            ) : null}
          </>
        ) : (
          <p className="text-sm text-slate-600">没有可用的量化认定模型。</p>
        )}
      </Card>

      <Card tone="bordered" className="space-y-3" aria-labelledby="hh-title">
        <h2 id="hh-title" className="font-semibold">
          家庭经济情况
        </h2>
        {h ? (
          <p className="text-sm">
            户口：{h.residence ? RESIDENCE_LABELS[h.residence] : "—"}；家庭人口 {h.memberCount ?? "—"}{" "}
            人；家庭年收入 {h.totalAnnualIncomeFen != null ? fenToYuan(h.totalAnnualIncomeFen) : "—"}{" "}
            元；人均月收入{" "}
            {h.perCapitaMonthlyIncomeFen != null ? fenToYuan(h.perCapitaMonthlyIncomeFen) : "—"} 元；住房{" "}
            {h.housing ?? "—"}；车辆 {h.vehicles ?? "—"}
          </p>
        ) : (
          <p className="text-sm">未填写家庭经济情况。</p>
        )}
        {h ? (
          <dl className="grid grid-cols-[7rem_1fr] gap-x-2 gap-y-1 text-sm" data-testid="applicant-statement">
            <dt className="text-slate-500">申报特殊群体</dt>
            <dd>{h.declaredCategories.map((c) => SPECIAL_CATEGORY_LABELS[c]).join("、") || "无"}</dd>
            <dt className="text-slate-500">其他说明</dt>
            <dd className="whitespace-pre-wrap">{h.notes || "—"}</dd>
          </dl>
        ) : null}
        <ul className="list-disc pl-5 text-sm">
          {app.familyMembers.map((m) => (
            <li key={m.id}>
              {m.relation} {m.name}
              {m.age != null ? `，${m.age}岁` : ""}
              {m.occupation ? `，${m.occupation}` : ""}
              {m.workStatus ? `，${m.workStatus}` : ""}
              {m.seriousIllness ? "，患重大疾病" : ""}
              {m.disability ? "，残疾" : ""}
              {m.inSchool ? "，在读" : ""}
            </li>
          ))}
        </ul>
        {app.suddenEvents.length ? (
          <p className="text-sm">
            突发事件损失：
            {app.suddenEvents
              .map(
                (e) =>
                  `${suddenEventKindLabel(e.kind)} ${fenToYuan(e.amountFen)}元${e.description ? `（${e.description}）` : ""}`,
              )
              .join("；")}
          </p>
        ) : null}
        <p className="text-sm">
          入户调查：
          {app.homeVisit
            ? `${formatBeijingDate(app.homeVisit.visitDate)}，${app.homeVisit.visitors}；${app.homeVisit.findings}（积分 ${app.homeVisit.totalScore}）`
            : "无记录"}
        </p>
        <p className="text-sm">
          班级评议排名：{rank ? `第${rank.rank}名（共${rank.evaluation._count.ranks}人）` : "无记录"}
        </p>
      </Card>

      <Card tone="bordered" className="space-y-3" aria-labelledby="evidence-title">
        <h2 id="evidence-title" className="font-semibold">
          佐证材料（{evidence.length} 份）
        </h2>
        <EvidenceGallery files={evidence} />
      </Card>

      {canDecide && app.state === "verified" ? (
        <Card tone="bordered" className="space-y-3" aria-labelledby="review-title">
          <h2 id="review-title" className="font-semibold">
            学校审核
          </h2>
          <ServerForm action={reviewApplicationAction} submitLabel="提交审核意见">
            <input type="hidden" name="applicationId" value={app.id} />
            <input type="hidden" name="version" value={app.version} />
            <div className="flex gap-4 text-sm">
              <label>
                <input type="radio" name="decision" value="approve" defaultChecked /> 审核通过
              </label>
              <label>
                <input type="radio" name="decision" value="return" /> 退回修改
              </label>
            </div>
            <label className="block text-sm">
              意见（退回时必填）
              <textarea name="comment" className={inputCls} rows={2} maxLength={200} />
            </label>
          </ServerForm>
        </Card>
      ) : null}

      {isAllowed(user.role, "determination.grade_adjust") &&
      (app.state === "verified" || app.state === "reviewed") &&
      !d?.finalLevel ? (
        <Card tone="bordered" className="space-y-3" aria-labelledby="grade-title">
          <h2 id="grade-title" className="font-semibold">
            年级认定小组调整
          </h2>
          {d?.gradeAdjustedLevel ? (
            <p className="text-sm">
              年级认定小组已调整为：{HARDSHIP_LEVEL_LABELS[d.gradeAdjustedLevel]}
              {d.gradeAdjustReason ? `（${d.gradeAdjustReason}）` : ""}
            </p>
          ) : null}
          <ServerForm action={adjustGradeLevelAction} submitLabel="记录年级调整" variant="secondary">
            <input type="hidden" name="applicationId" value={app.id} />
            <LevelAndReasonFields
              levelId="f-glevel"
              levelLabel="调整后的等级"
              levels={levels}
              defaultLevel={
                d?.gradeAdjustedLevel && levels.includes(d.gradeAdjustedLevel)
                  ? d.gradeAdjustedLevel
                  : (sim?.level ?? "HARDSHIP")
              }
              reasonId="f-greason"
              reasonLabel="调整理由（与模拟等级不同时必填）"
            />
          </ServerForm>
        </Card>
      ) : null}

      {canDecide ? (
        <Card tone="bordered" className="space-y-3" aria-labelledby="level-title">
          <h2 id="level-title" className="font-semibold">
            确定认定等级
          </h2>
          {d?.finalLevel ? (
            <p className="text-sm">
              当前认定：{HARDSHIP_LEVEL_LABELS[d.finalLevel]}
              {d.overrideReason ? `（调整理由：${d.overrideReason}）` : ""}
            </p>
          ) : null}
          <ServerForm action={setLevelAction} submitLabel="保存认定等级">
            <input type="hidden" name="applicationId" value={app.id} />
            <input type="hidden" name="version" value={app.version} />
            <LevelAndReasonFields
              levelId="f-level"
              levelLabel="认定等级"
              levels={levels}
              defaultLevel={
                [d?.finalLevel, d?.gradeAdjustedLevel].find((l) => l && levels.includes(l)) ??
                sim?.level ??
                "HARDSHIP"
              }
              reasonId="f-reason"
              reasonLabel="调整理由（与模拟等级不同时必填；沿用年级调整等级时可不填）"
            />
          </ServerForm>
        </Card>
      ) : null}

      {isAllowed(user.role, "determination.revoke") && app.state === "determined" ? (
        <Card tone="bordered" className="space-y-3" aria-labelledby="revoke-title">
          <h2 id="revoke-title" className="font-semibold text-red-700">
            取消资格
          </h2>
          <ServerForm
            action={revokeDeterminationAction}
            submitLabel="取消认定资格"
            variant="danger"
            confirmText="确定取消该生的认定资格吗？已发放的资助将标记为需追回。"
          >
            <input type="hidden" name="applicationId" value={app.id} />
            <input type="hidden" name="version" value={app.version} />
            <label className="block text-sm" htmlFor="f-revoke-reason">
              原因
            </label>
            <select id="f-revoke-reason" name="reason" className={inputCls}>
              {REVOKE_REASONS.map((x) => (
                <option key={x} value={x}>
                  {REVOKE_REASON_LABELS[x]}
                </option>
              ))}
            </select>
            <label className="block text-sm">
              具体情况
              <textarea name="detail" className={inputCls} rows={2} maxLength={300} />
            </label>
          </ServerForm>
        </Card>
      ) : null}
      {d?.revokedAt ? (
        <p className="rounded-md bg-red-50 p-3 text-sm text-red-700">
          已于 {formatBeijingDateTime(d.revokedAt)} 取消资格：{d.revokeDetail}
          {d.recoveryRequired ? "；已领取的资助需追回。" : ""}
        </p>
      ) : null}

      <Card tone="bordered" className="space-y-3" aria-labelledby="tl-title">
        <h2 id="tl-title" className="font-semibold">
          办理记录
        </h2>
        <ol className="space-y-1 text-sm">
          {app.transitions.map((t, i) => (
            <li key={i}>
              {formatBeijingDateTime(t.at)} · {t.actorRole ? ROLE_LABELS[t.actorRole] : "系统"} ·{" "}
              {APPLICATION_STATE_LABELS[t.toState]}
              {t.comment ? `：${t.comment}` : ""}
            </li>
          ))}
        </ol>
      </Card>
    </>
  );
}
