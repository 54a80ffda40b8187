/**
 * The audit chain walker (lib/domain/audit-chain.ts) on hand-built chains:
 * purge gaps (adjacent, at the start, at the end) are followed; a hole no gap
 * explains, an altered entry and a head that does not match are reported.
 */
import { describe, expect, it } from "vitest";
import {
  chainHash,
  ChainWalker,
  GENESIS_HASH,
  type ChainEntry,
  type ChainGap,
} from "@/lib/domain/audit-chain";

function chain(n: number): ChainEntry[] {
  const out: ChainEntry[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const content = JSON.stringify([i, i + 100, `action ${i}`]);
    prev = chainHash(prev, content);
    out.push({ seq: BigInt(i), id: BigInt(i + 100), hash: prev, content });
  }
  return out;
}
const gapOf = (entries: ChainEntry[], from: number, to: number): ChainGap => ({
  fromSeq: BigInt(from),
  toSeq: BigInt(to),
  lastHash: entries[to - 1]!.hash,
});
function walk(entries: ChainEntry[], gaps: ChainGap[], head = { seq: 10n, hash: chain(10)[9]!.hash }) {
  const w = new ChainWalker(gaps);
  for (const e of entries) if (!w.next(e)) break;
  return { problem: w.finish(head), verified: w.verified, purged: w.purged };
}

describe("audit chain walker", () => {
  const all = chain(10);

  it("accepts a clean chain", () => {
    expect(walk(all, [])).toEqual({ problem: null, verified: 10, purged: 0n });
  });

  it("follows purge gaps: a prefix in two adjacent runs, one in the middle, one at the end", () => {
    const kept = all.filter((e) => ![1, 2, 3, 4, 6, 9, 10].includes(Number(e.seq)));
    const gaps = [gapOf(all, 1, 2), gapOf(all, 3, 4), gapOf(all, 6, 6), gapOf(all, 9, 10)];
    expect(walk(kept, gaps)).toEqual({ problem: null, verified: 3, purged: 7n });
  });

  it("reports a hole no gap explains, with the ids around it", () => {
    const kept = all.filter((e) => e.seq !== 5n && e.seq !== 6n);
    expect(walk(kept, []).problem).toMatchObject({ kind: "missing", fromSeq: 5n, toSeq: 6n, beforeId: 107n });
    expect(walk(kept, []).problem!.message).toMatch(
      /entries #5–#6 .* after entry id 104 before entry id 107/,
    );
  });

  it("reports a gap record that does not cover the whole hole", () => {
    const kept = all.filter((e) => ![5, 6, 7].includes(Number(e.seq)));
    expect(walk(kept, [gapOf(all, 5, 6)]).problem).toMatchObject({ kind: "missing", fromSeq: 7n, toSeq: 7n });
  });

  it("reports an altered entry by id, and a wrong gap hash at the entry after it", () => {
    const altered = all.map((e) => (e.seq === 4n ? { ...e, content: e.content.replace("4", "5") } : e));
    expect(walk(altered, []).problem).toMatchObject({ kind: "altered", id: 104n });
    const kept = all.filter((e) => e.seq !== 3n);
    expect(walk(kept, [{ fromSeq: 3n, toSeq: 3n, lastHash: "0".repeat(64) }]).problem).toMatchObject({
      kind: "altered",
      id: 104n,
    });
  });

  it("reports newest entries removed, and a head that does not match", () => {
    expect(walk(all.slice(0, 8), []).problem).toMatchObject({
      kind: "missing",
      fromSeq: 9n,
      toSeq: 10n,
      beforeId: null,
    });
    expect(walk(all, [], { seq: 10n, hash: "f".repeat(64) }).problem).toMatchObject({ kind: "altered" });
  });
});
