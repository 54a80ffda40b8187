/**
 * Creating applicant accounts and parent–child bindings. Activation and
 * binding are keyed by what the applicant proves they know (ID number,
 * 学籍号, guardian mobile recorded by the school), never by a scope.
 */
import "server-only";
import { db } from "./client";
import type { Stage } from "@/lib/domain/codes";
import { Prisma } from "./generated/client";

export type EnrolmentMatch = {
  studentId: string;
  schoolId: string;
  personId: string;
  personName: string;
  stage: Stage;
  hasAccount: boolean;
  /** Keyed hash of the school-issued code, null when none was issued. */
  codeHash: string | null;
  /** The first guardian's mobile on the roster (for the one-time SMS code). */
  guardianPhone: { cipher: string; hash: string; masked: string } | null;
};

/** The current enrolment whose person has this ID number. */
export async function findEnrolmentForActivation(
  idNumberHash: string | readonly string[],
): Promise<EnrolmentMatch | null> {
  // Several candidates: lib/crypto/keys.ts lookupHashes, while keys:rotate moves hashes between suites.
  const hash = typeof idNumberHash === "string" ? idNumberHash : { in: [...idNumberHash] };
  const student = await db().student.findFirst({
    where: { status: "IN_SCHOOL", person: { idNumberHash: hash } },
    select: {
      id: true,
      schoolId: true,
      stage: true,
      accessCode: { select: { codeHash: true } },
      guardians: {
        select: { phoneCipher: true, phoneHash: true, phoneMasked: true },
        orderBy: { sortOrder: "asc" },
        take: 1,
      },
      person: { select: { id: true, name: true, account: { select: { id: true } } } },
    },
  });
  const guardian = student?.guardians[0];
  return (
    student && {
      studentId: student.id,
      schoolId: student.schoolId,
      personId: student.person.id,
      personName: student.person.name,
      stage: student.stage,
      hasAccount: student.person.account !== null,
      codeHash: student.accessCode?.codeHash ?? null,
      guardianPhone: guardian
        ? { cipher: guardian.phoneCipher, hash: guardian.phoneHash, masked: guardian.phoneMasked }
        : null,
    }
  );
}

export const isUniqueViolation = (e: unknown) =>
  e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002";

export async function createStudentAccount(input: {
  personId: string;
  displayName: string;
  passwordHash: string;
}): Promise<string> {
  const user = await db().user.create({
    data: {
      role: "STUDENT",
      personId: input.personId,
      displayName: input.displayName,
      passwordHash: input.passwordHash,
    },
    select: { id: true },
  });
  return user.id;
}

export async function createParentAccount(input: {
  displayName: string;
  phone: { cipher: string; hash: string; masked: string };
  passwordHash: string;
}): Promise<string> {
  const user = await db().user.create({
    data: {
      role: "PARENT",
      displayName: input.displayName,
      phoneCipher: input.phone.cipher,
      phoneHash: input.phone.hash,
      phoneMasked: input.phone.masked,
      passwordHash: input.passwordHash,
    },
    select: { id: true },
  });
  return user.id;
}

export function findParentPhoneHash(
  parentId: string,
): Promise<{ phoneHash: string | null; phoneCipher: string | null; phoneMasked: string | null } | null> {
  return db().user.findFirst({
    where: { id: parentId, role: "PARENT" },
    select: { phoneHash: true, phoneCipher: true, phoneMasked: true },
  });
}

/** A child in school with this ID number whose roster lists a guardian with this mobile number. */
export async function findChildForBinding(
  childIdHash: string,
  guardianPhoneHash: string,
): Promise<{
  studentId: string;
  schoolId: string;
  personId: string;
  name: string;
  stage: Stage;
  codeHash: string | null;
} | null> {
  const student = await db().student.findFirst({
    where: {
      status: "IN_SCHOOL",
      person: { idNumberHash: childIdHash },
      guardians: { some: { phoneHash: guardianPhoneHash } },
    },
    select: {
      id: true,
      schoolId: true,
      stage: true,
      accessCode: { select: { codeHash: true } },
      person: { select: { id: true, name: true } },
    },
  });
  return (
    student && {
      studentId: student.id,
      schoolId: student.schoolId,
      personId: student.person.id,
      name: student.person.name,
      stage: student.stage,
      codeHash: student.accessCode?.codeHash ?? null,
    }
  );
}

/** Binds; returns false when the binding already existed. */
export async function bindChild(parentId: string, personId: string): Promise<boolean> {
  try {
    await db().parentChild.create({ data: { parentId, personId } });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}
