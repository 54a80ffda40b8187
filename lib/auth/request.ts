import { headers } from "next/headers";
import { clientAddressOf } from "@/lib/security/client-address";

/** The client's address (TRUSTED_PROXIES walk of lib/security/client-address.ts), for audit and rate limits. */
export async function requestIp(): Promise<string | null> {
  return clientAddressOf(await headers());
}
