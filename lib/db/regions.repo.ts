/** The region tree as the household form's 户籍所在地 picker shows it (public reference data, no scope). */
import "server-only";
import { db } from "./client";

export type RegionChoice = { code: string; label: string };

/** County-level regions, labelled "省 市 区县", in code order. */
export async function listCountyRegions(): Promise<RegionChoice[]> {
  const rows = await db().region.findMany({
    where: { level: "COUNTY" },
    orderBy: { code: "asc" },
    take: 5000,
    select: {
      code: true,
      name: true,
      parent: { select: { name: true, parent: { select: { name: true } } } },
    },
  });
  return rows.map((row) => ({
    code: row.code,
    label: [row.parent?.parent?.name, row.parent?.name, row.name].filter(Boolean).join(" "),
  }));
}
