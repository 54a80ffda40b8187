/**
 * The demo people and accounts the seed creates (listed in README.md and
 * used by the end-to-end tests). Their ID numbers are valid (GB 11643) but
 * made up.
 */
import { buildResidentId } from "@/lib/domain/id-number";

const STAFF_PASSWORD = "Zizhu2026";

const studentId = buildResidentId("440106", "2010-03-15", 101, "MALE");
const unactivatedId = buildResidentId("440106", "2010-07-08", 102, "FEMALE");

export const DEMO = {
  staffPassword: STAFF_PASSWORD,
  /** Senior-high student with an activated account (applies themselves). */
  student: { name: "陈思远", idNumber: studentId, studentNo: `G${studentId}`, password: STAFF_PASSWORD },
  /** Senior-high student without an account yet (activation demo). */
  unactivatedStudent: {
    name: "林晓彤",
    idNumber: unactivatedId,
    studentNo: `G${unactivatedId}`,
    /** Demo-only fixed code (lib/db/seed/access-codes.ts); real codes are random and printed on the letter. */
    accessCode: "JHXT-2345",
  },
  /** Parent bound to a primary and a junior-high child; a kindergarten child lists the same mobile but is not bound. */
  parent: {
    name: "王建国",
    phone: "13800000001",
    password: STAFF_PASSWORD,
    children: [
      {
        name: "王小明",
        idNumber: buildResidentId("440106", "2016-05-20", 103, "MALE"),
        stage: "PRIMARY" as const,
      },
      {
        name: "王小红",
        idNumber: buildResidentId("440106", "2013-11-02", 104, "FEMALE"),
        stage: "JUNIOR" as const,
      },
    ],
    unboundChild: {
      name: "王小宝",
      idNumber: buildResidentId("440106", "2021-01-09", 105, "MALE"),
      accessCode: "WXBA-2345",
    },
  },
  /** A parent with no child bound; the school lists her mobile for 刘小禾 (junior high), whom she can bind. */
  parent2: {
    name: "刘美玲",
    phone: "13800000002",
    password: STAFF_PASSWORD,
    child: {
      name: "刘小禾",
      idNumber: buildResidentId("440106", "2013-06-18", 106, "FEMALE"),
      stage: "JUNIOR" as const,
      accessCode: "XHBD-2345",
    },
  },
  /** Parent whose junior-high child (初一1班, teacher_jun) has a submitted application waiting for verification. */
  parent3: {
    name: "赵立华",
    phone: "13800000003",
    password: STAFF_PASSWORD,
    child: { name: "赵子涵", idNumber: buildResidentId("440106", "2013-06-12", 106, "FEMALE") },
  },
  /**
   * A registered parent with no child bound and no code issued yet: teacher_jun prints the letters of
   * 初一1班, which gives 孙悦 a code; the mother binds with it (the letters e2e).
   */
  parent4: {
    name: "孙丽娟",
    phone: "13800000004",
    password: STAFF_PASSWORD,
    child: { name: "孙悦", idNumber: buildResidentId("440106", "2013-09-03", 107, "FEMALE") },
  },
  /** Teacher whose initial password must be changed at first sign-in. */
  newTeacher: { username: "teacher_new", password: "Init2026a" },
} as const;

export type DemoAccount = { role: string; login: string; password: string; purpose: string };

/** The table of demo accounts for the README. */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    role: "学生 STUDENT",
    login: `${DEMO.student.idNumber} (ID) or ${DEMO.student.studentNo}`,
    password: STAFF_PASSWORD,
    purpose: "senior-high student 陈思远, 广州市天河中学 高一1班; applies themselves",
  },
  {
    role: "学生 (not activated)",
    login: `${DEMO.unactivatedStudent.name} / ${DEMO.unactivatedStudent.idNumber} / code ${DEMO.unactivatedStudent.accessCode}`,
    password: "(set on activation)",
    purpose: "activation demo at /activate (name, ID number, the school's code)",
  },
  {
    role: "家长 PARENT",
    login: DEMO.parent.phone,
    password: STAFF_PASSWORD,
    purpose: `王建国: children 王小明 (primary, applied) and 王小红 (junior); can bind 王小宝 (kindergarten) with code ${DEMO.parent.unboundChild.accessCode}`,
  },
  {
    role: "家长 PARENT",
    login: DEMO.parent2.phone,
    password: STAFF_PASSWORD,
    purpose: `刘美玲: no child bound yet; can bind 刘小禾 (junior) with code ${DEMO.parent2.child.accessCode} and apply (apply e2e)`,
  },
  {
    role: "家长 PARENT",
    login: DEMO.parent3.phone,
    password: STAFF_PASSWORD,
    purpose:
      "赵立华: child 赵子涵 (junior, 初一1班) has a submitted application for teacher_jun to verify or return",
  },
  {
    role: "家长 PARENT",
    login: DEMO.parent4.phone,
    password: STAFF_PASSWORD,
    purpose:
      "孙丽娟: no child bound; teacher_jun prints 初一1班's letters (/letters), she binds 孙悦 with the code on the letter",
  },
  {
    role: "班主任 TEACHER",
    login: "teacher_sen / teacher_jun / teacher_pri / teacher_voc",
    password: STAFF_PASSWORD,
    purpose: "class teacher of the school's first class (teacher_<s>2: the other classes)",
  },
  {
    role: "班主任 TEACHER",
    login: DEMO.newTeacher.username,
    password: DEMO.newTeacher.password,
    purpose: "initial password: must change it at first sign-in",
  },
  {
    role: "学校资助管理员 SCHOOL_ADMIN",
    login: "admin_sen / admin_jun / admin_pri / admin_voc",
    password: STAFF_PASSWORD,
    purpose: "aid officer of one school",
  },
  {
    role: "校领导 SCHOOL_LEADER",
    login: "leader_sen / leader_jun / leader_pri / leader_voc",
    password: STAFF_PASSWORD,
    purpose: "signs off determinations",
  },
  {
    role: "主管部门 SUPERVISOR",
    login: "sup_tianhe",
    password: STAFF_PASSWORD,
    purpose: "天河区 education bureau (all four schools)",
  },
  {
    role: "主管部门 SUPERVISOR",
    login: "sup_guangzhou",
    password: STAFF_PASSWORD,
    purpose: "广州市 education bureau",
  },
  {
    role: "主管部门 SUPERVISOR",
    login: "sup_guangdong / sup_guangdong_lead",
    password: STAFF_PASSWORD,
    purpose: "广东省 (operator / leader): creates city accounts",
  },
  {
    role: "主管部门 SUPERVISOR",
    login: "sup_guangzhou_lead / sup_tianhe_lead / sup_haizhu",
    password: STAFF_PASSWORD,
    purpose: "广州市 leader, 天河区 leader, 海珠区 operator (another county: sees nothing of 天河)",
  },
];

/** The 资助档案 demo (lib/db/seed/student-archive.ts): a student who moved from 华阳中学 to 天河中学. */
export const ARCHIVE_DEMO = {
  name: "何思琪",
  idNumber: buildResidentId("440106", "2010-05-16", 989, "FEMALE"),
  juniorClass: "初二2班",
  seniorClass: "高一2班",
} as const;
