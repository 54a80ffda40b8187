/**
 * Which SMS provider, if any (environment):
 *   SMS_PROVIDER=aliyun            (unset or empty: SMS is off, no one-time codes are asked for)
 *   SMS_ACCESS_KEY_ID, SMS_ACCESS_KEY_SECRET, SMS_SIGN_NAME
 *   SMS_TEMPLATE_OTP               template code of the verification-code message, one parameter ${code}
 *   SMS_ENDPOINT                   default https://dysmsapi.aliyuncs.com/
 *   SMS_REGION_ID                  default cn-hangzhou
 * A provider named but incompletely configured is an error at first use, not a silent "off".
 */
import { AliyunSmsSender } from "./aliyun";
import type { SmsSender } from "./sender";

export type SmsSetup = { sender: SmsSender; templates: { otp: string } };

export class SmsConfigError extends Error {}

type Env = Record<string, string | undefined>;

function required(env: Env, name: string): string {
  const v = env[name]?.trim();
  if (!v) throw new SmsConfigError(`SMS_PROVIDER is set but ${name} is missing`);
  return v;
}

export function smsSetupFrom(env: Env): SmsSetup | null {
  const provider = env.SMS_PROVIDER?.trim().toLowerCase();
  if (!provider) return null;
  if (provider !== "aliyun")
    throw new SmsConfigError(`unknown SMS_PROVIDER "${provider}" (supported: aliyun)`);
  return {
    sender: new AliyunSmsSender({
      accessKeyId: required(env, "SMS_ACCESS_KEY_ID"),
      accessKeySecret: required(env, "SMS_ACCESS_KEY_SECRET"),
      signName: required(env, "SMS_SIGN_NAME"),
      endpoint: env.SMS_ENDPOINT?.trim() || "https://dysmsapi.aliyuncs.com/",
      regionId: env.SMS_REGION_ID?.trim() || "cn-hangzhou",
    }),
    templates: { otp: required(env, "SMS_TEMPLATE_OTP") },
  };
}

let cached: { key: string; setup: SmsSetup | null } | undefined;

/** The configured SMS setup, or null when SMS is off. */
export function smsSetup(): SmsSetup | null {
  const e = process.env;
  const key = [
    e.SMS_PROVIDER,
    e.SMS_ACCESS_KEY_ID,
    e.SMS_ACCESS_KEY_SECRET,
    e.SMS_SIGN_NAME,
    e.SMS_TEMPLATE_OTP,
    e.SMS_ENDPOINT,
    e.SMS_REGION_ID,
  ].join("|");
  if (!cached || cached.key !== key) cached = { key, setup: smsSetupFrom(e) };
  return cached.setup;
}

export const smsEnabled = () => smsSetup() !== null;
