/**
 * Notification texts and timing (lib/domain/notifications/*): the catalogue's own wordings pass their own
 * checks, a school's wording is checked (unknown placeholder named, length, forbidden content), free text
 * carrying a special group, an income or an ID number is withheld and never goes by SMS, quiet hours hold SMS
 * to 07:00 Beijing time, and retries back off and stop.
 */
import { describe, expect, it } from "vitest";
import {
  NOTIFICATION_CATALOGUE,
  NOTIFICATION_KINDS,
  OPTIONAL_KINDS,
  REMINDER_KINDS,
} from "@/lib/domain/notifications/catalogue";
import {
  checkTemplate,
  forbiddenContentOf,
  renderNotification,
  screenParams,
  smsParams,
  WITHHELD_TEXT,
} from "@/lib/domain/notifications/content";
import { nextSmsAttempt, outsideQuietHours, SMS_MAX_ATTEMPTS } from "@/lib/domain/notifications/delivery";
import fs from "node:fs";

describe("the catalogue", () => {
  it.each(NOTIFICATION_KINDS)("%s: its default wording passes its own check", (kind) => {
    const spec = NOTIFICATION_CATALOGUE[kind];
    expect(checkTemplate(kind, spec.template).ok).toBe(true);
    expect(spec.placeholders).toContain("link");
  });

  it("lists the optional and reminder kinds exactly as migration 600's CHECKs do", () => {
    const sql = fs.readFileSync("prisma/migrations/600.do.notifications.sql", "utf8");
    const optional = /"NotificationUnsubscribe_optional_only" CHECK \("kind" IN \(([^)]*)\)/.exec(sql)![1]!;
    expect([...optional.matchAll(/'(\w+)'/g)].map((m) => m[1]).sort()).toEqual([...OPTIONAL_KINDS].sort());
    const reminder = /"kind" NOT IN \(([^)]*)\)\s*OR "dedupeKey"/.exec(sql)![1]!;
    expect([...reminder.matchAll(/'(\w+)'/g)].map((m) => m[1]).sort()).toEqual([...REMINDER_KINDS].sort());
  });
});

describe("a school's wording", () => {
  it("names an unknown placeholder and lists the allowed ones", () => {
    const result = checkTemplate("APPLICATION_DETERMINED", "{student}的认定等级：{level}，收入{amount}");
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.code).toBe("INVALID");
      expect(result.fieldErrors?.body).toContain("{amount}");
      expect(result.fieldErrors?.body).toContain("{level}");
    }
  });

  it("refuses an empty, too long or unbalanced wording and one naming a special group", () => {
    expect(checkTemplate("APPLICATION_VERIFIED", "  ").ok).toBe(false);
    expect(checkTemplate("APPLICATION_VERIFIED", "字".repeat(121)).ok).toBe(false);
    expect(checkTemplate("APPLICATION_VERIFIED", "{student 已核实").ok).toBe(false);
    const special = checkTemplate("APPLICATION_VERIFIED", "{student}（低保家庭）已核实");
    expect(special.ok).toBe(false);
    if (!special.ok) expect(special.fieldErrors?.body).toContain("低保");
  });

  it("fills the placeholders in", () => {
    expect(
      renderNotification("APPLICATION_DETERMINED", "{student}：{level}", {
        student: "王小明",
        level: "困难",
      }),
    ).toBe("王小明：困难");
  });
});

describe("what a text may carry", () => {
  it("finds ID numbers, incomes and special-group categories", () => {
    expect(forbiddenContentOf("证件 44010620160520103X")).toBe("身份证号");
    expect(forbiddenContentOf("家庭年收入 3 万")).toBe("收入");
    expect(forbiddenContentOf("孤儿")).toBe("孤儿");
    expect(forbiddenContentOf("请补充户口本照片")).toBeNull();
  });

  it("withholds any value that carries them, typed text or a name", () => {
    const screened = screenParams("APPLICATION_RETURNED", {
      student: "王小明",
      reason: "请补充建档立卡证明",
      deadline: "11月27日",
      ignored: "440106201003151012",
    });
    expect(screened).toEqual({ student: "王小明", reason: WITHHELD_TEXT, deadline: "11月27日" });
    expect(
      screenParams("PAYMENT_RECORDED", { student: "王小明", programme: "城乡低保家庭学生补助" }),
    ).toEqual({
      student: "王小明",
      programme: WITHHELD_TEXT,
    });
  });

  it("never puts typed text into an SMS", () => {
    expect(smsParams({ student: "王小明", reason: "请补充照片", deadline: "11月27日" })).toEqual({
      student: "王小明",
      deadline: "11月27日",
    });
  });
});

describe("SMS timing", () => {
  it("holds messages between 22:00 and 07:00 Beijing time to 07:00", () => {
    const at = (iso: string) => outsideQuietHours(new Date(iso)).toISOString();
    expect(at("2026-11-24T13:59:00Z")).toBe("2026-11-24T13:59:00.000Z"); // 21:59
    expect(at("2026-11-24T14:00:00Z")).toBe("2026-11-24T23:00:00.000Z"); // 22:00 → 07:00 next day
    expect(at("2026-11-24T18:30:00Z")).toBe("2026-11-24T23:00:00.000Z"); // 02:30 → 07:00 same day
    expect(at("2026-11-24T23:00:00Z")).toBe("2026-11-24T23:00:00.000Z"); // 07:00
  });

  it("backs off after retryable failures and gives up after the last attempt or a final answer", () => {
    const now = new Date("2026-11-24T02:00:00Z"); // 10:00 Beijing
    const first = nextSmsAttempt(now, 1, true)!;
    const second = nextSmsAttempt(now, 2, true)!;
    expect(first.getTime() - now.getTime()).toBe(30_000);
    expect(second.getTime() - now.getTime()).toBeGreaterThan(first.getTime() - now.getTime());
    expect(nextSmsAttempt(now, SMS_MAX_ATTEMPTS, true)).toBeNull();
    expect(nextSmsAttempt(now, 1, false)).toBeNull();
    expect(nextSmsAttempt(new Date("2026-11-24T13:59:50Z"), 1, true)?.toISOString()).toBe(
      "2026-11-24T23:00:00.000Z",
    );
  });
});
