/**
 * The SMS channel of notifications: the contract (./types.ts) and the provider chosen from the
 * environment (./config.ts). No SMS_PROVIDER → null: SMS is off and only the in-app inbox is used.
 */
import { smsSetupFrom } from "@/lib/sms/config";
import { AliyunSmsProvider } from "./aliyun";
import { smsConfigFrom, type SmsEnv } from "./config";
import type { SmsProvider } from "./types";

export { type SmsProvider, type SmsMessage, type SmsResult } from "./types";
export { SmsConfigError } from "@/lib/sms/config";

/** The configured SMS provider, or null when SMS is off; a half-configured one throws SmsConfigError. */
export function smsProviderFromEnv(env: SmsEnv = process.env): SmsProvider | null {
  const config = smsConfigFrom(env);
  return config ? new AliyunSmsProvider(config.aliyun) : null;
}

/**
 * Start-up check of every SMS_* setting (notifications and the one-time codes of lib/sms/config.ts):
 * throws SmsConfigError naming the variable to fix; otherwise one line for the server's log.
 */
export function checkSmsSettings(env: SmsEnv = process.env): string {
  const config = smsConfigFrom(env);
  if (!config) return "SMS: off (SMS_PROVIDER not set): notifications go to the in-app inbox only";
  smsSetupFrom(env);
  return `SMS: ${config.provider} at ${config.aliyun.endpoint}, sign name "${config.aliyun.signName}"`;
}
