/**
 * The pieces the supervisor's query pages share (app/(console)/console/supervisor/queries/*): the filter
 * form, a filter select with an "all" choice, the stage and school-code filters, the count line and pager of a bounded count, the export link of the
 * filtered list and the 受助情况 link of a row. Filters are a plain GET form, so every filtered page
 * has its own address and works without JavaScript.
 */
import Link from "next/link";
import type { ReactNode } from "react";
import { describedBy, Field, Select, TextField } from "@/components/ui/form";
import { STAGE_LABELS } from "@/lib/domain/codes";
import { countText, type PageWindow } from "@/lib/domain/region-queries";

/** The page's search parameters as single strings (repeated ones: the first). */
export function queryParams(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === "string") out[key] = first;
  }
  return out;
}

export const withParams = (
  path: string,
  params: Record<string, string>,
  extra: Record<string, string> = {},
) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...params, ...extra })) if (value) search.set(key, value);
  const text = search.toString();
  return text ? `${path}?${text}` : path;
};

export function ChoiceField({
  id,
  label,
  value,
  options,
  allLabel,
  error,
}: {
  id: string;
  label: string;
  value: string | undefined;
  options: readonly { value: string; label: string }[];
  /** The first choice, meaning "no filter"; omitted when a value must be chosen. */
  allLabel?: string;
  error?: string;
}) {
  return (
    <Field id={id} label={label} error={error}>
      <Select
        id={id}
        name={id}
        defaultValue={value ?? ""}
        aria-invalid={Boolean(error)}
        aria-describedby={describedBy(id, undefined, error)}
      >
        {allLabel !== undefined ? <option value="">{allLabel}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </Select>
    </Field>
  );
}

export const labelled = <Code extends string>(labels: Record<Code, string>) =>
  (Object.entries(labels) as [Code, string][]).map(([value, label]) => ({ value, label }));

/**
 * The filter form of a region query page (app/(console)/console/supervisor/queries/*): a GET form, so the
 * filters stay in the address (bookmarks, the history page's back link), its fields, then 查询 and 清除
 * (back to the unfiltered list).
 */
export function QueryFilterForm({
  label,
  clearHref,
  columnsClassName,
  children,
}: {
  /** The form's accessible name, e.g. "筛选认定结果". */
  label: string;
  clearHref: string;
  /** The grid's columns per breakpoint, e.g. "md:grid-cols-3 lg:grid-cols-6 lg:items-end". */
  columnsClassName: string;
  children: ReactNode;
}) {
  return (
    <form
      method="get"
      aria-label={label}
      className={`grid gap-3 rounded-lg bg-white p-4 ring-1 ring-slate-200 ${columnsClassName}`}
    >
      {children}
      <div className="flex gap-2">
        <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-white hover:bg-brand-700">
          查询
        </button>
        <Link href={clearHref} className="rounded-md px-3 py-2 text-slate-600 hover:bg-slate-100">
          清除
        </Link>
      </div>
    </form>
  );
}

/** The 学段 filter of a query page. */
export function StageFilter({ value, error }: { value: string | undefined; error?: string }) {
  return (
    <ChoiceField
      id="stage"
      label="学段"
      value={value}
      options={labelled(STAGE_LABELS)}
      allLabel="全部学段"
      error={error}
    />
  );
}

/** The 学校标识码 filter of a query page (a province has thousands of schools: typed, not chosen). */
export function SchoolCodeFilter({ value, error }: { value: string | undefined; error?: string }) {
  return (
    <TextField
      id="schoolCode"
      name="schoolCode"
      label="学校标识码"
      hint="10位，留空为全部学校"
      inputMode="numeric"
      maxLength={10}
      defaultValue={value}
      error={error}
    />
  );
}

/** "共 N 条" (or "超过 10000 条"), the page, and links to the previous and next pages. */
export function QueryPager({
  path,
  params,
  window,
}: {
  path: string;
  params: Record<string, string>;
  window: PageWindow;
}) {
  return (
    <nav aria-label="分页" className="flex flex-wrap items-center gap-3 text-sm">
      <span className="text-slate-600" data-testid="query-count">
        {countText(window)}，第 {window.page} / {window.pages} 页
        {window.capped ? "（请缩小筛选范围，或导出全部结果）" : ""}
      </span>
      {window.page > 1 ? (
        <Link href={withParams(path, params, { page: String(window.page - 1) })} className="text-brand-600">
          上一页
        </Link>
      ) : null}
      {window.page < window.pages ? (
        <Link href={withParams(path, params, { page: String(window.page + 1) })} className="text-brand-600">
          下一页
        </Link>
      ) : null}
    </nav>
  );
}

/** The export of the filtered list (every row, not only the page), optionally with full ID numbers. */
export function ExportLinks({
  query,
  params,
  fullIdAllowed,
}: {
  query: "determinations" | "special-groups" | "hukou";
  params: Record<string, string>;
  fullIdAllowed: boolean;
}) {
  const { page: _page, ...filter } = params;
  void _page;
  const path = `/console/supervisor/queries/export/${query}`;
  const linkClass =
    "rounded-md bg-white px-3 py-1.5 text-sm font-medium text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50";
  return (
    <div className="flex flex-wrap items-center gap-2">
      <a href={withParams(path, filter)} className={linkClass} data-testid="export-masked">
        导出筛选结果（.xlsx，身份证号脱敏）
      </a>
      {fullIdAllowed ? (
        <a href={withParams(path, filter, { fullId: "1" })} className={linkClass}>
          导出（含完整身份证号，记入审计日志）
        </a>
      ) : null}
    </div>
  );
}

/** The query pages a history page may link back to: their own path with a query string, nothing else. */
const BACK_TARGET = /^\/console\/supervisor\/queries\/(determinations|special-groups|hukou)(\?[^#\\]*)?$/;

/** `back` when it is one of the query pages (the history page's "返回查询结果" link), else null. */
export const queryBackLink = (back: string | undefined): string | null =>
  back && BACK_TARGET.test(back) ? back : null;

/** The 受助情况 link of a row; `back` is the filtered list the row is on, for the history page's back link. */
export function HistoryLink({ personId, name, back }: { personId: string; name: string; back: string }) {
  return (
    <Link
      href={`/console/supervisor/queries/person/${personId}?${new URLSearchParams({ back })}`}
      className="text-brand-600 underline"
    >
      受助情况<span className="sr-only">：{name}</span>
    </Link>
  );
}
