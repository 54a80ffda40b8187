/**
 * Sending text messages (短信). One interface, one implementation per
 * provider, chosen by environment variables (lib/sms/config.ts). Callers pass
 * the provider's template id and its parameters, never free text: Chinese
 * carriers only deliver messages from templates approved with a sign name.
 */
export type SmsResult = { ok: true; messageId: string | null } | { ok: false; error: string };

export interface SmsSender {
  /** Provider name for logs and the audit ("aliyun"). */
  readonly provider: string;
  /** Sends template `templateId` with `params` to a mainland mobile number (11 digits). */
  send(phone: string, templateId: string, params: Record<string, string>): Promise<SmsResult>;
}
