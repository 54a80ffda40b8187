/**
 * Demo 备案 and training records (lib/services/support-records.ts): 广州市 filed its support contact last year
 * but not yet this year (so sup_guangdong sees 广州市 and 梅州市 missing, and the schools see last year's
 * contact); sup_tianhe recorded a training this year that teacher_jun and admin_jun attended (teacher_sen
 * and the others are on the "without training" list). Idempotent: fixed ids, upserts.
 */
import "server-only";
import { beijingDay } from "@/lib/domain/support";
import type { PrismaClient } from "../generated/client";

export async function seedSupportRecords(prisma: PrismaClient, now: Date) {
  const year = Number(beijingDay(now).slice(0, 4));
  const [guangzhou, tianhe] = await Promise.all([
    prisma.region.findUnique({ where: { code: "440100" } }),
    prisma.region.findUnique({ where: { code: "440106" } }),
  ]);
  const users = await prisma.user.findMany({
    where: { username: { in: ["sup_guangzhou", "sup_tianhe", "teacher_jun", "admin_jun"] } },
    select: { id: true, username: true },
  });
  const idOf = (username: string) => users.find((user) => user.username === username)?.id;
  const [cityUser, countyUser, teacher, admin] = [
    "sup_guangzhou",
    "sup_tianhe",
    "teacher_jun",
    "admin_jun",
  ].map(idOf);
  if (!guangzhou || !tianhe || !cityUser || !countyUser || !teacher || !admin) return;
  await prisma.supportContactFiling.upsert({
    where: { cityId_year: { cityId: guangzhou.id, year: year - 1 } },
    update: {},
    create: {
      id: "seedcontactgz",
      cityId: guangzhou.id,
      year: year - 1,
      phone: "020-83331234",
      mailbox: "zizhu@gz.example.cn",
      staffNames: "陈静、黄伟",
      updatedById: cityUser,
    },
  });
  const day = `${year}-03-18`;
  await prisma.trainingSession.upsert({
    where: { id: "seedtrainingth" },
    update: {},
    create: {
      id: "seedtrainingth",
      regionId: tianhe.id,
      day: new Date(`${day}T00:00:00Z`),
      topic: "资助系统春季学期操作培训",
      way: "ONSITE",
      trainer: "天河区学生资助管理中心",
      createdById: countyUser,
      attendees: { create: [{ userId: teacher }, { userId: admin }] },
    },
  });
}
