import type { z } from "zod";
import { fail, ok, type ActionResult } from "@/lib/domain/result";

/**
 * The Chinese message of each invalid field, keyed by its dotted path ("familyMembers.0.name"); the first
 * message wins when a field breaks several rules; an error about the whole object is keyed "_".
 */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) errors[issue.path.join(".") || "_"] ??= issue.message;
  return errors;
}

/** An INVALID failure for a zod error: its first message, and the message of each field. */
export function invalidInput(error: z.ZodError): ActionResult<never> {
  return fail("INVALID", error.issues[0]?.message ?? "输入有误，请检查后重新提交。", fieldErrorsOf(error));
}

/** Parses a service's input: the typed value, or an INVALID failure naming the fields. */
export function parseInput<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
): ActionResult<z.output<Schema>> {
  const parsed = schema.safeParse(input);
  return parsed.success ? ok(parsed.data) : invalidInput(parsed.error);
}
