/**
 * THE JSON shape every upload and JSON route handler answers (docs/architecture.md, "How to write an action"):
 *
 *   success  { ok: true,  message, data }                      status 200/201
 *   failure  { ok: false, code, message, fieldErrors? }        status from the code (lib/domain/result.ts)
 *
 * A client branches on `ok` and `code`, shows `message` and puts each `fieldErrors` entry beside its field.
 */
import { FAILURE_STATUS, type Failure, type FailureCode } from "@/lib/domain/result";

export type JsonSuccess<Data> = { ok: true; message: string; data: Data };
export type JsonFailure = {
  ok: false;
  code: FailureCode;
  message: string;
  fieldErrors?: Record<string, string>;
};
export type JsonAnswer<Data> = JsonSuccess<Data> | JsonFailure;

const NO_STORE = { "Cache-Control": "no-store" };

export function jsonSuccess<Data>(message: string, data: Data, status = 200): Response {
  return Response.json({ ok: true, message, data } satisfies JsonSuccess<Data>, {
    status,
    headers: NO_STORE,
  });
}

/** A failure (a service's, or authorize's refusal); the status follows its code unless given (413 for a body too large). */
export function jsonFailure(
  failure: Pick<Failure, "code" | "message" | "fieldErrors">,
  status?: number,
): Response {
  const body: JsonFailure = { ok: false, code: failure.code, message: failure.message };
  if (failure.fieldErrors) body.fieldErrors = failure.fieldErrors;
  return Response.json(body, { status: status ?? FAILURE_STATUS[failure.code], headers: NO_STORE });
}
