/**
 * The school's scoring model: saved as a new version (JSON, or the structured editor's form) and read for
 * the editor. Determinations keep the version they were made with.
 */
import "server-only";
import { activeScoringModel, createModelVersion } from "@/lib/db/scoring-model.repo";
import { yuanToFen } from "@/lib/domain/household";
import { fail, ok, type ActionResult } from "@/lib/domain/result";
import { parseScoringModelConfig } from "@/lib/domain/scoring";
import type { SessionUser } from "@/lib/domain/session-user";
import { parseInput } from "@/lib/forms/field-errors";
import type { FormFields } from "@/lib/forms/read";
import { modelSchema } from "@/lib/schemas/determination";
import { audit } from "./audit";
import { schoolTermContext } from "./context";
import { NOT_FOUND_MESSAGE } from "./determination-failures";

/** Saves a model given as JSON as the school's next version. */
export async function saveScoringModel(
  user: SessionUser,
  raw: unknown,
): Promise<ActionResult<{ version: number }>> {
  const ctx = await schoolTermContext(user, "determination.model");
  if (!ctx.ok) return ctx;
  const input = parseInput(modelSchema, raw);
  if (!input.ok) return input;
  let json: unknown;
  try {
    json = JSON.parse(input.data.config);
  } catch {
    return fail("INVALID", "模型配置不是有效的 JSON，请检查括号和引号。", {
      config: "模型配置不是有效的 JSON",
    });
  }
  const parsed = parseScoringModelConfig(json);
  if (!parsed.ok)
    return fail("INVALID", `模型配置有误：${parsed.errors.slice(0, 5).join("；")}`, {
      config: parsed.errors.join("；"),
    });
  const model = await createModelVersion(
    ctx.data.scope,
    input.data.name,
    parsed.config as never,
    ctx.data.user.id,
  );
  if (!model) return fail("NOT_FOUND", NOT_FOUND_MESSAGE);
  await audit(
    ctx.data,
    "scoring_model.version",
    { type: "ScoringModel", id: model.id },
    { version: model.version },
  );
  return ok({ version: model.version });
}

/**
 * The structured editor's form: points per option, thresholds, tiers per
 * stage, the special-group shortcut and the 低保 standard, applied to the
 * school's current model and saved as a new version.
 */
export async function saveScoringModelFromForm(
  user: SessionUser,
  form: FormFields,
): Promise<ActionResult<{ version: number }>> {
  const ctx = await schoolTermContext(user, "determination.model");
  if (!ctx.ok) return ctx;
  const current = await activeScoringModel(ctx.data.scope.schoolId);
  if (!current) return fail("REFUSED", "没有可用的评分模型。");
  const base = parseScoringModelConfig(current.config);
  if (!base.ok) return fail("REFUSED", "当前模型配置无效，请用 JSON 方式修改。");
  const config = structuredClone(base.config);
  const text = (name: string) => {
    const value = form[name];
    return typeof value === "string" ? value.trim() : "";
  };
  const errors: Record<string, string> = {};
  const integer = (name: string, label: string): number | undefined => {
    const value = text(name);
    if (!/^-?\d{1,4}$/.test(value)) {
      errors[name] = `${label}请填写整数`;
      return undefined;
    }
    return Number(value);
  };
  for (const indicator of config.indicators)
    for (const option of indicator.options)
      option.points =
        integer(`pts.${indicator.key}.${option.key}`, `“${indicator.label}—${option.label}”的分值`) ??
        option.points;
  config.thresholds = {
    SPECIAL: integer("t.SPECIAL", "特别困难分数线") ?? 0,
    HARDSHIP: integer("t.HARDSHIP", "困难分数线") ?? 0,
    GENERAL: integer("t.GENERAL", "一般困难分数线") ?? 0,
  };
  for (const stage of Object.keys(config.tiers) as (keyof typeof config.tiers)[])
    config.tiers[stage] = text(`tier.${stage}`) === "ONE" ? "ONE" : "THREE";
  config.specialGroupsAreSpecial = text("specialGroupsAreSpecial") === "on";
  const urbanText = text("ml.URBAN");
  const ruralText = text("ml.RURAL");
  if (urbanText || ruralText) {
    const urban = yuanToFen(urbanText);
    const rural = yuanToFen(ruralText);
    if (!urban || !rural) errors["ml.URBAN"] = "城镇和农村低保标准请都填写大于0的金额（元/人·月）";
    else config.minimumLivingFen = { URBAN: urban, RURAL: rural };
  }
  if (Object.keys(errors).length) return fail("INVALID", Object.values(errors)[0]!, errors);
  return saveScoringModel(user, {
    name: typeof form.name === "string" ? form.name : current.name,
    config: JSON.stringify(config),
  });
}

/** The school's active model with its parsed configuration (null when the stored one no longer parses). */
export async function loadScoringModel(user: SessionUser) {
  const ctx = await schoolTermContext(user, "determination.view");
  if (!ctx.ok) return ctx;
  const model = await activeScoringModel(ctx.data.scope.schoolId);
  if (!model) return ok(null);
  const parsed = parseScoringModelConfig(model.config);
  return ok({ ...model, parsed: parsed.ok ? parsed.config : null });
}
