-- Core schema of the student-aid system (SPEC §1–8).
-- Hand-written; prisma/schema.prisma describes the same tables for Prisma
-- Client, and tests/integration/schema-drift.test.ts proves they agree.

-- ───────────── code lists ─────────────
CREATE TYPE "Role" AS ENUM ('STUDENT', 'PARENT', 'TEACHER', 'SCHOOL_ADMIN', 'SCHOOL_LEADER', 'SUPERVISOR');
CREATE TYPE "RegionLevel" AS ENUM ('PROVINCE', 'CITY', 'COUNTY');
CREATE TYPE "Stage" AS ENUM ('KINDERGARTEN', 'PRIMARY', 'JUNIOR', 'SENIOR', 'VOCATIONAL', 'COLLEGE', 'GRADUATE');
CREATE TYPE "Gender" AS ENUM ('MALE', 'FEMALE');
CREATE TYPE "IdType" AS ENUM ('RESIDENT_ID', 'HMT_RESIDENCE_PERMIT', 'HMT_TRAVEL_PERMIT', 'PASSPORT', 'OTHER');
CREATE TYPE "EnrolmentStatus" AS ENUM ('IN_SCHOOL', 'SUSPENDED', 'TRANSFERRED_OUT', 'GRADUATED');
CREATE TYPE "Semester" AS ENUM ('AUTUMN', 'SPRING');
CREATE TYPE "ApplicationState" AS ENUM ('draft', 'submitted', 'returned', 'verified', 'reviewed', 'determined', 'waived', 'withdrawn', 'revoked');
CREATE TYPE "HardshipLevel" AS ENUM ('SPECIAL', 'HARDSHIP', 'GENERAL', 'NONE');
CREATE TYPE "Residence" AS ENUM ('URBAN', 'RURAL');
CREATE TYPE "SpecialCategory" AS ENUM (
  'POVERTY_ALLEVIATED', 'POVERTY_UNSTABLE', 'MARGINAL_POVERTY_RISK', 'SUDDEN_SEVERE_HARDSHIP',
  'MINIMUM_LIVING', 'EXTREME_POVERTY_SUPPORT', 'ORPHAN', 'DISABLED_STUDENT', 'CHILD_OF_DISABLED',
  'DE_FACTO_UNSUPPORTED', 'NEAR_MINIMUM_LIVING', 'MARTYR_CHILD', 'CHILD_IN_DISTRESS');
CREATE TYPE "SpecialSource" AS ENUM ('CENTRAL', 'SCHOOL');
CREATE TYPE "SuddenEventKind" AS ENUM ('NATURAL_DISASTER', 'ACCIDENT', 'SERIOUS_ILLNESS', 'OTHER');
CREATE TYPE "ProgrammeKind" AS ENUM ('SUBSIDY', 'FEE_WAIVER', 'LOAN');
CREATE TYPE "PayPeriod" AS ENUM ('SEMESTER', 'MONTHLY');
CREATE TYPE "AmountMode" AS ENUM ('FIXED', 'BY_LEVEL');
CREATE TYPE "RosterState" AS ENUM ('DRAFT', 'APPROVED');
CREATE TYPE "PublicityScope" AS ENUM ('GRADE', 'SCHOOL');
CREATE TYPE "PublicityKind" AS ENUM ('DETERMINATION', 'ROSTER');
CREATE TYPE "PublicityState" AS ENUM ('OPEN', 'CLOSED', 'FINAL');
CREATE TYPE "SupervisorConfirmation" AS ENUM ('NOT_REQUIRED', 'PENDING', 'CONFIRMED', 'REJECTED', 'WITHDRAW_REQUESTED', 'WITHDRAWN');
CREATE TYPE "ObjectionKind" AS ENUM ('OBJECTION', 'REVIEW_REQUEST');
CREATE TYPE "CaseState" AS ENUM ('OPEN', 'DONE');
CREATE TYPE "ReviewStepKind" AS ENUM ('CLASS_EVALUATION', 'GRADE_COMMITTEE', 'SCHOOL_COMMITTEE', 'LEADER_SIGNOFF', 'CENTRE_SCHOOL_REVIEW', 'REPORTED_UPWARD');
CREATE TYPE "RevokeReason" AS ENUM ('FALSE_INFORMATION', 'HOUSE_CAR_BUSINESS', 'EXTRAVAGANT_SPENDING', 'OTHER');
CREATE TYPE "NoAidReason" AS ENUM ('WAIVED', 'LEFT_SCHOOL', 'AIDED_ELSEWHERE', 'NOT_ELIGIBLE', 'OTHER');

-- Rows of append-only tables can be inserted, never changed or removed.
CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;

