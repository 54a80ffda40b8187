import "server-only";
/** @deprecated Import from "@/lib/domain/result" (its home since services, security and forms all use it). */
export { fail, ok, type ActionResult, type Failure, type FailureCode } from "@/lib/domain/result";
