-- 常见问题 (knowledge base of the support desk, lib/services/support-answers.ts): answers a province keeps
-- (trained topics, known issues), suggested to a filer from the words they type, before filing. Searched by
-- trigram word similarity (pg_trgm: Chinese text is matched on runs of three characters, which needs no word
-- segmentation) on "searchText", which a trigger keeps as title + body.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE "SupportAnswer" (
  "id" TEXT NOT NULL,
  -- the province that keeps it; seen by every user of that province
  "provinceId" TEXT NOT NULL,
  "kind" TEXT NOT NULL,
  "category" "SupportCategory",
  "title" TEXT NOT NULL,
  "body" TEXT NOT NULL,
  "searchText" TEXT NOT NULL DEFAULT '',
  -- the resolved problem it was made from, if any
  "sourceProblemId" TEXT,
  "createdById" TEXT NOT NULL,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "SupportAnswer_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "SupportAnswer_kind_check" CHECK ("kind" IN ('TRAINED', 'KNOWN_ISSUE', 'FAQ')),
  CONSTRAINT "SupportAnswer_text_check" CHECK (length("title") BETWEEN 1 AND 100 AND length("body") BETWEEN 1 AND 4000)
);
CREATE UNIQUE INDEX "SupportAnswer_sourceProblemId_key" ON "SupportAnswer"("sourceProblemId");
-- No index on "provinceId" alone: a province holds most answers, and the planner would prefer it to the trigram
-- index and then compute word_similarity on every answer of the province.
CREATE INDEX "SupportAnswer_searchText_idx" ON "SupportAnswer" USING GIN ("searchText" gin_trgm_ops);
ALTER TABLE "SupportAnswer" ADD CONSTRAINT "SupportAnswer_provinceId_fkey" FOREIGN KEY ("provinceId")
  REFERENCES "Region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "SupportAnswer" ADD CONSTRAINT "SupportAnswer_sourceProblemId_fkey" FOREIGN KEY ("sourceProblemId")
  REFERENCES "SupportProblem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "SupportAnswer" ADD CONSTRAINT "SupportAnswer_createdById_fkey" FOREIGN KEY ("createdById")
  REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE FUNCTION support_answer_search_text() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."searchText" := NEW."title" || ' ' || NEW."body";
  RETURN NEW;
END $$;
CREATE TRIGGER "SupportAnswer_search_text" BEFORE INSERT OR UPDATE OF "title", "body" ON "SupportAnswer"
  FOR EACH ROW EXECUTE FUNCTION support_answer_search_text();
