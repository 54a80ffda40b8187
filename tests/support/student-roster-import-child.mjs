// Launcher for student-roster-import-child.ts: jiti resolves the "@/" alias and next-auth's CommonJS default exports as the Next.js bundler does.
import path from "node:path";
import { createJiti } from "jiti";

const root = path.resolve(import.meta.dirname, "../..");
const jiti = createJiti(import.meta.url, { alias: { "@": root }, interopDefault: true });
await jiti.import(path.join(import.meta.dirname, "student-roster-import-child.ts"));
