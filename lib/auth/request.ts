import { headers } from "next/headers";

/** The client's address as seen by the app (first X-Forwarded-For hop behind a proxy), for audit and rate limits. */
export async function requestIp(): Promise<string | null> {
  const h = await headers();
  return h.get("x-forwarded-for")?.split(",")[0]?.trim() || h.get("x-real-ip") || null;
}
