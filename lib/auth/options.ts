import type { NextAuthOptions } from "next-auth";
import CredentialsModule from "next-auth/providers/credentials";
import { authenticate } from "./authenticate";
import { clientAddressOf, requestIsHttps, type HeaderSource } from "@/lib/security/client-address";
import { decodeSessionToken, encodeSessionToken } from "./jwt";

// Plain Node ESM (tsx scripts and benchmarks importing services) sees the CommonJS module object; bundlers see the function.
const CredentialsProvider =
  (CredentialsModule as unknown as { default?: typeof CredentialsModule }).default ?? CredentialsModule;

/** Absolute session lifetime; idle sessions end sooner (see lib/auth/session.ts). */
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

/**
 * Secure (and __Secure- prefixed) cookies whenever the request came over
 * https — NEXTAUTH_URL is https, or the reverse proxy says it terminated TLS
 * (X-Forwarded-Proto) — so a proxy serving https in front of an app whose
 * NEXTAUTH_URL still says http no longer gets cookies without Secure.
 * Plain-http intranet and test installs keep working with HttpOnly,
 * SameSite=Lax cookies. `lib/auth/session.ts` reads the cookie by the same rule.
 */
export function secureCookiesFor(headers: HeaderSource): boolean {
  return requestIsHttps(headers);
}

/** next-auth's options for one request (the cookies' Secure flag depends on it). */
export function authOptionsFor(useSecureCookies: boolean): NextAuthOptions {
  return { ...authOptions, useSecureCookies };
}

export const authOptions: NextAuthOptions = {
  secret: process.env.NEXTAUTH_SECRET,
  useSecureCookies: requestIsHttps(undefined),
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS, updateAge: 5 * 60 },
  jwt: { encode: encodeSessionToken, decode: decodeSessionToken },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      id: "credentials",
      name: "password",
      credentials: { kind: { type: "text" }, identifier: { type: "text" }, password: { type: "password" } },
      async authorize(credentials, req) {
        const result = await authenticate(credentials, clientAddressOf(req?.headers));
        // The message is shown on the sign-in page (next-auth passes it as `error`).
        if (!result.ok) throw new Error(result.message);
        return { id: result.userId };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        // Sign-in: remember who, and which session generation the token belongs to.
        const { findSessionUser } = await import("@/lib/db/auth.repo");
        const { createSessionRecord } = await import("@/lib/db/sessions.repo");
        const row = await findSessionUser(user.id);
        token.uid = user.id;
        token.sv = row?.sessionVersion ?? -1;
        // Server-side record: idle timeout, absolute lifetime, sign-out (lib/security/sessions.ts).
        token.sid = await createSessionRecord(user.id);
      }
      return token;
    },
    async session({ session, token }) {
      // Only the ids go to the browser; role and scope are read on the server per request.
      return { ...session, uid: token.uid, sv: token.sv, sid: token.sid, user: undefined };
    },
  },
};

declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    sv?: number;
    sid?: string;
  }
}
declare module "next-auth" {
  interface Session {
    uid?: string;
    sv?: number;
    sid?: string;
  }
}
