import { describe, expect, it } from "vitest";
import { normaliseName, sameName } from "@/lib/domain/person-name";

describe("sameName", () => {
  it("treats spacing, full-width forms and middle-dot variants as the same name", () => {
    expect(sameName("阿依古丽·买买提", "阿依古丽•买买提")).toBe(true);
    expect(sameName("阿依古丽.买买提", "阿依古丽・买买提")).toBe(true);
    expect(sameName(" 王 芳 ", "王芳")).toBe(true);
    expect(sameName("ＬＩ Ｍｉｎｇ", "LIMing")).toBe(true);
  });
  it("folds every middle-dot variant, full stop and full-width full stop to one dot", () => {
    for (const dot of ["·", "•", "・", "‧", "∙", "．", ".", "。"])
      expect(normaliseName(`阿依古丽${dot}买买提`)).toBe("阿依古丽·买买提");
    expect(normaliseName(" 阿依古丽 . 买买提\t")).toBe("阿依古丽·买买提");
    expect(normaliseName("ＬＩ　Ｍｉｎｇ")).toBe("LIMing");
  });
  it("flags another character or a missing one", () => {
    expect(sameName("王芳", "王方")).toBe(false);
    expect(sameName("王小芳", "王芳")).toBe(false);
    expect(sameName("张三", "李四")).toBe(false);
  });
});
