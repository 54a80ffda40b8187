/**
 * The SMS channel's settings (environment; the same SMS_* the one-time codes read, lib/sms/config.ts):
 *   SMS_PROVIDER           aliyun — unset or empty: SMS is off, notifications go to the in-app inbox only
 *   SMS_ACCESS_KEY_ID      the AccessKey of a RAM user allowed to send (AliyunDysmsFullAccess or narrower)
 *   SMS_ACCESS_KEY_SECRET  its secret
 *   SMS_SIGN_NAME          the approved sign name (签名), e.g. the school's or the bureau's name
 *   SMS_ENDPOINT           default https://dysmsapi.aliyuncs.com/ (plain http only to this machine: tests)
 *   SMS_REGION_ID          default cn-hangzhou
 *   SMS_TIMEOUT_MS         default 10000: one request's limit, 100…120000; no answer in time → retried later
 * A provider named but half configured is an SmsConfigError naming the variable and the fix; the servers
 * check it at start-up (scripts/server.ts, scripts/worker.ts through checkSmsSettings in ./index.ts).
 */
import { SmsConfigError } from "@/lib/sms/config";
import type { AliyunProviderConfig } from "./aliyun";

export type SmsEnv = Record<string, string | undefined>;

export const DEFAULT_SMS_ENDPOINT = "https://dysmsapi.aliyuncs.com/";
const DEFAULT_TIMEOUT_MS = 10_000;
const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

function required(env: SmsEnv, name: string): string {
  const value = env[name]?.trim();
  if (!value)
    throw new SmsConfigError(
      `SMS_PROVIDER is set but ${name} is missing: set it, or unset SMS_PROVIDER to turn SMS off`,
    );
  return value;
}

function endpoint(env: SmsEnv): string {
  const raw = env.SMS_ENDPOINT?.trim() || DEFAULT_SMS_ENDPOINT;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new SmsConfigError(`SMS_ENDPOINT "${raw}" is not a URL (default ${DEFAULT_SMS_ENDPOINT})`);
  }
  // The request carries the recipient's phone number: in clear text only to this machine.
  if (url.protocol !== "https:" && !(url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname)))
    throw new SmsConfigError(
      `SMS_ENDPOINT "${raw}" must be an https:// URL (default ${DEFAULT_SMS_ENDPOINT})`,
    );
  return url.href;
}

function timeoutMs(env: SmsEnv): number {
  const raw = env.SMS_TIMEOUT_MS?.trim();
  if (!raw) return DEFAULT_TIMEOUT_MS;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 100 || value > 120_000)
    throw new SmsConfigError(
      `SMS_TIMEOUT_MS "${raw}" must be a whole number of milliseconds from 100 to 120000`,
    );
  return value;
}

/** The configured provider's name and settings, or null when SMS is off. */
export function smsConfigFrom(env: SmsEnv): { provider: "aliyun"; aliyun: AliyunProviderConfig } | null {
  const provider = env.SMS_PROVIDER?.trim().toLowerCase();
  if (!provider) return null;
  if (provider !== "aliyun")
    throw new SmsConfigError(
      `unknown SMS_PROVIDER "${provider}" (supported: aliyun; unset it to turn SMS off)`,
    );
  return {
    provider,
    aliyun: {
      accessKeyId: required(env, "SMS_ACCESS_KEY_ID"),
      accessKeySecret: required(env, "SMS_ACCESS_KEY_SECRET"),
      signName: required(env, "SMS_SIGN_NAME"),
      endpoint: endpoint(env),
      regionId: env.SMS_REGION_ID?.trim() || "cn-hangzhou",
      timeoutMs: timeoutMs(env),
    },
  };
}