-- ───────────── organisation ─────────────
CREATE TABLE "Region" (
  "id" TEXT NOT NULL,
  "code" TEXT NOT NULL,
  "name" TEXT NOT NULL,
  "level" "RegionLevel" NOT NULL,
  "parentId" TEXT,
  "path" TEXT NOT NULL,
  "minimumLivingStandardFen" INTEGER,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "Region_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "Region_code_check" CHECK ("code" ~ '^[0-9]{6}$'),
  CONSTRAINT "Region_path_check" CHECK ("path" LIKE '/%/'),
  CONSTRAINT "Region_parent_check" CHECK (("level" = 'PROVINCE') = ("parentId" IS NULL)),
  CONSTRAINT "Region_minimumLiving_check" CHECK ("minimumLivingStandardFen" IS NULL OR "minimumLivingStandardFen" >= 0)
);
CREATE UNIQUE INDEX "Region_code_key" ON "Region"("code");
CREATE UNIQUE INDEX "Region_path_key" ON "Region"("path");
CREATE INDEX "Region_path_prefix_idx" ON "Region"("path" text_pattern_ops);
ALTER TABLE "Region" ADD CONSTRAINT "Region_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "School" (
  "id" TEXT NOT NULL,
  "code" TEXT NOT NULL,
  "name" TEXT NOT NULL,
  "regionId" TEXT NOT NULL,
  "stages" "Stage"[] NOT NULL,
  "isVillage" BOOLEAN NOT NULL DEFAULT false,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "School_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "School_code_check" CHECK ("code" ~ '^[0-9]{10}$'),
  CONSTRAINT "School_stages_check" CHECK (cardinality("stages") >= 1)
);
CREATE UNIQUE INDEX "School_code_key" ON "School"("code");
CREATE INDEX "School_regionId_idx" ON "School"("regionId");
ALTER TABLE "School" ADD CONSTRAINT "School_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "Grade" (
  "id" TEXT NOT NULL,
  "schoolId" TEXT NOT NULL,
  "stage" "Stage" NOT NULL,
  "name" TEXT NOT NULL,
  "entryYear" INTEGER NOT NULL,
  "sortOrder" INTEGER NOT NULL DEFAULT 0,
  CONSTRAINT "Grade_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "Grade_entryYear_check" CHECK ("entryYear" BETWEEN 1990 AND 2100),
  CONSTRAINT "Grade_name_check" CHECK (length(btrim("name")) BETWEEN 1 AND 30)
);
CREATE UNIQUE INDEX "Grade_schoolId_stage_name_key" ON "Grade"("schoolId", "stage", "name");
CREATE UNIQUE INDEX "Grade_id_schoolId_key" ON "Grade"("id", "schoolId");
ALTER TABLE "Grade" ADD CONSTRAINT "Grade_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "SchoolClass" (
  "id" TEXT NOT NULL,
  "schoolId" TEXT NOT NULL,
  "gradeId" TEXT NOT NULL,
  "name" TEXT NOT NULL,
  CONSTRAINT "SchoolClass_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "SchoolClass_name_check" CHECK (length(btrim("name")) BETWEEN 1 AND 30)
);
CREATE UNIQUE INDEX "SchoolClass_gradeId_name_key" ON "SchoolClass"("gradeId", "name");
CREATE UNIQUE INDEX "SchoolClass_id_schoolId_key" ON "SchoolClass"("id", "schoolId");
CREATE UNIQUE INDEX "SchoolClass_id_gradeId_key" ON "SchoolClass"("id", "gradeId");
CREATE INDEX "SchoolClass_schoolId_idx" ON "SchoolClass"("schoolId");
ALTER TABLE "SchoolClass" ADD CONSTRAINT "SchoolClass_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "SchoolClass" ADD CONSTRAINT "SchoolClass_gradeId_fkey" FOREIGN KEY ("gradeId") REFERENCES "Grade"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
-- A class belongs to a grade of the same school.
ALTER TABLE "SchoolClass" ADD CONSTRAINT "SchoolClass_grade_school_fkey" FOREIGN KEY ("gradeId", "schoolId") REFERENCES "Grade"("id", "schoolId") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ───────────── people ─────────────
CREATE TABLE "Person" (
  "id" TEXT NOT NULL,
  "name" TEXT NOT NULL,
  "gender" "Gender" NOT NULL,
  "idType" "IdType" NOT NULL,
  "idNumberCipher" TEXT NOT NULL,
  "idNumberHash" TEXT NOT NULL,
  "idNumberMasked" TEXT NOT NULL,
  "birthDate" DATE,
  "hukouRegionId" TEXT,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL,
  CONSTRAINT "Person_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "Person_name_check" CHECK (length(btrim("name")) BETWEEN 1 AND 50)
);
CREATE UNIQUE INDEX "Person_idNumberHash_key" ON "Person"("idNumberHash");
CREATE INDEX "Person_hukouRegionId_idx" ON "Person"("hukouRegionId");
ALTER TABLE "Person" ADD CONSTRAINT "Person_hukouRegionId_fkey" FOREIGN KEY ("hukouRegionId") REFERENCES "Region"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "Student" (
  "id" TEXT NOT NULL,
  "personId" TEXT NOT NULL,
  "schoolId" TEXT NOT NULL,
  "gradeId" TEXT NOT NULL,
  "classId" TEXT NOT NULL,
  "stage" "Stage" NOT NULL,
  "studentNo" TEXT NOT NULL,
  "enrolledOn" DATE NOT NULL,
  "programmeYears" INTEGER NOT NULL,
  "status" "EnrolmentStatus" NOT NULL DEFAULT 'IN_SCHOOL',
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL,
  CONSTRAINT "Student_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "Student_programmeYears_check" CHECK ("programmeYears" BETWEEN 1 AND 9),
  CONSTRAINT "Student_enrolledOn_check" CHECK (extract(day FROM "enrolledOn") = 1),
  CONSTRAINT "Student_studentNo_check" CHECK ("studentNo" ~ '^[A-Za-z0-9]{6,30}$')
);
CREATE UNIQUE INDEX "Student_schoolId_personId_key" ON "Student"("schoolId", "personId");
CREATE INDEX "Student_classId_idx" ON "Student"("classId");
CREATE INDEX "Student_personId_idx" ON "Student"("personId");
CREATE UNIQUE INDEX "Student_id_schoolId_key" ON "Student"("id", "schoolId");
CREATE UNIQUE INDEX "Student_id_personId_key" ON "Student"("id", "personId");
-- A person is in school (在读) at one school at a time, and a 学籍号 names one student in school.
CREATE UNIQUE INDEX "Student_one_in_school_key" ON "Student"("personId") WHERE "status" = 'IN_SCHOOL';
CREATE UNIQUE INDEX "Student_studentNo_in_school_key" ON "Student"("studentNo") WHERE "status" = 'IN_SCHOOL';
ALTER TABLE "Student" ADD CONSTRAINT "Student_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Student" ADD CONSTRAINT "Student_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Student" ADD CONSTRAINT "Student_gradeId_fkey" FOREIGN KEY ("gradeId") REFERENCES "Grade"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Student" ADD CONSTRAINT "Student_classId_fkey" FOREIGN KEY ("classId") REFERENCES "SchoolClass"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
-- The class is of the student's school and grade.
ALTER TABLE "Student" ADD CONSTRAINT "Student_class_school_fkey" FOREIGN KEY ("classId", "schoolId") REFERENCES "SchoolClass"("id", "schoolId") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Student" ADD CONSTRAINT "Student_class_grade_fkey" FOREIGN KEY ("classId", "gradeId") REFERENCES "SchoolClass"("id", "gradeId") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "Guardian" (
  "id" TEXT NOT NULL,
  "studentId" TEXT NOT NULL,
  "name" TEXT NOT NULL,
  "relation" TEXT NOT NULL,
  "phoneCipher" TEXT NOT NULL,
  "phoneHash" TEXT NOT NULL,
  "phoneMasked" TEXT NOT NULL,
  "idNumberCipher" TEXT,
  "idNumberHash" TEXT,
  "idNumberMasked" TEXT,
  "sortOrder" INTEGER NOT NULL DEFAULT 0,
  CONSTRAINT "Guardian_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "Guardian_name_check" CHECK (length(btrim("name")) BETWEEN 1 AND 50),
  CONSTRAINT "Guardian_idNumber_check" CHECK (("idNumberCipher" IS NULL) = ("idNumberHash" IS NULL) AND ("idNumberHash" IS NULL) = ("idNumberMasked" IS NULL))
);
CREATE INDEX "Guardian_phoneHash_idx" ON "Guardian"("phoneHash");
CREATE INDEX "Guardian_studentId_idx" ON "Guardian"("studentId");
ALTER TABLE "Guardian" ADD CONSTRAINT "Guardian_studentId_fkey" FOREIGN KEY ("studentId") REFERENCES "Student"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ───────────── accounts ─────────────
CREATE TABLE "User" (
  "id" TEXT NOT NULL,
  "role" "Role" NOT NULL,
  "displayName" TEXT NOT NULL,
  "username" TEXT,
  "phoneCipher" TEXT,
  "phoneHash" TEXT,
  "phoneMasked" TEXT,
  "personId" TEXT,
  "schoolId" TEXT,
  "regionId" TEXT,
  "passwordHash" TEXT NOT NULL,
  "mustChangePassword" BOOLEAN NOT NULL DEFAULT false,
  "passwordChangedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "failedLogins" INTEGER NOT NULL DEFAULT 0,
  "lockedUntil" TIMESTAMP(3),
  "disabled" BOOLEAN NOT NULL DEFAULT false,
  "sessionVersion" INTEGER NOT NULL DEFAULT 0,
  "lastLoginAt" TIMESTAMP(3),
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL,
  CONSTRAINT "User_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "User_failedLogins_check" CHECK ("failedLogins" >= 0),
  CONSTRAINT "User_username_check" CHECK ("username" IS NULL OR "username" ~ '^[A-Za-z0-9_.-]{3,40}$'),
  -- Each role carries exactly the scope it needs (SPEC §1).
  CONSTRAINT "User_scope_check" CHECK (
    CASE "role"
      WHEN 'STUDENT' THEN "personId" IS NOT NULL AND "schoolId" IS NULL AND "regionId" IS NULL
      WHEN 'PARENT' THEN "phoneHash" IS NOT NULL AND "personId" IS NULL AND "schoolId" IS NULL AND "regionId" IS NULL
      WHEN 'SUPERVISOR' THEN "username" IS NOT NULL AND "regionId" IS NOT NULL AND "schoolId" IS NULL AND "personId" IS NULL
      ELSE "username" IS NOT NULL AND "schoolId" IS NOT NULL AND "regionId" IS NULL AND "personId" IS NULL
    END),
  CONSTRAINT "User_phone_check" CHECK (("phoneCipher" IS NULL) = ("phoneHash" IS NULL) AND ("phoneHash" IS NULL) = ("phoneMasked" IS NULL))
);
CREATE UNIQUE INDEX "User_username_key" ON "User"("username");
CREATE UNIQUE INDEX "User_phoneHash_key" ON "User"("phoneHash");
CREATE UNIQUE INDEX "User_personId_key" ON "User"("personId");
CREATE INDEX "User_schoolId_role_idx" ON "User"("schoolId", "role");
ALTER TABLE "User" ADD CONSTRAINT "User_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "User" ADD CONSTRAINT "User_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "User" ADD CONSTRAINT "User_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "TeacherClass" (
  "teacherId" TEXT NOT NULL,
  "classId" TEXT NOT NULL,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "TeacherClass_pkey" PRIMARY KEY ("teacherId", "classId")
);
CREATE INDEX "TeacherClass_classId_idx" ON "TeacherClass"("classId");
ALTER TABLE "TeacherClass" ADD CONSTRAINT "TeacherClass_teacherId_fkey" FOREIGN KEY ("teacherId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "TeacherClass" ADD CONSTRAINT "TeacherClass_classId_fkey" FOREIGN KEY ("classId") REFERENCES "SchoolClass"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "ParentChild" (
  "parentId" TEXT NOT NULL,
  "personId" TEXT NOT NULL,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "ParentChild_pkey" PRIMARY KEY ("parentId", "personId")
);
CREATE INDEX "ParentChild_personId_idx" ON "ParentChild"("personId");
ALTER TABLE "ParentChild" ADD CONSTRAINT "ParentChild_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "ParentChild" ADD CONSTRAINT "ParentChild_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ───────────── terms & programmes ─────────────
CREATE TABLE "AidTerm" (
  "id" TEXT NOT NULL,
  "academicYear" TEXT NOT NULL,
  "semester" "Semester" NOT NULL,
  "name" TEXT NOT NULL,
  "applyStart" TIMESTAMP(3) NOT NULL,
  "applyEnd" TIMESTAMP(3) NOT NULL,
  "verifyDeadline" TIMESTAMP(3) NOT NULL,
  "reviewDeadline" TIMESTAMP(3) NOT NULL,
  "isCurrent" BOOLEAN NOT NULL DEFAULT false,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "AidTerm_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "AidTerm_academicYear_check" CHECK ("academicYear" ~ '^[0-9]{4}-[0-9]{4}$' AND substr("academicYear", 6, 4)::int = substr("academicYear", 1, 4)::int + 1),
  CONSTRAINT "AidTerm_dates_check" CHECK ("applyStart" < "applyEnd" AND "applyEnd" <= "verifyDeadline" AND "verifyDeadline" <= "reviewDeadline")
);
CREATE UNIQUE INDEX "AidTerm_academicYear_semester_key" ON "AidTerm"("academicYear", "semester");
CREATE UNIQUE INDEX "AidTerm_one_current_key" ON "AidTerm"("isCurrent") WHERE "isCurrent";

