import { db } from "@/lib/db/client";
import { seedDemoData } from "@/lib/db/seed";

/** Seeds demo data when the database has no accounts yet (first start of the embedded database). */
export async function seedIfEmpty(): Promise<void> {
  const prisma = db();
  if ((await prisma.user.count()) === 0) {
    console.log("First start: seeding demo data (accounts are listed in README.md)…");
    await seedDemoData(prisma, { log: (s) => console.log(s) });
  }
  await prisma.$disconnect();
}
