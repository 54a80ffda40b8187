import type { AccessTable } from "./types";

/** The class teacher's workspace and the aid office's queues it feeds. */
export const TEACHER_ACCESS = {
  "teacher.roster.view": {
    description: "list the students of the teacher's classes with enrolment data and masked guardians",
    allow: { TEACHER: "own-classes" },
  },
  "guardian.call_list": {
    description: "list the class's families to phone (no application, draft, returned) with masked mobiles",
    allow: { TEACHER: "own-classes" },
  },
  "guardian.reveal_phone": {
    description:
      "show one guardian's full mobile on request (decrypted, audit-logged, never in the page HTML)",
    allow: { TEACHER: "own-classes" },
  },
  "guardian.correct": {
    description: "correct a guardian's name, relation, mobile or ID number",
    allow: { TEACHER: "own-classes" },
  },
  "enrolment_issue.handle": {
    description: "mark an applicant's enrolment-error report fixed, or pass it to the school admin",
    allow: { TEACHER: "own-classes" },
  },
  "enrolment_issue.resolve": {
    description: "close an enrolment-error report passed on by a teacher, saying what was done",
    allow: { SCHOOL_ADMIN: "school" },
  },
  "application.monitor": {
    description: "list the class's students with their application state, counts and 回收率",
    allow: { TEACHER: "own-classes" },
  },
  "application.export": {
    description: "export the class's application list to .xlsx",
    allow: { TEACHER: "own-classes" },
  },
  "application.inspect": {
    description: "open an application for verification: household data, evidence list, changes since return",
    allow: { TEACHER: "own-classes" },
  },
  "application.verify": {
    description: "verify (核实) a submitted application",
    allow: { TEACHER: "own-classes" },
  },
  "application.return": {
    description: "return an application for correction with a reason and a deadline",
    allow: { TEACHER: "own-classes" },
  },
  "homevisit.record": {
    description: "record a home visit with the scoring sheet",
    allow: { TEACHER: "own-classes" },
  },
  "evaluation.submit": {
    description:
      "order the class's verified applicants, record the committee and its report, submit to the school",
    allow: { TEACHER: "own-classes" },
  },
  "evaluation.supplement": {
    description:
      "reopen the submitted class evaluation for a supplementary evaluation of applicants verified after it (audited)",
    allow: { TEACHER: "own-classes" },
  },
  "paper.enter": {
    description: "enter a paper application on behalf of a student, with the scanned form",
    allow: { TEACHER: "own-classes" },
  },
  "signin_problem.report": {
    description: "report a student or parent who cannot sign in to the school admin",
    allow: { TEACHER: "own-classes" },
  },
  "signin_problem.resolve": {
    description: "close a sign-in problem saying what was done",
    allow: { SCHOOL_ADMIN: "school" },
  },
  "letters.print": {
    description:
      "print the class's 致学生家长的一封信 with the binding/activation codes (students without a code get one, shown once; audited)",
    allow: { TEACHER: "own-classes", SCHOOL_ADMIN: "school" },
  },
  "access_code.reissue": {
    description: "reissue a student's binding/activation code (the old code stops working; audited)",
    allow: { TEACHER: "own-classes", SCHOOL_ADMIN: "school" },
  },
  "binding.view": {
    description:
      "see a student's code state, account activation, parent binding record and registered guardian mobiles",
    allow: { TEACHER: "own-classes", SCHOOL_ADMIN: "school" },
  },
  "binding.release": {
    description:
      "release a guardian mobile registered by someone else: unbind that account from the child, free the number, disable and flag the account unless it has a child enrolled at another school (audited)",
    allow: { SCHOOL_ADMIN: "school" },
  },
} as const satisfies AccessTable;
