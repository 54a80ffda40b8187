// The provider adapters (Aliyun signed requests) land from branch notifsms; until then SMS is off.
export { type SmsProvider, type SmsMessage, type SmsResult } from "./types";
import type { SmsProvider } from "./types";

export function smsProviderFromEnv(_env: NodeJS.ProcessEnv = process.env): SmsProvider | null {
  return null;
}