CREATE TABLE "SchoolTermSetting" (
  "termId" TEXT NOT NULL,
  "schoolId" TEXT NOT NULL,
  "applyStart" TIMESTAMP(3),
  "applyEnd" TIMESTAMP(3),
  "verifyDeadline" TIMESTAMP(3),
  "reviewDeadline" TIMESTAMP(3),
  "updatedAt" TIMESTAMP(3) NOT NULL,
  CONSTRAINT "SchoolTermSetting_pkey" PRIMARY KEY ("termId", "schoolId"),
  CONSTRAINT "SchoolTermSetting_window_check" CHECK ("applyStart" IS NULL OR "applyEnd" IS NULL OR "applyStart" < "applyEnd")
);
ALTER TABLE "SchoolTermSetting" ADD CONSTRAINT "SchoolTermSetting_termId_fkey" FOREIGN KEY ("termId") REFERENCES "AidTerm"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "SchoolTermSetting" ADD CONSTRAINT "SchoolTermSetting_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "AidProgramme" (
  "id" TEXT NOT NULL,
  "code" TEXT NOT NULL,
  "name" TEXT NOT NULL,
  "stage" "Stage" NOT NULL,
  "kind" "ProgrammeKind" NOT NULL,
  "period" "PayPeriod" NOT NULL DEFAULT 'SEMESTER',
  "eligibleLevels" "HardshipLevel"[] NOT NULL DEFAULT ARRAY[]::"HardshipLevel"[],
  "eligibleCategories" "SpecialCategory"[] NOT NULL DEFAULT ARRAY[]::"SpecialCategory"[],
  "requiredFields" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
  "description" TEXT NOT NULL DEFAULT '',
  "active" BOOLEAN NOT NULL DEFAULT true,
  CONSTRAINT "AidProgramme_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "AidProgramme_code_key" ON "AidProgramme"("code");

