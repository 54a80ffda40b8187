/**
 * Supervisors of each level and duty, and one pending account request of a school, so a newcomer can try the
 * supervisor console (accounts down the tree, 用户申请). All sign in with the demo staff password.
 */
import "server-only";
import { hashPassword } from "@/lib/auth/password";
import type { PrismaClient } from "../generated/client";
import type { SupervisorDuty } from "../generated/enums";
import { DEMO } from "./demo-accounts";
import type { SeededSchool } from "./organisation";

type Region = { id: string };

export async function seedSupervisorAccounts(
  prisma: PrismaClient,
  regions: { gd: Region; gz: Region; tianhe: Region; haizhu: Region },
  schools: SeededSchool[],
) {
  const passwordHash = await hashPassword(DEMO.staffPassword);
  const supervisor = (username: string, displayName: string, region: Region, duty: SupervisorDuty) =>
    prisma.user.upsert({
      where: { username },
      update: {},
      create: {
        username,
        role: "SUPERVISOR",
        displayName,
        passwordHash,
        regionId: region.id,
        supervisorDuty: duty,
      },
    });
  await supervisor("sup_guangdong", "广东省学生资助管理中心·林晓", regions.gd, "OPERATOR");
  await supervisor("sup_guangdong_lead", "广东省学生资助管理中心·陈主任", regions.gd, "LEADER");
  await supervisor("sup_guangzhou_lead", "广州市学生资助管理中心·梁科长", regions.gz, "LEADER");
  await supervisor("sup_tianhe_lead", "天河区教育局资助中心·罗主任", regions.tianhe, "LEADER");
  await supervisor("sup_haizhu", "海珠区教育局资助中心·冯敏", regions.haizhu, "OPERATOR");

  // The senior school asks 天河区 for a second aid officer (approve or refuse it as sup_tianhe).
  const sen = schools.find((school) => school.key === "sen");
  const requester = await prisma.user.findUnique({ where: { username: "admin_sen" } });
  if (sen && requester && !(await prisma.accountRequest.findFirst({ where: { username: "admin_sen2" } })))
    await prisma.accountRequest.create({
      data: {
        requesterId: requester.id,
        schoolId: sen.id,
        role: "SCHOOL_ADMIN",
        displayName: "郑丽（sen）",
        username: "admin_sen2",
        reason: "资助工作量大，增设一名资助管理员",
      },
    });
}
