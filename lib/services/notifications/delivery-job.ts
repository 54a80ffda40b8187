/**
 * Delivering the outbox (docs/architecture.md, "Notifications"). The `notifications` queue is a chain like the
 * rollups' (lib/services/rollup-job.ts): each job delivers for up to DRAIN_SECONDS, then queues its successor
 * CHAIN_DELAY_SECONDS later; a per-minute schedule restarts a broken chain.
 *
 * One round: expand the pending fan-outs into per-recipient notifications (lib/db/notification-fan-out.repo.ts,
 * each in its own transaction), dispatch undispatched notifications in batches (inbox + log rows, an SMS queued where one may go),
 * then send the SMS that are due. SMS goes out only when a provider is configured (smsProviderFromEnv), the kind
 * has its template code (SMS_TEMPLATE_<KIND>) and the recipient has a mobile number; never 22:00–07:00 Beijing
 * time (held to 07:00); a retryable failure is retried with back-off (lib/domain/notifications/delivery.ts). The
 * mobile number is decrypted here and nowhere else.
 */
import "server-only";
import { reveal } from "@/lib/crypto/keys";
import { claimDueSms, dispatchNotifications, recordSmsAttempt } from "@/lib/db/notification-delivery.repo";
import { expandPendingFanOut } from "@/lib/db/notification-fan-out.repo";
import {
  NOTIFICATION_CATALOGUE,
  NOTIFICATION_KINDS,
  type NotificationKind,
} from "@/lib/domain/notifications/catalogue";
import { smsParams } from "@/lib/domain/notifications/content";
import { nextSmsAttempt, outsideQuietHours } from "@/lib/domain/notifications/delivery";
import { jobQueue } from "@/lib/jobs/queue";
import { QUEUES } from "@/lib/jobs/queues";
import { smsProviderFromEnv, type SmsProvider } from "@/lib/notifications/sms";

export const NOTIFICATION_CRON = "* * * * *";
export const NOTIFICATION_TIME_ZONE = "Asia/Shanghai";
const DRAIN_SECONDS = 40;
export const NOTIFICATION_CHAIN_DELAY_SECONDS = 2;
const DISPATCH_BATCH = 5000;
const SMS_BATCH = 50;
/** A claimed SMS not recorded within this long (its worker died) is tried again. */
const SMS_LEASE_MS = 5 * 60_000;

type Env = Record<string, string | undefined>;

export type DeliveryOptions = {
  /** The SMS provider; default: the one configured in the environment, or none. */
  provider?: SmsProvider | null;
  env?: Env;
  now?: () => Date;
  maxMs?: number;
};

/** The provider's template code of each kind that may go by SMS in this environment. */
export function smsTemplateCodes(env: Env = process.env): Map<NotificationKind, string> {
  const codes = new Map<NotificationKind, string>();
  for (const kind of NOTIFICATION_KINDS) {
    const name = NOTIFICATION_CATALOGUE[kind].smsTemplateEnv;
    const code = name ? env[name]?.trim() : undefined;
    if (code) codes.set(kind, code);
  }
  return codes;
}

/** Delivers until nothing is left or `maxMs` has passed; returns what was done. */
export async function deliverNotifications(
  options: DeliveryOptions = {},
): Promise<{ expanded: number; dispatched: number; smsQueued: number; smsSent: number; smsFailed: number }> {
  const env = options.env ?? process.env;
  const provider =
    options.provider === undefined ? smsProviderFromEnv(env as NodeJS.ProcessEnv) : options.provider;
  const clock = options.now ?? (() => new Date());
  const codes = provider ? smsTemplateCodes(env) : new Map<NotificationKind, string>();
  const deadline = Date.now() + (options.maxMs ?? DRAIN_SECONDS * 1000);
  const totals = { expanded: 0, dispatched: 0, smsQueued: 0, smsSent: 0, smsFailed: 0 };
  for (;;) {
    const fanOut = Date.now() > deadline ? null : await expandPendingFanOut();
    if (fanOut) totals.expanded++;
    const round = await dispatchNotifications(DISPATCH_BATCH, [...codes.keys()], outsideQuietHours(clock()));
    totals.dispatched += round.dispatched;
    totals.smsQueued += round.sms;
    const sent = provider ? await sendDueSms(provider, codes, clock()) : { sent: 0, failed: 0, claimed: 0 };
    totals.smsSent += sent.sent;
    totals.smsFailed += sent.failed;
    if ((!fanOut && round.dispatched === 0 && sent.claimed === 0) || Date.now() > deadline) return totals;
  }
}

async function sendDueSms(
  provider: SmsProvider,
  codes: Map<NotificationKind, string>,
  now: Date,
): Promise<{ claimed: number; sent: number; failed: number }> {
  // Inside the quiet hours nothing is due (every SMS is held to 07:00); this guards a clock at the edge.
  if (outsideQuietHours(now).getTime() !== now.getTime()) return { claimed: 0, sent: 0, failed: 0 };
  const claimed = await claimDueSms(now, new Date(now.getTime() + SMS_LEASE_MS), SMS_BATCH);
  const started = Date.now();
  let sent = 0;
  let failed = 0;
  for (const sms of claimed) {
    const code = codes.get(sms.kind);
    const outcome = await sendOne(provider, sms, code);
    const at = new Date(now.getTime() + (Date.now() - started));
    const retryAt = outcome.ok ? null : nextSmsAttempt(at, sms.attempts, outcome.retryable);
    await recordSmsAttempt(sms.id, {
      delivered: outcome.ok,
      retryAt,
      provider: provider.name,
      answer: outcome.providerAnswer,
      at,
    });
    if (outcome.ok) sent++;
    else if (!retryAt) failed++;
  }
  return { claimed: claimed.length, sent, failed };
}

async function sendOne(
  provider: SmsProvider,
  sms: Awaited<ReturnType<typeof claimDueSms>>[number],
  templateCode: string | undefined,
): Promise<{ ok: true; providerAnswer: string } | { ok: false; retryable: boolean; providerAnswer: string }> {
  if (!templateCode) return { ok: false, retryable: false, providerAnswer: "未配置该类通知的短信模板" };
  if (!sms.phoneCipher) return { ok: false, retryable: false, providerAnswer: "收件人没有手机号" };
  try {
    return await provider.send({
      phone: reveal(sms.phoneCipher),
      templateCode,
      params: smsParams(sms.params),
    });
  } catch (error) {
    return {
      ok: false,
      retryable: true,
      providerAnswer: `发送出错：${(error as Error).message}`.slice(0, 300),
    };
  }
}

/** The `notifications` job: deliver, then queue the next link of the chain. */
export async function runNotificationJob(): Promise<void> {
  try {
    await deliverNotifications();
  } finally {
    await (await jobQueue()).send(QUEUES.notifications, {}, { startAfter: NOTIFICATION_CHAIN_DELAY_SECONDS });
  }
}
