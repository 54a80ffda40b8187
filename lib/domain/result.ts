/**
 * What a service returns: success with its data, or a failure with a code (what kind of failure, for code and
 * tests to branch on) beside the Chinese message (what the user reads) and, for bad input, the message of
 * each field keyed by its dotted path ("familyMembers.0.name").
 */
export const FAILURE_CODES = [
  /** The input breaks a rule of its schema; `fieldErrors` names the fields. */
  "INVALID",
  /** Nobody is signed in (or the session ended). */
  "UNAUTHENTICATED",
  /** The access matrix refuses the caller's role this action, or the caller must first change a password. */
  "FORBIDDEN",
  /** The object does not exist or lies outside the caller's scope (the two are never told apart). */
  "NOT_FOUND",
  /** Someone changed the object since the page was opened, or the value is already taken. */
  "CONFLICT",
  /** A business rule refuses it in the object's present state (window closed, already submitted…). */
  "REFUSED",
  /** A rate limit, size limit or quota is reached. */
  "LIMIT",
  /** A store or queue the operation needs does not answer; nothing was written, try again later. */
  "UNAVAILABLE",
  /** The object existed but its content is gone for good (e.g. an export file removed after its retention). */
  "GONE",
] as const;
export type FailureCode = (typeof FAILURE_CODES)[number];

export type Failure = {
  ok: false;
  code: FailureCode;
  message: string;
  fieldErrors?: Record<string, string>;
};
export type ActionResult<T = undefined> = { ok: true; data: T } | Failure;

export const ok = <T>(data: T): ActionResult<T> => ({ ok: true, data });

/** A failure: `fail("NOT_FOUND", "未找到该申请，或您无权查看。")`. */
export function fail(code: FailureCode, message: string, fieldErrors?: Record<string, string>): Failure {
  return fieldErrors ? { ok: false, code, message, fieldErrors } : { ok: false, code, message };
}

/** The HTTP status a route handler answers for each failure code. */
export const FAILURE_STATUS: Record<FailureCode, number> = {
  INVALID: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  REFUSED: 422,
  LIMIT: 429,
  UNAVAILABLE: 503,
  GONE: 410,
};
