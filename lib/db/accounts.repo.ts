/**
 * Creating applicant accounts and parent–child bindings. Activation and
 * binding are keyed by what the applicant proves they know (ID number,
 * 学籍号, guardian mobile recorded by the school), never by a scope.
 */
import { db } from "./client";
import type { Stage } from "@/lib/domain/codes";
import { Prisma } from "./generated/client";

export type EnrolmentMatch = { personId: string; personName: string; stage: Stage; hasAccount: boolean };

/** The current enrolment whose person has this ID number and whose 学籍号 is this one. */
export async function findEnrolmentForActivation(
  idNumberHash: string,
  studentNo: string,
): Promise<EnrolmentMatch | null> {
  const s = await db().student.findFirst({
    where: { status: "IN_SCHOOL", studentNo, person: { idNumberHash } },
    select: { stage: true, person: { select: { id: true, name: true, account: { select: { id: true } } } } },
  });
  return (
    s && {
      personId: s.person.id,
      personName: s.person.name,
      stage: s.stage,
      hasAccount: s.person.account !== null,
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
  const u = await db().user.create({
    data: {
      role: "STUDENT",
      personId: input.personId,
      displayName: input.displayName,
      passwordHash: input.passwordHash,
    },
    select: { id: true },
  });
  return u.id;
}

export async function createParentAccount(input: {
  displayName: string;
  phone: { cipher: string; hash: string; masked: string };
  passwordHash: string;
}): Promise<string> {
  const u = await db().user.create({
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
  return u.id;
}

export function findParentPhoneHash(parentId: string): Promise<{ phoneHash: string | null } | null> {
  return db().user.findFirst({ where: { id: parentId, role: "PARENT" }, select: { phoneHash: true } });
}

/** A child in school with this ID number whose roster lists a guardian with this mobile number. */
export async function findChildForBinding(
  childIdHash: string,
  guardianPhoneHash: string,
): Promise<{ personId: string; name: string; stage: Stage } | null> {
  const s = await db().student.findFirst({
    where: {
      status: "IN_SCHOOL",
      person: { idNumberHash: childIdHash },
      guardians: { some: { phoneHash: guardianPhoneHash } },
    },
    select: { stage: true, person: { select: { id: true, name: true } } },
  });
  return s && { personId: s.person.id, name: s.person.name, stage: s.stage };
}

/** Binds; returns false when the binding already existed. */
export async function bindChild(parentId: string, personId: string): Promise<boolean> {
  try {
    await db().parentChild.create({ data: { parentId, personId } });
    return true;
  } catch (e) {
    if (isUniqueViolation(e)) return false;
    throw e;
  }
}
