/**
 * 国家助学贷款 demo data of 广东省 (docs/loans-import.md): the national caps, four academic years of
 * approved loan imports (2021-2022 … 2024-2025, a few hundred loans at universities, a 科研院所 and a
 * 军队院校), approved repayments, and one pending import of 2025-2026 for sup_guangdong_lead to review.
 * Written once: nothing is added when the province already has loan imports.
 */
import "server-only";
import { seal } from "@/lib/crypto/keys";
import { buildResidentId } from "@/lib/domain/id-number";
import { NATIONAL_LOAN_CAPS, loanCapFor } from "@/lib/domain/loans";
import type { PrismaClient } from "../generated/client";
import type { LoanInstitutionCategory, LoanLevel, LoanType } from "../generated/enums";
import { adultName, rng } from "./random";

const INSTITUTIONS: { code: string; name: string; category: LoanInstitutionCategory }[] = [
  { code: "4144010561", name: "华南理工大学", category: "UNDERGRADUATE_COLLEGE" },
  { code: "4144010558", name: "中山大学", category: "UNDERGRADUATE_COLLEGE" },
  { code: "4144010574", name: "华南师范大学", category: "UNDERGRADUATE_COLLEGE" },
  { code: "4144012749", name: "广东轻工职业技术学院", category: "JUNIOR_COLLEGE" },
  { code: "4144013927", name: "广州番禺职业技术学院", category: "JUNIOR_COLLEGE" },
  { code: "5144000001", name: "中国科学院广州地球化学研究所", category: "RESEARCH_INSTITUTE" },
  { code: "5144000002", name: "国防科技大学（广州培养点）", category: "MILITARY_ACADEMY" },
];
const BANKS = ["国家开发银行广东省分行", "中国银行广东省分行", "中国农业银行广东省分行"];
const YEARS = [2021, 2022, 2023, 2024];
const PER_YEAR = 75;
const PENDING_YEAR = 2025;
const PENDING = 12;

export async function seedLoans(prisma: PrismaClient, now: Date): Promise<number> {
  const province = await prisma.region.findUniqueOrThrow({ where: { code: "440000" } });
  if (!(await prisma.loanCap.count({ where: { regionId: province.id } })))
    await prisma.loanCap.createMany({
      data: NATIONAL_LOAN_CAPS.map((cap) => ({ regionId: province.id, ...cap })),
    });
  if (await prisma.loanImport.count({ where: { regionId: province.id } })) return 0;
  const operator = await prisma.user.findUniqueOrThrow({ where: { username: "sup_guangdong" } });
  const leader = await prisma.user.findUniqueOrThrow({ where: { username: "sup_guangdong_lead" } });
  const random = rng(20_24);
  let person = 0;
  let created = 0;

  const loans = async (year: number, count: number, approved: boolean) => {
    const loanImport = await prisma.loanImport.create({
      data: {
        regionId: province.id,
        kind: "LOAN",
        academicYear: year,
        scope: "CURRENT",
        mode: "GOOD_ROWS",
        fileName: `${year}-${year + 1}学年国家助学贷款.xlsx`,
        state: "DONE",
        progress: 100,
        processedRows: count,
        imported: count,
        committed: true,
        message: `导入完成：${year}-${year + 1}学年导入贷款记录 ${count} 条（待审核），未导入 0 行。`,
        attempts: 1,
        createdById: operator.id,
        createdAt: new Date(Date.UTC(year, 10, 20)),
        finishedAt: new Date(Date.UTC(year, 10, 20)),
      },
    });
    const rows = Array.from({ length: count }, (_, index) => {
      person++;
      const institution = INSTITUTIONS[index % INSTITUTIONS.length]!;
      const level: LoanLevel =
        institution.category === "RESEARCH_INSTITUTE" || random.chance(0.15) ? "GRADUATE" : "UNDERGRADUATE";
      const cap = loanCapFor(NATIONAL_LOAN_CAPS, level, year)!;
      const amountFen = Math.min(cap, random.int(8, cap / 100_000) * 100_000);
      const birth = new Date(Date.UTC(year - 19, 0, 1) + (person % 360) * 86_400_000)
        .toISOString()
        .slice(0, 10);
      const gender = random.chance(0.5) ? "MALE" : "FEMALE";
      const id = seal(buildResidentId("440103", birth, (person * 2) % 1000, gender), "idNumber");
      const loanType: LoanType =
        institution.category === "UNDERGRADUATE_COLLEGE" && random.chance(0.3) ? "CAMPUS" : "ORIGIN";
      return {
        regionId: province.id,
        importId: loanImport.id,
        rowNumber: index + 2,
        academicYear: year,
        studentName: adultName(random, gender),
        idType: "RESIDENT_ID" as const,
        idNumberCipher: id.cipher,
        idNumberHash: id.hash,
        idNumberMasked: id.masked,
        institutionCode: institution.code,
        institutionName: institution.name,
        institutionCategory: institution.category,
        level,
        contractNo: `GD${year}${String(person).padStart(6, "0")}`,
        bank: random.pick(BANKS),
        amountFen,
        grantedOn: new Date(Date.UTC(year, 9, random.int(8, 28))),
        loanType,
        ...(approved
          ? {
              reviewState: "APPROVED" as const,
              reviewedById: leader.id,
              reviewedAt: new Date(Date.UTC(year, 11, 1)),
            }
          : {}),
      };
    });
    await prisma.loanRecord.createMany({ data: rows });
    created += rows.length;
    return { loanImport, rows };
  };

  const repaymentImport = await prisma.loanImport.create({
    data: {
      regionId: province.id,
      kind: "REPAYMENT",
      mode: "GOOD_ROWS",
      fileName: "2025年还款信息.xlsx",
      state: "DONE",
      progress: 100,
      committed: true,
      message: "导入完成：导入还款记录（待审核）。",
      attempts: 1,
      createdById: operator.id,
      finishedAt: now,
    },
  });
  let repayments = 0;
  for (const year of YEARS) {
    const { rows } = await loans(year, PER_YEAR, true);
    if (year > 2022) continue;
    // The earliest borrowers have started repaying: a part of their loans, approved.
    const stored = await prisma.loanRecord.findMany({
      where: { contractNo: { in: rows.filter((_, index) => index % 3 === 0).map((row) => row.contractNo) } },
      select: { id: true, amountFen: true },
    });
    await prisma.repaymentRecord.createMany({
      data: stored.map((loan, index) => ({
        regionId: province.id,
        importId: repaymentImport.id,
        rowNumber: ++repayments + 1,
        loanId: loan.id,
        amountFen: Math.floor(loan.amountFen / 4),
        repaidAt: new Date(Date.UTC(2025, 8, 20, index % 2 ? 2 : 0, 30, 0)),
        reviewState: "APPROVED" as const,
        reviewedById: leader.id,
        reviewedAt: now,
      })),
    });
  }
  await prisma.loanImport.update({
    where: { id: repaymentImport.id },
    data: { processedRows: repayments, imported: repayments },
  });
  await loans(PENDING_YEAR, PENDING, false);
  return created;
}
