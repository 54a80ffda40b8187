/**
 * Proves that the hand-written SQL migrations and prisma/schema.prisma agree:
 * every model is a table, every field a column of the right type and
 * nullability, every enum has the same values, every @id/@unique/@@index and
 * relation exists, and Prisma Client can read every model. Run on a database
 * built from an empty one by the migration runner.
 */
import fs from "node:fs";
import path from "node:path";
import { getDMMF } from "@prisma/internals";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createPrismaClient } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { createTestDatabase } from "../support/test-db";

type DMMF = Awaited<ReturnType<typeof getDMMF>>;
type Model = DMMF["datamodel"]["models"][number];
type Field = Model["fields"][number];

let dmmf: DMMF;
let client: pg.Client;
let url: string;

type Column = {
  table_name: string;
  column_name: string;
  data_type: string;
  udt_name: string;
  is_nullable: "YES" | "NO";
  column_default: string | null;
  datetime_precision: number | null;
};
let columns: Column[];
let indexes: { table: string; columns: string[]; unique: boolean; primary: boolean; partial: boolean }[];
let foreignKeys: { table: string; columns: string[]; refTable: string; refColumns: string[] }[];
let enums: Map<string, string[]>;

beforeAll(async () => {
  dmmf = await getDMMF({ datamodel: fs.readFileSync(path.resolve("prisma/schema.prisma"), "utf8") });
  // Built from an empty database by the runner, not from the test template.
  url = await createTestDatabase(inject("pgBaseUrl"), { empty: true });
  const applied = await migrateDatabase(url);
  expect(applied.length).toBeGreaterThan(0);
  client = new pg.Client({ connectionString: url });
  await client.connect();
  columns = (
    await client.query<Column>(
      `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default, datetime_precision
       FROM information_schema.columns WHERE table_schema = 'public'`,
    )
  ).rows;
  indexes = (
    await client.query(
      `SELECT t.relname AS "table", i.indisunique AS unique, i.indisprimary AS primary, i.indpred IS NOT NULL AS partial,
            array_agg(a.attname::text ORDER BY k.ord) AS columns
       FROM pg_index i
       JOIN pg_class t ON t.oid = i.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'
       CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
      GROUP BY t.relname, i.indexrelid, i.indisunique, i.indisprimary, i.indpred`,
    )
  ).rows;
  foreignKeys = (
    await client.query(
      `SELECT c.conrelid::regclass::text AS "table", c.confrelid::regclass::text AS "refTable",
            array(SELECT attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, o) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY o) AS columns,
            array(SELECT attname::text FROM unnest(c.confkey) WITH ORDINALITY k(n, o) JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY o) AS "refColumns"
       FROM pg_constraint c WHERE c.contype = 'f'`,
    )
  ).rows.map((r) => ({ ...r, table: unquote(r.table), refTable: unquote(r.refTable) }));
  enums = new Map();
  for (const r of (
    await client.query(
      `SELECT t.typname, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels
       FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
       -- the app's schema only: the job queue's own schema (lib/jobs/install.ts) is its library's
       JOIN pg_namespace n ON n.oid = t.typnamespace AND n.nspname = 'public'
       GROUP BY t.typname`,
    )
  ).rows)
    enums.set(r.typname, r.labels);
});

afterAll(async () => {
  await client?.end();
});

function unquote(name: string) {
  return name.replace(/^"|"$/g, "");
}
const tableOf = (m: Model) => m.dbName ?? m.name;
const columnOf = (f: Field) => f.dbName ?? f.name;
const scalarFields = (m: Model) => m.fields.filter((f) => f.kind === "scalar" || f.kind === "enum");

/** The PostgreSQL type Prisma expects for a field (Prisma's defaults plus @db attributes). */
function expectedType(f: Field): { data_type: string; udt_name: string; precision?: number } {
  const native = f.nativeType?.[0];
  const base = (): { data_type: string; udt_name: string; precision?: number } => {
    if (f.kind === "enum") return { data_type: "USER-DEFINED", udt_name: f.type };
    switch (f.type) {
      case "String":
        return { data_type: "text", udt_name: "text" };
      case "Int":
        return { data_type: "integer", udt_name: "int4" };
      case "BigInt":
        return { data_type: "bigint", udt_name: "int8" };
      case "Boolean":
        return { data_type: "boolean", udt_name: "bool" };
      case "Json":
        return { data_type: "jsonb", udt_name: "jsonb" };
      case "DateTime":
        if (native === "Date") return { data_type: "date", udt_name: "date" };
        return { data_type: "timestamp without time zone", udt_name: "timestamp", precision: 3 };
      default:
        throw new Error(`no mapping for ${f.type}`);
    }
  };
  const t = base();
  return f.isList ? { data_type: "ARRAY", udt_name: `_${t.udt_name}` } : t;
}

