/**
 * Chinese messages for zod's built-in checks (wrong type, too long, bad
 * option …), so that input no form would send — e.g. a hostile client
 * posting a number where text belongs — is still refused in Chinese
 * (tests/unit/fuzz-schemas.test.ts). Imported by every schema
 * module and by instrumentation.ts; configuring twice is harmless.
 */
import { z } from "zod";

z.config(z.locales.zhCN());

export {};
