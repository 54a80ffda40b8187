/**
 * Fixed codes for the demo children and student who are bound or activated in
 * the README's walkthrough and the end-to-end tests (DEMO.*.accessCode). Only
 * the demo gets fixed codes: real ones are random and issued when a teacher
 * prints the class's letters (lib/services/access-codes.ts).
 */
import "server-only";
import { normaliseAccessCode } from "@/lib/domain/access-code";
import { accessCodeHash } from "@/lib/crypto/access-code";
import type { PrismaClient } from "../generated/client";
import { DEMO } from "./demo-accounts";
import type { SeededStudent } from "./people";

export async function seedDemoAccessCodes(prisma: PrismaClient, students: SeededStudent[]): Promise<void> {
  const demo: [string, string][] = [
    [DEMO.unactivatedStudent.name, DEMO.unactivatedStudent.accessCode],
    [DEMO.parent.unboundChild.name, DEMO.parent.unboundChild.accessCode],
    [DEMO.parent2.child.name, DEMO.parent2.child.accessCode],
  ];
  for (const [name, typed] of demo) {
    const student = students.find((x) => x.name === name);
    const code = normaliseAccessCode(typed);
    if (!student || !code) throw new Error(`demo access code for ${name}`);
    await prisma.studentAccessCode.upsert({
      where: { studentId: student.studentId },
      update: {},
      create: { studentId: student.studentId, codeHash: accessCodeHash(student.studentId, code) },
    });
  }
}
