import { describe, expect, it } from "vitest";
import { readAhead } from "@/lib/xlsx/read-ahead";

async function* numbers(count: number, log: number[], failAt = -1) {
  for (let index = 0; index < count; index++) {
    if (index === failAt) throw new Error(`bad row ${index}`);
    log.push(index);
    yield index;
  }
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("readAhead", () => {
  it("passes every item in order and reads ahead while the consumer waits, never more than the limit", async () => {
    const produced: number[] = [];
    const seen: number[] = [];
    for await (const value of readAhead(numbers(50, produced), 10)) {
      if (value === 0) {
        await tick();
        // The consumer is busy with the first item: the source went on, up to the limit.
        expect(produced.length).toBeGreaterThan(1);
        expect(produced.length).toBeLessThanOrEqual(11);
      }
      seen.push(value);
    }
    expect(seen).toEqual(Array.from({ length: 50 }, (_, index) => index));
  });

  it("passes the source's error on after the items before it", async () => {
    const seen: number[] = [];
    await expect(async () => {
      for await (const value of readAhead(numbers(20, [], 7), 4)) seen.push(value);
    }).rejects.toThrow("bad row 7");
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it("closes the source when the consumer stops early", async () => {
    let closed = false;
    async function* source() {
      try {
        for (let index = 0; ; index++) yield index;
      } finally {
        closed = true;
      }
    }
    for await (const value of readAhead(source(), 3)) if (value === 2) break;
    await tick();
    expect(closed).toBe(true);
  });
});
