// npm run db:migrate — applies pending SQL migrations (embedded database when DATABASE_URL is unset).
import { ensureDatabase } from "@/lib/db/runtime";

const handle = await ensureDatabase();
await handle.stop();
