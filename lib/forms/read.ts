import type { z } from "zod";
import type { ActionResult } from "@/lib/domain/result";
import { parseInput } from "./field-errors";

/** A submitted form's text fields: one string per name, or every value of a name the schema lists as an array. */
export type FormFields = Record<string, string | string[]>;

/** The keys of an object schema whose field is an array (a group of checkboxes), through optional/default/pipe. */
function arrayKeys(schema: z.ZodType): Set<string> {
  const keys = new Set<string>();
  const shape = (schema as unknown as { shape?: Record<string, z.ZodType> }).shape;
  if (!shape) return keys;
  for (const [key, field] of Object.entries(shape)) {
    let def = (field as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
    while (["optional", "default", "nullable", "prefault", "pipe", "readonly"].includes(def.type)) {
      const inner = (def.innerType ?? def.in) as { _zod: { def: typeof def } } | undefined;
      if (!inner) break;
      def = inner._zod.def;
    }
    if (def.type === "array") keys.add(key);
  }
  return keys;
}

/** The text fields of a form (files left out); `lists` names the fields read as arrays. */
export function formFields(form: FormData, lists: Iterable<string> = []): FormFields {
  const listed = new Set(lists);
  const fields: FormFields = {};
  for (const [name, value] of form.entries()) {
    if (typeof value !== "string") continue;
    const list = fields[name];
    if (!listed.has(name)) fields[name] ??= value;
    else if (Array.isArray(list)) list.push(value);
    else fields[name] = [value];
  }
  for (const name of listed) fields[name] ??= [];
  return fields;
}

/**
 * THE way to read a posted form: its text fields (array fields of the schema as every value posted under that
 * name) parsed by the zod schema, giving the typed input or an INVALID failure naming each field by its path.
 */
export function readForm<Schema extends z.ZodType>(
  form: FormData,
  schema: Schema,
): ActionResult<z.output<Schema>> {
  return parseInput(schema, formFields(form, arrayKeys(schema)));
}

/** The typed values to show again after a failure: text fields only, never a password. */
export function echoValues(form: FormData | FormFields): Record<string, string> {
  const entries = form instanceof FormData ? Object.entries(formFields(form)) : Object.entries(form);
  return Object.fromEntries(
    entries.filter(
      (entry): entry is [string, string] =>
        typeof entry[1] === "string" && !/password|confirm|current/i.test(entry[0]),
    ),
  );
}

/** The text fields named `<prefix>.<key>` as `{ key: value }` (a group of inputs such as `score.income`). */
export function formGroup(form: FormData, prefix: string): Record<string, string> {
  const group: Record<string, string> = {};
  for (const [name, value] of form.entries())
    if (name.startsWith(`${prefix}.`) && typeof value === "string")
      group[name.slice(prefix.length + 1)] = value;
  return group;
}
