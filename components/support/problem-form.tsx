"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import {
  describedBy,
  Field,
  FormMessage,
  Select,
  SubmitButton,
  TextArea,
  TextField,
} from "@/components/ui/form";
import { useHydrated } from "@/components/ui/use-hydrated";
import { STAGE_LABELS, type Stage } from "@/lib/domain/codes";
import { SUPPORT_CATEGORY_LABELS, SUPPORT_SUBCATEGORIES } from "@/lib/domain/support";
import { AnswerSuggestions } from "./answer-suggestions";
import { useMultipartPost } from "./post-multipart";

/** "CATEGORY" or "CATEGORY:SUBCATEGORY", one option each, in the order of seed 001. */
const KINDS: { value: string; label: string }[] = [
  ...Object.entries(SUPPORT_SUBCATEGORIES).flatMap(([category, subs]) =>
    Object.entries(subs).map(([sub, label]) => ({
      value: `${category}:${sub}`,
      label: `${SUPPORT_CATEGORY_LABELS[category as keyof typeof SUPPORT_CATEGORY_LABELS]} — ${label}`,
    })),
  ),
  { value: "USER_REQUEST", label: SUPPORT_CATEGORY_LABELS.USER_REQUEST },
  { value: "SUGGESTION", label: SUPPORT_CATEGORY_LABELS.SUGGESTION },
];

/**
 * The filing form (issue 21 item 1): posted with its files to POST /api/support; the unit, role and name come
 * from the account and are shown, not asked.
 */
export function ProblemForm({
  stages,
  stageOptional,
  pagePath,
  contact,
}: {
  /** The stages to choose from (a school's); null for a supervisor (any stage, or none). */
  stages: readonly Stage[] | null;
  stageOptional: boolean;
  pagePath: string;
  contact: string;
}) {
  const router = useRouter();
  const hydrated = useHydrated();
  const { pending, outcome, post } = useMultipartPost<{ id: string }>();
  const errors = outcome && !outcome.ok ? outcome.fieldErrors : {};
  const stageChoices = stages ?? (Object.keys(STAGE_LABELS) as Stage[]);
  const [typed, setTyped] = useState("");

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const [category, subcategory] = String(form.get("kind") ?? "").split(":");
    form.delete("kind");
    form.set("category", category ?? "");
    form.set("subcategory", subcategory ?? "");
    const result = await post("/api/support", form);
    if (result.ok) router.push(`/console/support/${result.data.id}`);
  }

  const kindError = errors.category ?? errors.subcategory;
  return (
    <form onSubmit={submit} className="space-y-4" noValidate aria-label="提交问题">
      <Field id="sp-kind" label="问题类别" required error={kindError}>
        <Select
          id="sp-kind"
          name="kind"
          defaultValue=""
          aria-required="true"
          aria-invalid={Boolean(kindError)}
          aria-describedby={describedBy("sp-kind", undefined, kindError)}
        >
          <option value="">请选择</option>
          {KINDS.map((k) => (
            <option key={k.value} value={k.value}>
              {k.label}
            </option>
          ))}
        </Select>
      </Field>
      {stageChoices.length > 1 || stageOptional ? (
        <Field id="sp-stage" label="涉及学段" required={!stageOptional} error={errors.stage}>
          <Select
            id="sp-stage"
            name="stage"
            defaultValue=""
            aria-invalid={Boolean(errors.stage)}
            aria-describedby={describedBy("sp-stage", undefined, errors.stage)}
          >
            <option value="">{stageOptional ? "全学段 / 不涉及某一学段" : "请选择"}</option>
            {stageChoices.map((s) => (
              <option key={s} value={s}>
                {STAGE_LABELS[s]}
              </option>
            ))}
          </Select>
        </Field>
      ) : null}
      <Field
        id="sp-description"
        label="问题描述"
        required
        hint="写清楚在做什么、看到了什么提示、希望怎样；学生信息请只写姓名和班级，不要写身份证号。"
        error={errors.description}
      >
        <TextArea
          id="sp-description"
          name="description"
          rows={6}
          maxLength={4000}
          onChange={(event) => setTyped(event.currentTarget.value)}
          aria-required="true"
          aria-invalid={Boolean(errors.description)}
          aria-describedby={describedBy(
            "sp-description",
            "写清楚在做什么、看到了什么提示、希望怎样；学生信息请只写姓名和班级，不要写身份证号。",
            errors.description,
          )}
        />
      </Field>
      <AnswerSuggestions text={typed} />
      <div className="flex items-center gap-2">
        <input id="sp-urgent" name="urgent" type="checkbox" className="h-4 w-4" />
        <label htmlFor="sp-urgent" className="text-sm text-slate-700">
          紧急（影响申请、认定或发放的截止时间）
        </label>
      </div>
      <TextField
        id="sp-page"
        name="pagePath"
        label="问题所在页面"
        hint="本系统内的页面地址，如 /console/teacher/roster；不涉及某个页面可留空。"
        defaultValue={pagePath}
        maxLength={300}
        error={errors.pagePath}
      />
      <TextField
        id="sp-contact"
        name="contact"
        label="联系方式"
        required
        hint="手机或办公电话、邮箱，处理人员用于反馈处理情况。"
        defaultValue={contact}
        maxLength={100}
        error={errors.contact}
      />
      <Field
        id="sp-files"
        label="截图或文件"
        hint="最多3个，JPG、PNG 图片或 PDF，每个不超过10MB。"
        error={errors.files}
      >
        <input
          id="sp-files"
          name="files"
          type="file"
          multiple
          accept="image/jpeg,image/png,application/pdf"
          aria-invalid={Boolean(errors.files)}
          aria-describedby={describedBy(
            "sp-files",
            "最多3个，JPG、PNG 图片或 PDF，每个不超过10MB。",
            errors.files,
          )}
          className="block w-full text-sm"
        />
      </Field>
      {outcome ? <FormMessage kind={outcome.ok ? "success" : "error"}>{outcome.message}</FormMessage> : null}
      <SubmitButton pending={pending} disabled={!hydrated} pendingLabel="正在提交…">
        提交问题
      </SubmitButton>
    </form>
  );
}
