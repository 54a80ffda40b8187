/**
 * Demo data (npm run seed): one region tree, four schools (kindergarten +
 * primary, junior high, senior high, vocational), classes with teachers,
 * ~400 students with guardians, a current term with an open window,
 * programmes per stage, special-group lists, and applications in every
 * state. Idempotent: natural keys are upserted, and nothing that exists is
 * created twice.
 */
import "server-only";
import { hashPassword } from "@/lib/auth/password";
import type { PrismaClient } from "../generated/client";
import { seedAccounts } from "./accounts";
import { seedSupervisorAccounts } from "./supervisor-accounts";
import { seedCrossRegion } from "./cross-region";
import { seedDemoAccessCodes } from "./access-codes";
import { seedAidHistory } from "./aid-history";
import { seedCurrentPayments } from "./aid-records";
import { seedApplications, seedDefaultModel } from "./applications";
import { DEMO } from "./demo-accounts";
import { seedRegions, seedSchools } from "./organisation";
import { seedStudents } from "./people";
import { seedProcessHistory } from "./process-history";
import { seedSpecialGroups } from "./special-groups";
import { seedProgrammes, seedTerms } from "./terms";
import { rebuildRollups } from "../rollups/refresh";
import { seedProgressDemo } from "./progress-demo";
import { seedVocationalLists } from "./vocational-lists";
import { seedLoans } from "./loans";
import { seedFeeWaiverLists } from "./fee-waiver";
import { seedSupportDesk } from "./support-desk";
import { seedSupportRecords } from "./support-records";
import { seedNotifications } from "./notifications";

export type SeedSummary = { schools: number; students: number; applications: number };

export async function seedDemoData(
  prisma: PrismaClient,
  opts: { now?: Date; log?: (s: string) => void } = {},
): Promise<SeedSummary> {
  const now = opts.now ?? new Date();
  const log = opts.log ?? (() => undefined);
  const regions = await seedRegions(prisma);
  const regionIds = {
    "440106": regions.tianhe.id,
    "440105": regions.haizhu.id,
    "441403": regions.meixian.id,
  };
  const schools = await seedSchools(prisma, regions.tianhe.id);
  const students = await seedStudents(prisma, schools, regionIds);
  log(`  ${schools.length} schools, ${students.length} students`);
  const { byKey } = await seedAccounts(prisma, schools, students, regions);
  await seedSupervisorAccounts(prisma, regions, schools);
  await seedDemoAccessCodes(prisma, students);
  const { current, past } = await seedTerms(prisma, now);
  await seedProgrammes(prisma, current.id);
  await seedSpecialGroups(prisma, schools, students);
  const model = await seedDefaultModel(prisma);
  const made = await seedApplications(
    {
      prisma,
      now,
      termId: current.id,
      modelId: model.id,
      staff: byKey,
      passwordHash: await hashPassword(DEMO.staffPassword),
    },
    students,
  );
  await seedProcessHistory(
    prisma,
    {
      now,
      termId: current.id,
      termName: current.name,
      admins: Object.fromEntries(Object.entries(byKey).map(([k, v]) => [k, v.admin])),
    },
    schools,
  );
  await seedCrossRegion(prisma, {
    regions,
    schools,
    currentTermId: current.id,
    modelId: model.id,
    approverId: byKey.jun!.admin,
  });
  await seedProgressDemo(prisma, { haizhuId: regions.haizhu.id, termId: current.id, modelId: model.id, now });
  await seedAidHistory(
    prisma,
    { currentId: current.id, pastId: past.id },
    schools,
    Object.fromEntries(Object.entries(byKey).map(([k, v]) => [k, v.admin])),
  );
  const lists = await seedVocationalLists(prisma, { termId: current.id, now });
  log(`  ${lists} 中职 monthly lists`);
  const primary = schools.find((school) => school.key === "pri");
  if (primary)
    await seedCurrentPayments(prisma, {
      currentTermId: current.id,
      schoolId: primary.id,
      adminId: byKey.pri!.admin,
    });
  const loans = await seedLoans(prisma, now);
  if (loans) log(`  ${loans} student loans of 广东省`);
  await seedFeeWaiverLists(prisma, { currentId: current.id, pastId: past.id }, schools);
  await seedSupportDesk(prisma, now);
  await seedSupportRecords(prisma, now);
  await seedNotifications(prisma, now);
  const applications = await prisma.application.count();
  log(`  ${made} applications created (${applications} in all)`);
  // The rollups (work progress, statistics) of every school and term, computed now rather than by the job.
  const rollups = await rebuildRollups(prisma);
  log(`  rollups rebuilt for ${rollups.pairs} school-terms`);
  return { schools: schools.length, students: students.length, applications };
}
