/** Runs once when the Next.js server starts: process-wide settings. */
export async function register() {
  // zod's built-in messages in Chinese for every schema of the app.
  await import("@/lib/schemas/zod-locale");
}
