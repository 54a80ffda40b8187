/**
 * `import "server-only"` marks the modules that must never reach a browser bundle (lib/db, lib/services,
 * lib/security, lib/crypto, lib/storage). Next.js resolves it while bundling: an empty module on the server,
 * a build error in client code. Plain Node — the tsx scripts, the custom server (scripts/server.ts), the
 * benches and test child processes — has no such package; this hook resolves it to Next's empty module.
 *
 *   node --import tsx --import ./scripts/server-only-stub.mjs scripts/x.ts
 *   tsx --import ./scripts/server-only-stub.mjs scripts/x.ts
 *
 * vitest does the same with an alias (vitest.config.ts).
 */
import { registerHooks } from "node:module";

const EMPTY = import.meta.resolve("next/dist/compiled/server-only/empty.js");

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier === "server-only") return { url: EMPTY, shortCircuit: true };
    return nextResolve(specifier, context);
  },
});
