/**
 * Free text with control characters (NUL cannot even be stored by PostgreSQL)
 * is refused by the staff forms' schemas with a Chinese message naming the
 * field — found by the staff fuzz test: a NUL in 调整理由 reached the database.
 */
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { objectionSchema, setLevelSchema, stepSchema, unlockSchema } from "@/lib/schemas/determination";
import { noAidSchema } from "@/lib/schemas/no-aid";
import { classSchema } from "@/lib/schemas/school-admin";
import { returnSchema } from "@/lib/schemas/teacher";
import { isPrintable } from "@/lib/schemas/text";

const ID = "cmwu0y5u7000nhr7d7y1tq3i5";

function messageFor(schema: z.ZodType, input: unknown, field: string): string | undefined {
  const r = schema.safeParse(input);
  return r.success ? undefined : r.error.issues.find((i) => i.path[0] === field)?.message;
}

describe("free text refuses control characters with the field's name", () => {
  const cases: [string, z.ZodType, (bad: string) => unknown, string, string][] = [
    [
      "认定调整理由",
      setLevelSchema,
      (bad) => ({ applicationId: ID, version: "1", level: "SPECIAL", reason: bad }),
      "reason",
      "调整理由",
    ],
    [
      "审核环节小组成员",
      stepSchema,
      (bad) => ({ kind: "SCHOOL_COMMITTEE", gradeId: "", members: bad, comment: "同意" }),
      "members",
      "小组成员",
    ],
    [
      "异议内容",
      objectionSchema,
      (bad) => ({ batchId: ID, content: `这个名单有问题${bad}` }),
      "content",
      "异议内容",
    ],
    [
      "名册解锁原因",
      unlockSchema,
      (bad) => ({ rosterId: ID, reason: `需要补录${bad}` }),
      "reason",
      "解锁原因",
    ],
    [
      "未资助原因说明",
      noAidSchema,
      (bad) => ({ studentId: ID, reason: "OTHER", detail: bad }),
      "detail",
      "说明",
    ],
    ["班级名称", classSchema, (bad) => ({ gradeId: ID, name: `3${bad}班` }), "name", "班级名称"],
    [
      "退回原因",
      returnSchema,
      (bad) => ({ applicationId: ID, version: "1", reason: `请补充收入证明${bad}`, deadline: "" }),
      "reason",
      "退回",
    ],
  ];
  for (const [what, schema, input, field, label] of cases) {
    it(`${what}: NUL and a bidi override are refused, ordinary text with line breaks is not`, () => {
      for (const bad of ["abc\u0000def", "abc\u202edef"])
        expect(messageFor(schema, input(bad), field)).toContain("控制字符");
      expect(messageFor(schema, input(bad0()), field) ?? "").not.toContain("控制字符");
      expect(messageFor(schema, input("abc\u0000def"), field)).toContain(label);
    });
  }

  it("isPrintable allows Chinese, tabs and line breaks", () => {
    expect(isPrintable("家庭\t困难\n情况\r\n说明")).toBe(true);
    expect(isPrintable("a\u0007b")).toBe(false);
  });
});

/** Ordinary text of the same shape (so only the control character differs). */
function bad0(): string {
  return "abc\ndef";
}
