import NextAuth from "next-auth";
import { authOptionsFor, secureCookiesFor } from "@/lib/auth/options";

type Context = { params: Promise<{ nextauth: string[] }> };

function handler(request: Request, context: Context) {
  // The cookies' Secure flag follows the request (https behind a proxy too): lib/auth/options.ts.
  return NextAuth(request as never, context as never, authOptionsFor(secureCookiesFor(request.headers)));
}

/**
 * next-auth parses a JSON body itself and answers 500 when it is malformed;
 * a body that is not valid JSON gets 400 with a Chinese message instead.
 */
async function post(request: Request, context: Context) {
  if ((request.headers.get("content-type") ?? "").includes("application/json")) {
    try {
      JSON.parse(await request.clone().text());
    } catch {
      return new Response("请求内容格式不正确（不是有效的 JSON）。", {
        status: 400,
        headers: { "Content-Type": "text/plain; charset=utf-8" },
      });
    }
  }
  return handler(request, context);
}

export { handler as GET, post as POST };
