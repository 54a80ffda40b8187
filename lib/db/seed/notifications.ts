/**
 * Demo notifications (lib/domain/notifications/catalogue.ts), already delivered to the inbox with their log rows:
 * 王建国 (13800000001) has an unread reminder that 王小红's application is not started (its SMS attempt failed,
 * shown with the provider's answer in his 发送记录) and a read one; teacher_jun has 赵子涵's submission;
 * admin_jun an import finished; sup_tianhe a 中职 list awaiting confirmation. Idempotent: each row has a fixed
 * dedupe key (recipient × kind × key is unique).
 */
import "server-only";
import { NOTIFICATION_CATALOGUE, type NotificationKind } from "@/lib/domain/notifications/catalogue";
import { renderNotification } from "@/lib/domain/notifications/content";
import { formatBeijingDate, formatBeijingDateTime } from "@/lib/domain/time";
import type { PrismaClient } from "../generated/client";

type SeedNotice = {
  recipientId: string;
  kind: NotificationKind;
  schoolId: string | null;
  params: Record<string, string>;
  link: string;
  read: boolean;
  key: string;
  sms?: { status: "DELIVERED" | "FAILED"; answer: string };
};

export async function seedNotifications(prisma: PrismaClient, now: Date): Promise<number> {
  const [parent, teacher, admin, supervisor] = await Promise.all([
    prisma.user.findFirst({ where: { role: "PARENT", displayName: "王建国" }, select: { id: true } }),
    prisma.user.findUnique({ where: { username: "teacher_jun" }, select: { id: true, schoolId: true } }),
    prisma.user.findUnique({ where: { username: "admin_jun" }, select: { id: true, schoolId: true } }),
    prisma.user.findUnique({ where: { username: "sup_tianhe" }, select: { id: true } }),
  ]);
  const [xiaohong, zihan] = await Promise.all([
    prisma.student.findFirst({
      where: { person: { name: "王小红" } },
      select: { personId: true, schoolId: true, school: { select: { name: true } } },
    }),
    prisma.student.findFirst({
      where: { person: { name: "赵子涵" } },
      select: {
        personId: true,
        schoolId: true,
        class: { select: { name: true, grade: { select: { name: true } } } },
      },
    }),
  ]);
  const vocational = await prisma.school.findFirst({
    where: { name: { contains: "职业" } },
    select: { name: true },
  });
  const term = await prisma.aidTerm.findFirst({ where: { isCurrent: true }, select: { applyEnd: true } });
  if (!parent || !teacher || !admin || !supervisor || !xiaohong || !zihan || !term) return 0;
  const notices: SeedNotice[] = [
    {
      recipientId: parent.id,
      kind: "APPLICANT_DEADLINE_NEAR",
      schoolId: xiaohong.schoolId,
      params: { student: "王小红", deadline: formatBeijingDateTime(term.applyEnd) },
      link: `/portal/apply/${xiaohong.personId}`,
      read: false,
      // a reminder's key is a day: the deadline's, so a second seed run finds it
      key: formatBeijingDate(term.applyEnd),
      sms: { status: "FAILED", answer: "isv.MOBILE_NUMBER_ILLEGAL（演示数据：短信未发出）" },
    },
    {
      recipientId: parent.id,
      kind: "PUBLICITY_STARTED",
      schoolId: xiaohong.schoolId,
      params: { school: xiaohong.school.name, title: "上学期资助名单公示", endDate: "上学期末" },
      link: "/portal",
      read: true,
      key: "seed-publicity",
    },
    {
      recipientId: teacher.id,
      kind: "SUBMISSION_RECEIVED",
      schoolId: zihan.schoolId,
      params: { class: `${zihan.class.grade.name}${zihan.class.name}`, student: "赵子涵" },
      link: "/console/teacher/applications",
      read: false,
      key: "seed-submission",
    },
    {
      recipientId: admin.id,
      kind: "IMPORT_FINISHED",
      schoolId: admin.schoolId,
      params: { import: "学生名册", count: "36" },
      link: "/console/admin/students",
      read: true,
      key: "seed-import",
    },
    {
      recipientId: supervisor.id,
      kind: "LIST_AWAITING_CONFIRMATION",
      schoolId: null,
      params: { school: vocational?.name ?? "中职学校", list: "中职月度资助名单" },
      link: "/console/supervisor/vocational",
      read: false,
      key: "seed-vocational",
    },
  ];
  let written = 0;
  for (const notice of notices) {
    const exists = await prisma.notification.findFirst({
      where: { recipientId: notice.recipientId, kind: notice.kind, dedupeKey: notice.key },
      select: { id: true },
    });
    if (exists) continue;
    const created = await prisma.notification.create({
      data: {
        kind: notice.kind,
        recipientId: notice.recipientId,
        schoolId: notice.schoolId,
        body: renderNotification(notice.kind, NOTIFICATION_CATALOGUE[notice.kind].template, notice.params),
        params: notice.params,
        link: notice.link,
        dedupeKey: notice.key,
        createdAt: now,
        dispatchedAt: now,
        readAt: notice.read ? now : null,
        deliveries: {
          create: [
            { channel: "INBOX", status: "DELIVERED", attempts: 1, deliveredAt: now, updatedAt: now },
            ...(notice.sms
              ? [
                  {
                    channel: "SMS" as const,
                    status: notice.sms.status,
                    attempts: 1,
                    provider: "aliyun",
                    providerAnswer: notice.sms.answer,
                    deliveredAt: notice.sms.status === "DELIVERED" ? now : null,
                    updatedAt: now,
                  },
                ]
              : []),
          ],
        },
      },
    });
    if (created) written++;
  }
  return written;
}