CREATE TABLE "TermProgramme" (
  "id" TEXT NOT NULL,
  "termId" TEXT NOT NULL,
  "programmeId" TEXT NOT NULL,
  "schoolId" TEXT,
  "amountMode" "AmountMode" NOT NULL,
  "fixedAmountFen" INTEGER,
  "amountSpecialFen" INTEGER,
  "amountHardshipFen" INTEGER,
  "amountGeneralFen" INTEGER,
  "quota" INTEGER,
  "budgetFen" INTEGER,
  "open" BOOLEAN NOT NULL DEFAULT true,
  CONSTRAINT "TermProgramme_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "TermProgramme_amount_check" CHECK (
    ("amountMode" = 'FIXED' AND "fixedAmountFen" IS NOT NULL)
    OR ("amountMode" = 'BY_LEVEL' AND COALESCE("amountSpecialFen", "amountHardshipFen", "amountGeneralFen") IS NOT NULL)),
  CONSTRAINT "TermProgramme_nonnegative_check" CHECK (
    COALESCE("fixedAmountFen", 0) >= 0 AND COALESCE("amountSpecialFen", 0) >= 0 AND COALESCE("amountHardshipFen", 0) >= 0
    AND COALESCE("amountGeneralFen", 0) >= 0 AND COALESCE("quota", 0) >= 0 AND COALESCE("budgetFen", 0) >= 0)
);
CREATE UNIQUE INDEX "TermProgramme_termId_programmeId_schoolId_key" ON "TermProgramme"("termId", "programmeId", "schoolId");
-- NULL schoolId (all schools) is unique per term and programme too.
CREATE UNIQUE INDEX "TermProgramme_all_schools_key" ON "TermProgramme"("termId", "programmeId") WHERE "schoolId" IS NULL;
ALTER TABLE "TermProgramme" ADD CONSTRAINT "TermProgramme_termId_fkey" FOREIGN KEY ("termId") REFERENCES "AidTerm"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "TermProgramme" ADD CONSTRAINT "TermProgramme_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "AidProgramme"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "TermProgramme" ADD CONSTRAINT "TermProgramme_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ───────────── applications ─────────────
CREATE TABLE "Application" (
  "id" TEXT NOT NULL,
  "termId" TEXT NOT NULL,
  "personId" TEXT NOT NULL,
  "studentId" TEXT NOT NULL,
  "schoolId" TEXT NOT NULL,
  "classId" TEXT NOT NULL,
  "applicantUserId" TEXT,
  "enteredOnPaper" BOOLEAN NOT NULL DEFAULT false,
  "state" "ApplicationState" NOT NULL DEFAULT 'draft',
  "version" INTEGER NOT NULL DEFAULT 0,
  "enrolmentConfirmedAt" TIMESTAMP(3),
  "policyAcknowledgedAt" TIMESTAMP(3),
  "waiverReason" TEXT,
  "commitmentSignedAt" TIMESTAMP(3),
  "submittedAt" TIMESTAMP(3),
  "returnReason" TEXT,
  "returnDeadline" TIMESTAMP(3),
  "verifiedAt" TIMESTAMP(3),
  "reviewedAt" TIMESTAMP(3),
  "draftStep" TEXT,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL,
  CONSTRAINT "Application_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "Application_version_check" CHECK ("version" >= 0),
  -- A returned application carries the reason and the correction deadline.
  CONSTRAINT "Application_returned_check" CHECK ("state" <> 'returned' OR ("returnReason" IS NOT NULL AND length(btrim("returnReason")) > 0 AND "returnDeadline" IS NOT NULL)),
  -- Anything past draft was submitted under the credit commitment (waivers excepted).
  CONSTRAINT "Application_submitted_check" CHECK ("state" IN ('draft', 'waived', 'withdrawn') OR ("submittedAt" IS NOT NULL AND "commitmentSignedAt" IS NOT NULL)),
  CONSTRAINT "Application_verified_check" CHECK ("state" NOT IN ('verified', 'reviewed', 'determined') OR "verifiedAt" IS NOT NULL),
  CONSTRAINT "Application_reviewed_check" CHECK ("state" NOT IN ('reviewed', 'determined') OR "reviewedAt" IS NOT NULL)
);
CREATE UNIQUE INDEX "Application_personId_termId_key" ON "Application"("personId", "termId");
CREATE INDEX "Application_schoolId_termId_state_idx" ON "Application"("schoolId", "termId", "state");
CREATE INDEX "Application_classId_termId_idx" ON "Application"("classId", "termId");
CREATE INDEX "Application_studentId_idx" ON "Application"("studentId");
ALTER TABLE "Application" ADD CONSTRAINT "Application_termId_fkey" FOREIGN KEY ("termId") REFERENCES "AidTerm"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Application" ADD CONSTRAINT "Application_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Application" ADD CONSTRAINT "Application_studentId_fkey" FOREIGN KEY ("studentId") REFERENCES "Student"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Application" ADD CONSTRAINT "Application_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Application" ADD CONSTRAINT "Application_classId_fkey" FOREIGN KEY ("classId") REFERENCES "SchoolClass"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Application" ADD CONSTRAINT "Application_applicantUserId_fkey" FOREIGN KEY ("applicantUserId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
-- The enrolment is the person's, at the application's school; the class is of that school.
ALTER TABLE "Application" ADD CONSTRAINT "Application_student_school_fkey" FOREIGN KEY ("studentId", "schoolId") REFERENCES "Student"("id", "schoolId") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Application" ADD CONSTRAINT "Application_student_person_fkey" FOREIGN KEY ("studentId", "personId") REFERENCES "Student"("id", "personId") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Application" ADD CONSTRAINT "Application_class_school_fkey" FOREIGN KEY ("classId", "schoolId") REFERENCES "SchoolClass"("id", "schoolId") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "ApplicationProgramme" (
  "applicationId" TEXT NOT NULL,
  "programmeId" TEXT NOT NULL,
  CONSTRAINT "ApplicationProgramme_pkey" PRIMARY KEY ("applicationId", "programmeId")
);
ALTER TABLE "ApplicationProgramme" ADD CONSTRAINT "ApplicationProgramme_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ApplicationProgramme" ADD CONSTRAINT "ApplicationProgramme_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "AidProgramme"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "ApplicationTransition" (
  "id" TEXT NOT NULL,
  "applicationId" TEXT NOT NULL,
  "fromState" "ApplicationState",
  "toState" "ApplicationState" NOT NULL,
  "actorUserId" TEXT,
  "actorRole" "Role",
  "comment" TEXT,
  "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "ApplicationTransition_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "ApplicationTransition_applicationId_at_idx" ON "ApplicationTransition"("applicationId", "at");
