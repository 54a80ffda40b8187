/**
 * The shared UI primitives (components/ui) keep their markup accessible: a field's input is named by
 * its label and described by its hint or error, and the table and card pieces keep the element asked for.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Card } from "@/components/ui/card";
import { TextField } from "@/components/ui/form";
import { DataTable, Td, Tr } from "@/components/ui/table";

const html = (element: Parameters<typeof renderToStaticMarkup>[0]) => renderToStaticMarkup(element);

describe("TextField", () => {
  it("labels its input and describes it by the hint when there is no error", () => {
    const out = html(
      createElement(TextField, { id: "actor", label: "操作人", hint: "姓名或用户名", name: "actor" }),
    );
    expect(out).toContain('<label for="actor"');
    expect(out).toMatch(/<input[^>]*id="actor"[^>]*aria-invalid="false"[^>]*aria-describedby="actor-hint"/);
    expect(out).toContain('<p id="actor-hint"');
  });

  it("describes its input by the error instead, marks it invalid and announces the error", () => {
    const out = html(
      createElement(TextField, { id: "age", label: "年龄", hint: "整数", error: "年龄请填写0–130的整数" }),
    );
    expect(out).toMatch(/aria-invalid="true"[^>]*aria-describedby="age-error"/);
    expect(out).toContain(
      '<p id="age-error" class="text-sm text-red-600" role="alert">年龄请填写0–130的整数</p>',
    );
    expect(out).not.toContain("age-hint");
  });

  it("a required field is aria-required and its mark is not part of the label", () => {
    const out = html(createElement(TextField, { id: "income", label: "家庭年总收入（元）", required: true }));
    expect(out).toContain('aria-required="true"');
    expect(out).toMatch(/<label for="income"[^>]*>家庭年总收入（元）<\/label><span aria-hidden="true"/);
  });
});

describe("Card and table pieces", () => {
  it("a card keeps the element and its attributes, with the tone's classes", () => {
    const out = html(
      createElement(Card, { as: "fieldset", tone: "portal", disabled: true, className: "space-y-3" }, "x"),
    );
    expect(out).toMatch(
      /^<fieldset disabled="" class="rounded-xl bg-white ring-1 ring-slate-200 p-4 space-y-3">x<\/fieldset>$/,
    );
  });

  it("a data table heads its columns and renders the rows given", () => {
    const out = html(
      // eslint-disable-next-line react/no-children-prop -- createElement with DataTable's required children prop
      createElement(DataTable, {
        columns: ["姓名", "状态"],
        children: createElement(
          Tr,
          { "data-testid": "row" },
          createElement(Td, null, "张伟"),
          createElement(Td, null, "在读"),
        ),
      }),
    );
    expect(out).toContain('<th class="px-3 py-2">姓名</th><th class="px-3 py-2">状态</th>');
    expect(out).toContain(
      '<tr data-testid="row" class="border-t border-slate-100"><td class="px-3 py-2">张伟</td>',
    );
  });
});
