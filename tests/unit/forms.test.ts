/** The form pipeline's pure parts (lib/forms, lib/domain/result.ts): reading fields, field errors, codes. */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { fail, FAILURE_CODES, FAILURE_STATUS } from "@/lib/domain/result";
import { fieldErrorsOf, parseInput } from "@/lib/forms/field-errors";
import { echoValues, formFields, readForm } from "@/lib/forms/read";

const form = (entries: [string, string | Blob][]) => {
  const data = new FormData();
  for (const [name, value] of entries) data.append(name, value);
  return data;
};

describe("readForm", () => {
  const schema = z.object({
    name: z.string().trim().min(1, "请填写姓名"),
    programmeIds: z.array(z.string()).min(1, "请至少选择一项"),
    note: z.string().optional(),
  });

  it("reads text fields once, array fields of the schema as every value, and leaves files out", () => {
    const read = readForm(
      form([
        ["name", " 张三 "],
        ["programmeIds", "a"],
        ["programmeIds", "b"],
        ["note", new Blob(["x"])],
      ]),
      schema,
    );
    expect(read).toEqual({ ok: true, data: { name: "张三", programmeIds: ["a", "b"] } });
  });

  it("reads one checked box as a one-element array, none as an empty one", () => {
    expect(
      readForm(
        form([
          ["name", "x"],
          ["programmeIds", "a"],
        ]),
        schema,
      ),
    ).toMatchObject({
      ok: true,
      data: { programmeIds: ["a"] },
    });
    expect(readForm(form([["name", "x"]]), schema)).toMatchObject({
      ok: false,
      code: "INVALID",
      fieldErrors: { programmeIds: "请至少选择一项" },
    });
  });

  it("reads array fields through optional and default wrappers", () => {
    const wrapped = z.object({ ids: z.array(z.string()).optional().default([]) });
    expect(readForm(form([["ids", "a"]]), wrapped)).toEqual({ ok: true, data: { ids: ["a"] } });
  });

  it("answers INVALID with the first message and every field's message", () => {
    const read = readForm(form([["name", ""]]), schema);
    expect(read).toEqual({
      ok: false,
      code: "INVALID",
      message: "请填写姓名",
      fieldErrors: { name: "请填写姓名", programmeIds: "请至少选择一项" },
    });
  });

  it("formFields keeps the first value of a repeated name unless listed", () => {
    expect(
      formFields(
        form([
          ["a", "1"],
          ["a", "2"],
        ]),
      ),
    ).toEqual({ a: "1" });
    expect(
      formFields(
        form([
          ["a", "1"],
          ["a", "2"],
        ]),
        ["a", "b"],
      ),
    ).toEqual({ a: ["1", "2"], b: [] });
  });
});

describe("fieldErrorsOf", () => {
  it("keys messages by dotted path, first message per field, '_' for the whole object", () => {
    const members = z.object({
      members: z.array(z.object({ name: z.string().min(1, "请填写成员姓名").min(2, "太短") })),
    });
    const parsed = members.safeParse({ members: [{ name: "ok" }, { name: "" }] });
    expect(parsed.success || fieldErrorsOf(parsed.error)).toEqual({ "members.1.name": "请填写成员姓名" });
    const whole = members.refine(() => false, "整体有误").safeParse({ members: [] });
    expect(whole.success || fieldErrorsOf(whole.error)).toEqual({ _: "整体有误" });
  });

  it("parseInput gives the typed value or INVALID", () => {
    expect(parseInput(z.coerce.number(), "3")).toEqual({ ok: true, data: 3 });
    expect(parseInput(z.number({ error: "应为数字" }), "x")).toMatchObject({ ok: false, code: "INVALID" });
  });
});

describe("failures carry a code", () => {
  it("fail(code, message, fieldErrors)", () => {
    expect(fail("NOT_FOUND", "未找到")).toEqual({ ok: false, code: "NOT_FOUND", message: "未找到" });
    expect(fail("INVALID", "有误", { a: "x" })).toEqual({
      ok: false,
      code: "INVALID",
      message: "有误",
      fieldErrors: { a: "x" },
    });
  });
  it("every code has an HTTP status", () => {
    for (const code of FAILURE_CODES) expect(FAILURE_STATUS[code]).toBeGreaterThanOrEqual(400);
  });
});

describe("echoValues", () => {
  it("keeps typed text, never a password", () => {
    expect(
      echoValues(
        form([
          ["name", "张三"],
          ["password", "x"],
          ["confirm", "x"],
          ["current", "y"],
          ["f", new Blob()],
        ]),
      ),
    ).toEqual({ name: "张三" });
  });
});
