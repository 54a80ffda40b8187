// npm run setup (after npm install): prepares the embedded database with migrations and demo data.
import { ensureDatabase } from "@/lib/db/runtime";
import { seedIfEmpty } from "./seed-if-empty";

const handle = await ensureDatabase();
try {
  if (handle.embedded) await seedIfEmpty();
  console.log("Setup done. Start the app with: npm run dev");
} finally {
  await handle.stop();
}
