// Launcher for student-roster-import-child.ts: jiti resolves the "@/" alias and next-auth's CommonJS default exports as the Next.js bundler does.
import path from "node:path";
import { createJiti } from "jiti";

const root = path.resolve(import.meta.dirname, "../..");
// `import "server-only"` is Next's empty module here, as in vitest (vitest.config.ts).
const serverOnly = path.join(root, "node_modules/next/dist/compiled/server-only/empty.js");
const jiti = createJiti(import.meta.url, {
  alias: { "@": root, "server-only": serverOnly },
  interopDefault: true,
});
await jiti.import(path.join(import.meta.dirname, "student-roster-import-child.ts"));