ALTER TABLE "ApplicationTransition" ADD CONSTRAINT "ApplicationTransition_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "ApplicationTransition" ADD CONSTRAINT "ApplicationTransition_actorUserId_fkey" FOREIGN KEY ("actorUserId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
CREATE TRIGGER "ApplicationTransition_append_only" BEFORE UPDATE OR DELETE ON "ApplicationTransition" FOR EACH ROW EXECUTE FUNCTION refuse_change();

CREATE TABLE "Household" (
  "applicationId" TEXT NOT NULL,
  "residence" "Residence",
  "regionCode" TEXT,
  "address" TEXT,
  "totalAnnualIncomeFen" INTEGER,
  "memberCount" INTEGER,
  "perCapitaMonthlyIncomeFen" INTEGER,
  "housing" TEXT,
  "vehicles" TEXT,
  "stateEmployedParent" BOOLEAN,
  "stableIncome" BOOLEAN,
  "declaredCategories" "SpecialCategory"[] NOT NULL DEFAULT ARRAY[]::"SpecialCategory"[],
  "notes" TEXT,
  "updatedAt" TIMESTAMP(3) NOT NULL,
  CONSTRAINT "Household_pkey" PRIMARY KEY ("applicationId"),
  CONSTRAINT "Household_income_check" CHECK ("totalAnnualIncomeFen" IS NULL OR "totalAnnualIncomeFen" >= 0),
  CONSTRAINT "Household_members_check" CHECK ("memberCount" IS NULL OR "memberCount" BETWEEN 1 AND 30),
  -- The per-capita figure is derived from the total and the members, never typed.
  CONSTRAINT "Household_perCapita_check" CHECK (
    "perCapitaMonthlyIncomeFen" IS NULL
    OR ("totalAnnualIncomeFen" IS NOT NULL AND "memberCount" IS NOT NULL
        AND "perCapitaMonthlyIncomeFen" = round("totalAnnualIncomeFen"::numeric / ("memberCount" * 12))))
);
ALTER TABLE "Household" ADD CONSTRAINT "Household_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "FamilyMember" (
  "id" TEXT NOT NULL,
  "applicationId" TEXT NOT NULL,
  "name" TEXT NOT NULL,
  "relation" TEXT NOT NULL,
  "age" INTEGER,
  "occupation" TEXT,
  "workStatus" TEXT,
  "annualIncomeFen" INTEGER,
  "seriousIllness" BOOLEAN NOT NULL DEFAULT false,
  "disability" BOOLEAN NOT NULL DEFAULT false,
  "healthNote" TEXT,
  "inSchool" BOOLEAN NOT NULL DEFAULT false,
  "sortOrder" INTEGER NOT NULL DEFAULT 0,
  CONSTRAINT "FamilyMember_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "FamilyMember_age_check" CHECK ("age" IS NULL OR "age" BETWEEN 0 AND 130),
  CONSTRAINT "FamilyMember_income_check" CHECK ("annualIncomeFen" IS NULL OR "annualIncomeFen" >= 0)
);
CREATE INDEX "FamilyMember_applicationId_idx" ON "FamilyMember"("applicationId");
ALTER TABLE "FamilyMember" ADD CONSTRAINT "FamilyMember_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "SuddenEvent" (
  "id" TEXT NOT NULL,
  "applicationId" TEXT NOT NULL,
  "kind" "SuddenEventKind" NOT NULL,
  "amountFen" INTEGER NOT NULL,
  "occurredOn" DATE,
  "description" TEXT,
  CONSTRAINT "SuddenEvent_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "SuddenEvent_amount_check" CHECK ("amountFen" >= 0)
);
CREATE INDEX "SuddenEvent_applicationId_idx" ON "SuddenEvent"("applicationId");
ALTER TABLE "SuddenEvent" ADD CONSTRAINT "SuddenEvent_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "EvidenceFile" (
  "id" TEXT NOT NULL,
  "applicationId" TEXT,
  "purpose" TEXT NOT NULL,
  "originalName" TEXT NOT NULL,
  "mimeType" TEXT NOT NULL,
  "sizeBytes" INTEGER NOT NULL,
  "sha256" TEXT NOT NULL,
  "storageKey" TEXT NOT NULL,
  "uploadedById" TEXT NOT NULL,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "EvidenceFile_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "EvidenceFile_mime_check" CHECK ("mimeType" IN ('image/jpeg', 'image/png', 'application/pdf')),
  CONSTRAINT "EvidenceFile_size_check" CHECK ("sizeBytes" > 0 AND "sizeBytes" <= 10485760),
  CONSTRAINT "EvidenceFile_sha256_check" CHECK ("sha256" ~ '^[0-9a-f]{64}$')
);
CREATE UNIQUE INDEX "EvidenceFile_storageKey_key" ON "EvidenceFile"("storageKey");
CREATE INDEX "EvidenceFile_applicationId_idx" ON "EvidenceFile"("applicationId");
ALTER TABLE "EvidenceFile" ADD CONSTRAINT "EvidenceFile_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "EvidenceFile" ADD CONSTRAINT "EvidenceFile_uploadedById_fkey" FOREIGN KEY ("uploadedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ───────────── determination model (needed by home visits) ─────────────
CREATE TABLE "ScoringModel" (
  "id" TEXT NOT NULL,
  "schoolId" TEXT,
  "name" TEXT NOT NULL,
  "version" INTEGER NOT NULL,
  "config" JSONB NOT NULL,
  "active" BOOLEAN NOT NULL DEFAULT true,
  "createdById" TEXT,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "ScoringModel_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "ScoringModel_version_check" CHECK ("version" >= 1)
);
CREATE UNIQUE INDEX "ScoringModel_schoolId_version_key" ON "ScoringModel"("schoolId", "version");
CREATE UNIQUE INDEX "ScoringModel_default_version_key" ON "ScoringModel"("version") WHERE "schoolId" IS NULL;
ALTER TABLE "ScoringModel" ADD CONSTRAINT "ScoringModel_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ───────────── teacher work ─────────────
CREATE TABLE "HomeVisit" (
  "applicationId" TEXT NOT NULL,
  "visitDate" DATE NOT NULL,
  "visitors" TEXT NOT NULL,
  "findings" TEXT NOT NULL,
  "scores" JSONB NOT NULL,
  "totalScore" INTEGER NOT NULL,
  "scoringModelId" TEXT NOT NULL,
  "recordedById" TEXT NOT NULL,
  "updatedAt" TIMESTAMP(3) NOT NULL,
  CONSTRAINT "HomeVisit_pkey" PRIMARY KEY ("applicationId")
);
ALTER TABLE "HomeVisit" ADD CONSTRAINT "HomeVisit_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "HomeVisit" ADD CONSTRAINT "HomeVisit_scoringModelId_fkey" FOREIGN KEY ("scoringModelId") REFERENCES "ScoringModel"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "HomeVisit" ADD CONSTRAINT "HomeVisit_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "ClassEvaluation" (
  "id" TEXT NOT NULL,
  "termId" TEXT NOT NULL,
  "classId" TEXT NOT NULL,
  "members" JSONB NOT NULL,
  "report" TEXT NOT NULL,
  "submittedAt" TIMESTAMP(3),
  "submittedById" TEXT,
  "updatedAt" TIMESTAMP(3) NOT NULL,
  CONSTRAINT "ClassEvaluation_pkey" PRIMARY KEY ("id"),
  -- A committee has at least three members (Z).
  CONSTRAINT "ClassEvaluation_members_check" CHECK (jsonb_typeof("members") = 'array' AND ("submittedAt" IS NULL OR jsonb_array_length("members") >= 3))
);
CREATE UNIQUE INDEX "ClassEvaluation_termId_classId_key" ON "ClassEvaluation"("termId", "classId");
ALTER TABLE "ClassEvaluation" ADD CONSTRAINT "ClassEvaluation_termId_fkey" FOREIGN KEY ("termId") REFERENCES "AidTerm"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "ClassEvaluation" ADD CONSTRAINT "ClassEvaluation_classId_fkey" FOREIGN KEY ("classId") REFERENCES "SchoolClass"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "ClassEvaluationRank" (
  "evaluationId" TEXT NOT NULL,
  "applicationId" TEXT NOT NULL,
  "rank" INTEGER NOT NULL,
  CONSTRAINT "ClassEvaluationRank_pkey" PRIMARY KEY ("evaluationId", "applicationId"),
  CONSTRAINT "ClassEvaluationRank_rank_check" CHECK ("rank" >= 1)
);
CREATE UNIQUE INDEX "ClassEvaluationRank_evaluationId_rank_key" ON "ClassEvaluationRank"("evaluationId", "rank");
ALTER TABLE "ClassEvaluationRank" ADD CONSTRAINT "ClassEvaluationRank_evaluationId_fkey" FOREIGN KEY ("evaluationId") REFERENCES "ClassEvaluation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ClassEvaluationRank" ADD CONSTRAINT "ClassEvaluationRank_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "EnrolmentIssue" (
  "id" TEXT NOT NULL,
  "studentId" TEXT NOT NULL,
  "reportedById" TEXT NOT NULL,
  "content" TEXT NOT NULL,
  "state" "CaseState" NOT NULL DEFAULT 'OPEN',
  "resolution" TEXT,
  "escalated" BOOLEAN NOT NULL DEFAULT false,
  "handledById" TEXT,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "resolvedAt" TIMESTAMP(3),
  CONSTRAINT "EnrolmentIssue_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "EnrolmentIssue_done_check" CHECK ("state" = 'OPEN' OR ("resolution" IS NOT NULL AND "resolvedAt" IS NOT NULL))
);
CREATE INDEX "EnrolmentIssue_studentId_idx" ON "EnrolmentIssue"("studentId");
ALTER TABLE "EnrolmentIssue" ADD CONSTRAINT "EnrolmentIssue_studentId_fkey" FOREIGN KEY ("studentId") REFERENCES "Student"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "EnrolmentIssue" ADD CONSTRAINT "EnrolmentIssue_reportedById_fkey" FOREIGN KEY ("reportedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "EnrolmentIssue" ADD CONSTRAINT "EnrolmentIssue_handledById_fkey" FOREIGN KEY ("handledById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "SignInProblem" (
  "id" TEXT NOT NULL,
  "schoolId" TEXT NOT NULL,
  "classId" TEXT,
  "subjectName" TEXT NOT NULL,
  "subjectRole" "Role" NOT NULL,
  "description" TEXT NOT NULL,
  "state" "CaseState" NOT NULL DEFAULT 'OPEN',
  "resolution" TEXT,
  "reportedById" TEXT NOT NULL,
  "handledById" TEXT,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "resolvedAt" TIMESTAMP(3),
  CONSTRAINT "SignInProblem_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "SignInProblem_subjectRole_check" CHECK ("subjectRole" IN ('STUDENT', 'PARENT')),
  CONSTRAINT "SignInProblem_done_check" CHECK ("state" = 'OPEN' OR ("resolution" IS NOT NULL AND "resolvedAt" IS NOT NULL))
);
CREATE INDEX "SignInProblem_schoolId_state_idx" ON "SignInProblem"("schoolId", "state");
ALTER TABLE "SignInProblem" ADD CONSTRAINT "SignInProblem_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "SignInProblem" ADD CONSTRAINT "SignInProblem_classId_fkey" FOREIGN KEY ("classId") REFERENCES "SchoolClass"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "SignInProblem" ADD CONSTRAINT "SignInProblem_reportedById_fkey" FOREIGN KEY ("reportedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "SignInProblem" ADD CONSTRAINT "SignInProblem_handledById_fkey" FOREIGN KEY ("handledById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- ───────────── special groups ─────────────
CREATE TABLE "SpecialGroupEntry" (
  "id" TEXT NOT NULL,
  "category" "SpecialCategory" NOT NULL,
  "source" "SpecialSource" NOT NULL,
  "name" TEXT NOT NULL,
  "idNumberCipher" TEXT NOT NULL,
  "idNumberHash" TEXT NOT NULL,
  "idNumberMasked" TEXT NOT NULL,
  "schoolId" TEXT NOT NULL,
  "listYear" INTEGER NOT NULL,
  "personId" TEXT,
  "matchedAt" TIMESTAMP(3),
  "evidenceId" TEXT,
  "note" TEXT,
  "createdById" TEXT,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "SpecialGroupEntry_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "SpecialGroupEntry_listYear_check" CHECK ("listYear" BETWEEN 2000 AND 2100),
  CONSTRAINT "SpecialGroupEntry_match_check" CHECK (("personId" IS NULL) = ("matchedAt" IS NULL))
);
CREATE UNIQUE INDEX "SpecialGroupEntry_schoolId_listYear_category_idNumberHash_key" ON "SpecialGroupEntry"("schoolId", "listYear", "category", "idNumberHash");
CREATE INDEX "SpecialGroupEntry_idNumberHash_idx" ON "SpecialGroupEntry"("idNumberHash");
CREATE INDEX "SpecialGroupEntry_personId_idx" ON "SpecialGroupEntry"("personId");
ALTER TABLE "SpecialGroupEntry" ADD CONSTRAINT "SpecialGroupEntry_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "SpecialGroupEntry" ADD CONSTRAINT "SpecialGroupEntry_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "SpecialGroupEntry" ADD CONSTRAINT "SpecialGroupEntry_evidenceId_fkey" FOREIGN KEY ("evidenceId") REFERENCES "EvidenceFile"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "NoAidRecord" (
  "id" TEXT NOT NULL,
  "termId" TEXT NOT NULL,
  "schoolId" TEXT NOT NULL,
  "studentId" TEXT NOT NULL,
  "reason" "NoAidReason" NOT NULL,
  "detail" TEXT,
  "recordedById" TEXT NOT NULL,
  "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "NoAidRecord_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "NoAidRecord_other_check" CHECK ("reason" <> 'OTHER' OR length(btrim(coalesce("detail", ''))) > 0)
);
CREATE UNIQUE INDEX "NoAidRecord_termId_studentId_key" ON "NoAidRecord"("termId", "studentId");
ALTER TABLE "NoAidRecord" ADD CONSTRAINT "NoAidRecord_termId_fkey" FOREIGN KEY ("termId") REFERENCES "AidTerm"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "NoAidRecord" ADD CONSTRAINT "NoAidRecord_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "NoAidRecord" ADD CONSTRAINT "NoAidRecord_studentId_fkey" FOREIGN KEY ("studentId") REFERENCES "Student"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "NoAidRecord" ADD CONSTRAINT "NoAidRecord_student_school_fkey" FOREIGN KEY ("studentId", "schoolId") REFERENCES "Student"("id", "schoolId") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ───────────── determination ─────────────
CREATE TABLE "Determination" (
  "applicationId" TEXT NOT NULL,
  "scoringModelId" TEXT NOT NULL,
  "simulatedScore" INTEGER NOT NULL,
  "simulatedLevel" "HardshipLevel" NOT NULL,
  "explanation" JSONB NOT NULL,
  "gradeAdjustedLevel" "HardshipLevel",
  "finalLevel" "HardshipLevel",
  "overrideReason" TEXT,
  "determinedById" TEXT,
  "determinedAt" TIMESTAMP(3),
  "revokedAt" TIMESTAMP(3),
  "revokeReason" "RevokeReason",
  "revokeDetail" TEXT,
  "recoveryRequired" BOOLEAN NOT NULL DEFAULT false,
  "updatedAt" TIMESTAMP(3) NOT NULL,
  CONSTRAINT "Determination_pkey" PRIMARY KEY ("applicationId"),
  -- 定量评价与定性评价相结合: a final level other than the simulated one needs a reason.
  CONSTRAINT "Determination_override_check" CHECK ("finalLevel" IS NULL OR "finalLevel" = "simulatedLevel" OR length(btrim(coalesce("overrideReason", ''))) > 0),
  CONSTRAINT "Determination_final_check" CHECK (("finalLevel" IS NULL) = ("determinedAt" IS NULL)),
  CONSTRAINT "Determination_revoke_check" CHECK (("revokedAt" IS NULL) = ("revokeReason" IS NULL))
);
ALTER TABLE "Determination" ADD CONSTRAINT "Determination_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Determination" ADD CONSTRAINT "Determination_scoringModelId_fkey" FOREIGN KEY ("scoringModelId") REFERENCES "ScoringModel"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Determination" ADD CONSTRAINT "Determination_determinedById_fkey" FOREIGN KEY ("determinedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "ReviewStep" (
  "id" TEXT NOT NULL,
  "termId" TEXT NOT NULL,
  "schoolId" TEXT NOT NULL,
  "gradeId" TEXT,
  "kind" "ReviewStepKind" NOT NULL,
  "actorId" TEXT NOT NULL,
  "members" JSONB,
  "comment" TEXT,
  "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "ReviewStep_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "ReviewStep_committee_check" CHECK ("kind" NOT IN ('GRADE_COMMITTEE', 'SCHOOL_COMMITTEE') OR (jsonb_typeof("members") = 'array' AND jsonb_array_length("members") >= 3))
);
CREATE INDEX "ReviewStep_schoolId_termId_kind_idx" ON "ReviewStep"("schoolId", "termId", "kind");
ALTER TABLE "ReviewStep" ADD CONSTRAINT "ReviewStep_termId_fkey" FOREIGN KEY ("termId") REFERENCES "AidTerm"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "ReviewStep" ADD CONSTRAINT "ReviewStep_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "ReviewStep" ADD CONSTRAINT "ReviewStep_gradeId_fkey" FOREIGN KEY ("gradeId") REFERENCES "Grade"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "ReviewStep" ADD CONSTRAINT "ReviewStep_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
CREATE TRIGGER "ReviewStep_append_only" BEFORE UPDATE OR DELETE ON "ReviewStep" FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- ───────────── rosters ─────────────
CREATE TABLE "Roster" (
  "id" TEXT NOT NULL,
  "termId" TEXT NOT NULL,
  "programmeId" TEXT NOT NULL,
  "schoolId" TEXT NOT NULL,
  "month" INTEGER,
  "state" "RosterState" NOT NULL DEFAULT 'DRAFT',
  "approvedById" TEXT,
  "approvedAt" TIMESTAMP(3),
  "unlockReason" TEXT,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL,
  CONSTRAINT "Roster_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "Roster_month_check" CHECK ("month" IS NULL OR "month" BETWEEN 1 AND 12),
  CONSTRAINT "Roster_approved_check" CHECK ("state" <> 'APPROVED' OR ("approvedById" IS NOT NULL AND "approvedAt" IS NOT NULL))
);
CREATE UNIQUE INDEX "Roster_termId_programmeId_schoolId_month_key" ON "Roster"("termId", "programmeId", "schoolId", "month");
CREATE UNIQUE INDEX "Roster_semester_key" ON "Roster"("termId", "programmeId", "schoolId") WHERE "month" IS NULL;
ALTER TABLE "Roster" ADD CONSTRAINT "Roster_termId_fkey" FOREIGN KEY ("termId") REFERENCES "AidTerm"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Roster" ADD CONSTRAINT "Roster_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "AidProgramme"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Roster" ADD CONSTRAINT "Roster_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "RosterEntry" (
  "id" TEXT NOT NULL,
  "rosterId" TEXT NOT NULL,
  "studentId" TEXT NOT NULL,
  "applicationId" TEXT,
  "level" "HardshipLevel",
  "amountFen" INTEGER NOT NULL,
  "note" TEXT,
  "paidAt" TIMESTAMP(3),
  "paidAmountFen" INTEGER,
  "bankAccountCipher" TEXT,
  "bankAccountHash" TEXT,
  "bankAccountMasked" TEXT,
  "receiptConfirmedAt" TIMESTAMP(3),
  "receiptConfirmedById" TEXT,
  CONSTRAINT "RosterEntry_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "RosterEntry_amount_check" CHECK ("amountFen" >= 0 AND COALESCE("paidAmountFen", 0) >= 0),
  CONSTRAINT "RosterEntry_paid_check" CHECK (("paidAt" IS NULL) = ("paidAmountFen" IS NULL)),
  CONSTRAINT "RosterEntry_receipt_check" CHECK ("receiptConfirmedAt" IS NULL OR "paidAt" IS NOT NULL)
);
CREATE UNIQUE INDEX "RosterEntry_rosterId_studentId_key" ON "RosterEntry"("rosterId", "studentId");
CREATE INDEX "RosterEntry_studentId_idx" ON "RosterEntry"("studentId");
ALTER TABLE "RosterEntry" ADD CONSTRAINT "RosterEntry_rosterId_fkey" FOREIGN KEY ("rosterId") REFERENCES "Roster"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "RosterEntry" ADD CONSTRAINT "RosterEntry_studentId_fkey" FOREIGN KEY ("studentId") REFERENCES "Student"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "RosterEntry" ADD CONSTRAINT "RosterEntry_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- ───────────── publicity ─────────────
CREATE TABLE "PublicityBatch" (
  "id" TEXT NOT NULL,
  "schoolId" TEXT NOT NULL,
  "termId" TEXT NOT NULL,
  "kind" "PublicityKind" NOT NULL,
  "scope" "PublicityScope" NOT NULL,
  "gradeId" TEXT,
  "rosterId" TEXT,
  "title" TEXT NOT NULL,
  "startDate" DATE NOT NULL,
  "endDate" DATE NOT NULL,
  "workingDays" INTEGER NOT NULL,
  "state" "PublicityState" NOT NULL DEFAULT 'OPEN',
  "confirmation" "SupervisorConfirmation" NOT NULL DEFAULT 'NOT_REQUIRED',
  "attachmentId" TEXT,
  "createdById" TEXT NOT NULL,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "PublicityBatch_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "PublicityBatch_dates_check" CHECK ("endDate" >= "startDate"),
  -- Grade publicity ≥ 2 working days, school publicity ≥ 5 working days (Z).
  CONSTRAINT "PublicityBatch_days_check" CHECK (("scope" = 'GRADE' AND "workingDays" >= 2 AND "gradeId" IS NOT NULL) OR ("scope" = 'SCHOOL' AND "workingDays" >= 5))
);
CREATE INDEX "PublicityBatch_schoolId_termId_idx" ON "PublicityBatch"("schoolId", "termId");
ALTER TABLE "PublicityBatch" ADD CONSTRAINT "PublicityBatch_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "PublicityBatch" ADD CONSTRAINT "PublicityBatch_termId_fkey" FOREIGN KEY ("termId") REFERENCES "AidTerm"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "PublicityBatch" ADD CONSTRAINT "PublicityBatch_gradeId_fkey" FOREIGN KEY ("gradeId") REFERENCES "Grade"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "PublicityBatch" ADD CONSTRAINT "PublicityBatch_rosterId_fkey" FOREIGN KEY ("rosterId") REFERENCES "Roster"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "PublicityBatch" ADD CONSTRAINT "PublicityBatch_attachmentId_fkey" FOREIGN KEY ("attachmentId") REFERENCES "EvidenceFile"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "PublicityItem" (
  "id" TEXT NOT NULL,
  "batchId" TEXT NOT NULL,
  "applicationId" TEXT,
  "studentName" TEXT NOT NULL,
  "className" TEXT NOT NULL,
  "result" TEXT NOT NULL,
  "sortOrder" INTEGER NOT NULL DEFAULT 0,
  CONSTRAINT "PublicityItem_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "PublicityItem_batchId_idx" ON "PublicityItem"("batchId");
ALTER TABLE "PublicityItem" ADD CONSTRAINT "PublicityItem_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "PublicityBatch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "Objection" (
  "id" TEXT NOT NULL,
  "batchId" TEXT NOT NULL,
  "kind" "ObjectionKind" NOT NULL,
  "filedById" TEXT NOT NULL,
  "content" TEXT NOT NULL,
  "state" "CaseState" NOT NULL DEFAULT 'OPEN',
  "answer" TEXT,
  "answeredById" TEXT,
  "answeredAt" TIMESTAMP(3),
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "Objection_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "Objection_content_check" CHECK (length(btrim("content")) BETWEEN 1 AND 2000),
  CONSTRAINT "Objection_answered_check" CHECK ("state" = 'OPEN' OR ("answer" IS NOT NULL AND "answeredById" IS NOT NULL AND "answeredAt" IS NOT NULL))
);
CREATE INDEX "Objection_batchId_state_idx" ON "Objection"("batchId", "state");
ALTER TABLE "Objection" ADD CONSTRAINT "Objection_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "PublicityBatch"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Objection" ADD CONSTRAINT "Objection_filedById_fkey" FOREIGN KEY ("filedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Objection" ADD CONSTRAINT "Objection_answeredById_fkey" FOREIGN KEY ("answeredById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- ───────────── audit ─────────────
CREATE TABLE "AuditLog" (
  "id" BIGSERIAL NOT NULL,
  "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "actorUserId" TEXT,
  "actorRole" "Role",
  "schoolId" TEXT,
  "ip" TEXT,
  "action" TEXT NOT NULL,
  "targetType" TEXT,
  "targetId" TEXT,
  "detail" JSONB,
  CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "AuditLog_schoolId_at_idx" ON "AuditLog"("schoolId", "at");
CREATE INDEX "AuditLog_actorUserId_at_idx" ON "AuditLog"("actorUserId", "at");
ALTER TABLE "AuditLog" ADD CONSTRAINT "AuditLog_actorUserId_fkey" FOREIGN KEY ("actorUserId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
CREATE TRIGGER "AuditLog_append_only" BEFORE UPDATE OR DELETE ON "AuditLog" FOR EACH ROW EXECUTE FUNCTION refuse_change();
