import { cookies } from "next/headers";

/** Removes next-auth's session cookies (plain and __Secure- variants) from the browser. */
export async function clearSessionCookies(): Promise<void> {
  const jar = await cookies();
  for (const c of jar.getAll()) {
    if (/^(__Secure-)?next-auth\.session-token(\.\d+)?$/.test(c.name)) jar.delete(c.name);
  }
}
