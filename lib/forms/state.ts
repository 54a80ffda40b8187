import type { FailureCode } from "@/lib/domain/result";

/**
 * What every server action returns to its form (`useActionState`): null before the first submit; then the
 * outcome, the Chinese message, the failure code, the message of each field (dotted paths) and the typed
 * values to show again after a failure.
 */
export type FormState = {
  ok?: boolean;
  code?: FailureCode;
  message?: string;
  fieldErrors?: Record<string, string>;
  values?: Record<string, string>;
} | null;
