-- 资助档案 (lib/db/student-archive.repo.ts): a person's file is read by enrolment, across schools. The person is
-- found by the ID number's blind index ("Person"."idNumberHash", unique) and their enrolments by
-- "Student_personId_idx"; roster entries by "RosterEntry_studentId_idx". A student's payment history had only an
-- index leading with the roster: this one reads it by enrolment, in time order.
CREATE INDEX "RosterPayment_studentId_at_idx" ON "RosterPayment"("studentId", "at");
