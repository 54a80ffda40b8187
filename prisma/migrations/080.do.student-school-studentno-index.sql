-- The national exports check every row against the school's registry (学籍) by 学籍号,
-- one page of 2,000 学籍号 at a time (issue 8 item 2); without this index each page
-- was a sequential scan of the school's students (the partial unique index on
-- "studentNo" only covers students in school).
CREATE INDEX "Student_schoolId_studentNo_idx" ON "Student"("schoolId", "studentNo");