describe("migrated database and prisma/schema.prisma", () => {
  it("have the same tables", () => {
    const tables = new Set(columns.map((c) => c.table_name));
    tables.delete("schemaversion");
    expect([...tables].sort()).toEqual(dmmf.datamodel.models.map(tableOf).sort());
  });

  it("have the same enums with the same values in the same order", () => {
    for (const e of dmmf.datamodel.enums) {
      expect(enums.get(e.dbName ?? e.name), `enum ${e.name}`).toEqual(
        e.values.map((v) => v.dbName ?? v.name),
      );
    }
    expect([...enums.keys()].sort()).toEqual(dmmf.datamodel.enums.map((e) => e.dbName ?? e.name).sort());
  });

  it("have every field as a column of the right type, nullability and default, and no other columns", () => {
    for (const m of dmmf.datamodel.models) {
      const dbCols = columns.filter((c) => c.table_name === tableOf(m));
      expect(dbCols.map((c) => c.column_name).sort(), `columns of ${m.name}`).toEqual(
        scalarFields(m).map(columnOf).sort(),
      );
      for (const f of scalarFields(m)) {
        const col = dbCols.find((c) => c.column_name === columnOf(f))!;
        const where = `${m.name}.${f.name}`;
        const want = expectedType(f);
        expect({ data_type: col.data_type, udt_name: col.udt_name }, where).toEqual({
          data_type: want.data_type,
          udt_name: want.udt_name,
        });
        if (want.precision !== undefined)
          expect(col.datetime_precision, `${where} precision`).toBe(want.precision);
        expect(col.is_nullable, `${where} nullability`).toBe(f.isRequired ? "NO" : "YES");
        const dflt = f.default as { name?: string } | string | number | boolean | unknown[] | undefined;
        const clientSide =
          typeof dflt === "object" &&
          dflt !== null &&
          !Array.isArray(dflt) &&
          ["cuid", "uuid", "nanoid"].includes(dflt.name ?? "");
        if (f.hasDefaultValue && !clientSide) expect(col.column_default, `${where} default`).not.toBeNull();
        if (!f.hasDefaultValue && !f.isUpdatedAt)
          expect(col.column_default, `${where} has a default the schema lacks`).toBeNull();
      }
    }
  });

  it("have every @id, @unique, @@unique and @@index", () => {
    const has = (table: string, cols: string[], kind: "primary" | "unique" | "index") =>
      indexes.some(
        (i) =>
          i.table === table &&
          !i.partial &&
          i.columns.join(",") === cols.join(",") &&
          (kind === "primary" ? i.primary : kind === "unique" ? i.unique : true),
      );
    for (const m of dmmf.datamodel.models) {
      const t = tableOf(m);
      const byName = (n: string) => columnOf(m.fields.find((f) => f.name === n)!);
      const pk = m.primaryKey
        ? m.primaryKey.fields.map(byName)
        : m.fields.filter((f) => f.isId).map(columnOf);
      expect(has(t, pk, "primary"), `primary key of ${m.name}: ${pk}`).toBe(true);
      for (const f of m.fields.filter((x) => x.isUnique))
        expect(has(t, [columnOf(f)], "unique"), `${m.name}.${f.name} @unique`).toBe(true);
      for (const u of m.uniqueFields)
        expect(has(t, u.map(byName), "unique"), `${m.name} @@unique(${u})`).toBe(true);
    }
    for (const idx of dmmf.datamodel.indexes.filter((i) => i.type === "normal")) {
      const m = dmmf.datamodel.models.find((x) => x.name === idx.model)!;
      const cols = idx.fields.map((f) => columnOf(m.fields.find((x) => x.name === f.name)!));
      expect(has(tableOf(m), cols, "index"), `${idx.model} @@index(${cols})`).toBe(true);
    }
  });

  it("have a foreign key for every relation", () => {
    for (const m of dmmf.datamodel.models) {
      for (const f of m.fields.filter((x) => x.kind === "object" && x.relationFromFields?.length)) {
        const target = dmmf.datamodel.models.find((x) => x.name === f.type)!;
        const cols = f.relationFromFields!.map((n) => columnOf(m.fields.find((x) => x.name === n)!));
        const refs = f.relationToFields!.map((n) => columnOf(target.fields.find((x) => x.name === n)!));
        const found = foreignKeys.some(
          (k) =>
            k.table === tableOf(m) &&
            k.refTable === tableOf(target) &&
            k.columns.join(",") === cols.join(",") &&
            k.refColumns.join(",") === refs.join(","),
        );
        expect(found, `FK ${m.name}(${cols}) → ${target.name}(${refs})`).toBe(true);
      }
    }
  });

  it("let Prisma Client read every model", async () => {
    const prisma = createPrismaClient(url);
    try {
      for (const m of dmmf.datamodel.models) {
        const delegate = (prisma as unknown as Record<string, { findMany(a: object): Promise<unknown[]> }>)[
          m.name[0]!.toLowerCase() + m.name.slice(1)
        ]!;
        // Empty, except the audit chain's head (migration 140) and the holiday calendar (migration 540 seeds it).
        const rows = await delegate.findMany({ take: 1 });
        expect(rows, m.name).toHaveLength(
          m.name === "AuditChainHead" || m.name === "HolidayCalendarDay" ? 1 : 0,
        );
      }
    } finally {
      await prisma.$disconnect();
    }
  });
});
