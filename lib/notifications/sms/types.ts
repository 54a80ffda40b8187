/**
 * The SMS channel's contract: one provider adapter per cloud (lib/notifications/sms/*), chosen from the
 * environment by smsProviderFromEnv (lib/notifications/sms/index.ts); none configured → SMS is off.
 */
export type SmsMessage = {
  /** The recipient's mobile number, decrypted only inside the sender. */
  phone: string;
  /** The provider's template id (e.g. Aliyun TemplateCode "SMS_123456789"). */
  templateCode: string;
  /** The template's parameters; never ID numbers, incomes or special-group categories. */
  params: Record<string, string>;
};

export type SmsResult =
  { ok: true; providerAnswer: string } | { ok: false; retryable: boolean; providerAnswer: string };

export interface SmsProvider {
  readonly name: string;
  send(message: SmsMessage): Promise<SmsResult>;
}
