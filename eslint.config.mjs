import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import noOneLetterNames from "./eslint-rules/no-one-letter-names.mjs";

/**
 * Where one-letter variable, function and parameter names are refused (eslint-rules/no-one-letter-names.mjs).
 */
const ONE_LETTER_NAMES_IN_SERVICES = true;
const ONE_LETTER_NAMES_FILES = [
  "lib/db/**/*.ts",
  ...(ONE_LETTER_NAMES_IN_SERVICES ? ["lib/services/**/*.ts"] : []),
];

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    files: ONE_LETTER_NAMES_FILES,
    plugins: { local: { rules: { "no-one-letter-names": noOneLetterNames } } },
    rules: { "local/no-one-letter-names": ["error", { maxLambdaLines: 3 }] },
  },
  globalIgnores([
    ".next/**",
    ".next-*/**",
    "node_modules/**",
    ".data/**",
    "lib/db/generated/**",
    "next-env.d.ts",
    "test-results/**",
    "playwright-report/**",
  ]),
]);
