/**
 * Notification texts: checking a school's wording, filling in the placeholders, and keeping out what a message
 * must never carry (ID numbers, incomes, special-group categories; SECURITY.md, "What notification texts may
 * carry"). Pure.
 */
import { SPECIAL_CATEGORY_LABELS } from "@/lib/domain/codes";
import { fail, ok, type ActionResult } from "@/lib/domain/result";
import {
  FREE_TEXT_PLACEHOLDERS,
  NOTIFICATION_CATALOGUE,
  PLACEHOLDER_LABELS,
  type NotificationKind,
  type Placeholder,
} from "./catalogue";

const PLACEHOLDER = /\{([^{}]{0,40})\}/g;

/** The placeholder names a wording uses, in order of first use. */
export function placeholdersOf(template: string): string[] {
  const names: string[] = [];
  for (const match of template.matchAll(PLACEHOLDER)) {
    const name = match[1]!.trim();
    if (!names.includes(name)) names.push(name);
  }
  return names;
}

/** Words that name a special-group category or an income, besides the category labels themselves. */
const FORBIDDEN_WORDS = [
  "收入",
  "建档立卡",
  "低保",
  "特困",
  "孤儿",
  "残疾",
  "烈士",
  "困境儿童",
  "无人抚养",
  "易致贫",
  "脱贫",
  ...Object.values(SPECIAL_CATEGORY_LABELS),
];

/** A run of 15 or more digits (an ID number, old or new, with or without its check character). */
const ID_NUMBER = /\d{15,}|\d{17}[Xx]/;

/** What a text must never carry; null when it is clean. */
export function forbiddenContentOf(text: string): string | null {
  if (ID_NUMBER.test(text.replace(/\s/g, ""))) return "身份证号";
  const word = FORBIDDEN_WORDS.find((candidate) => text.includes(candidate));
  return word ?? null;
}

/** A free-text value that would carry forbidden content is not shown; the text points to the page instead. */
export const WITHHELD_TEXT = "详见系统内页面";

export type TemplateCheck = ActionResult<{ body: string }>;

/**
 * Checks a school's wording for one kind: not empty, within the kind's length limit, only the kind's
 * placeholders, no forbidden content, braces balanced. Messages name the problem and the fix.
 */
export function checkTemplate(kind: NotificationKind, raw: string): TemplateCheck {
  const spec = NOTIFICATION_CATALOGUE[kind];
  const body = raw.replace(/\r\n?/g, "\n").trim();
  const field = (message: string): TemplateCheck => fail("INVALID", message, { body: message });
  if (!body) return field("通知内容不能为空，请填写通知内容。");
  if (body.length > spec.maxLength)
    return field(`通知内容最多 ${spec.maxLength} 个字，现在 ${body.length} 个字，请删减。`);
  const allowed = spec.placeholders as readonly string[];
  const unknown = placeholdersOf(body).filter((name) => !allowed.includes(name));
  if (unknown.length > 0) {
    const names = allowed.map((name) => `{${name}}（${PLACEHOLDER_LABELS[name as Placeholder]}）`).join("、");
    return field(`通知内容中的占位符 {${unknown[0]}} 不可用于此类通知，可用的占位符：${names}。`);
  }
  const stripped = body.replace(PLACEHOLDER, "");
  if (/[{}]/.test(stripped)) return field("通知内容中的花括号不成对，占位符请写成 {名称} 的形式。");
  const forbidden = forbiddenContentOf(stripped);
  if (forbidden)
    return field(`通知内容不能包含“${forbidden}”等身份证号、收入或特殊困难群体类别信息，请删除。`);
  return ok({ body });
}

/**
 * The parameters as they may go into a text: only the kind's placeholders, each trimmed to 60 characters; a
 * value with forbidden content (typed text, but also a name or a programme's name that happens to name a
 * special group) is replaced by WITHHELD_TEXT, so the event still notifies and the text stays clean.
 */
export function screenParams(kind: NotificationKind, params: Record<string, string>): Record<string, string> {
  const spec = NOTIFICATION_CATALOGUE[kind];
  const screened: Record<string, string> = {};
  for (const name of spec.placeholders) {
    const value = params[name];
    if (value === undefined) continue;
    const short = value.replace(/\s+/g, " ").trim().slice(0, 60);
    screened[name] = forbiddenContentOf(short) ? WITHHELD_TEXT : short;
  }
  return screened;
}

/** Fills a wording in; a placeholder without a value becomes empty. Cut to the kind's length limit. */
export function renderNotification(
  kind: NotificationKind,
  template: string,
  params: Record<string, string>,
): string {
  const spec = NOTIFICATION_CATALOGUE[kind];
  const text = template.replace(PLACEHOLDER, (_whole, name: string) => params[name.trim()] ?? "");
  return text.length > spec.maxLength ? `${text.slice(0, spec.maxLength - 1)}…` : text;
}

/** The parameters an SMS template receives: the screened ones minus free text (never typed text by SMS). */
export function smsParams(params: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(params).filter(([name]) => !FREE_TEXT_PLACEHOLDERS.includes(name as Placeholder)),
  );
}
