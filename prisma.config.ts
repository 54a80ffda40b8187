import { defineConfig } from "prisma/config";
import { fileURLToPath } from "node:url";

// Prisma's migration engine is a native binary that Prisma would download at
// install/generate time. This project never uses it (migrations are plain SQL
// applied by postgrator, see scripts/migrate.ts), and the networks schools run
// on cannot download it, so point Prisma at an existing file and it never tries.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= fileURLToPath(
  new URL("./prisma/no-schema-engine.sh", import.meta.url),
);

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost/unused" },
});
