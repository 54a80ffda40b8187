// npm run seed — writes the demo data (idempotent). Uses DATABASE_URL, or the embedded database when unset.
import { db } from "@/lib/db/client";
import { ensureDatabase } from "@/lib/db/runtime";
import { seedDemoData } from "@/lib/db/seed";

const handle = await ensureDatabase();
try {
  const summary = await seedDemoData(db(), { log: (s) => console.log(s) });
  console.log(
    `Seeded: ${summary.schools} schools, ${summary.students} students, ${summary.applications} applications. Demo accounts: see README.md.`,
  );
} finally {
  await db().$disconnect();
  await handle.stop();
}
