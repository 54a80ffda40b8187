/**
 * Class names shared by server-rendered console forms. Kept out of the
 * "use client" modules: a server component importing a plain value from a
 * client module gets a client reference, not the string
 * (tests/unit/client-module-exports.test.ts).
 */
export const inputCls = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";
