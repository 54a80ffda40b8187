/**
 * Walking the audit log's hash chain (migration 140): entry n's hash is
 * sha256(hash of entry n-1 + "\n" + entry n's canonical content), entry 1
 * chains from 64 zeros. Entries removed by the retention purge are covered by
 * gap records (their last hash lets the chain resume). Reports the first
 * entry that was altered, the first run of entries that went missing, and
 * newest entries removed (the chain head no longer matches).
 */
import { createHash } from "node:crypto";

export const GENESIS_HASH = "0".repeat(64);

export type ChainEntry = { seq: bigint; id: bigint; hash: string; content: string };
export type ChainGap = { fromSeq: bigint; toSeq: bigint; lastHash: string };
export type ChainHead = { seq: bigint; hash: string };

export type ChainProblem =
  | { kind: "altered"; seq: bigint; id: bigint; message: string }
  | { kind: "missing"; fromSeq: bigint; toSeq: bigint; beforeId: bigint | null; message: string };

export function chainHash(prevHash: string, content: string): string {
  return createHash("sha256").update(`${prevHash}\n${content}`, "utf8").digest("hex");
}

/** Feed entries in chainSeq order with `next`; `finish` with the chain head. Stops at the first problem. */
export class ChainWalker {
  private expected = 1n;
  private prev = GENESIS_HASH;
  private lastId: bigint | null = null;
  private readonly gaps: Map<bigint, ChainGap>;
  problem: ChainProblem | null = null;
  verified = 0;
  purged = 0n;

  constructor(gaps: ChainGap[]) {
    this.gaps = new Map(gaps.map((g) => [g.fromSeq, g]));
  }

  /** Skips purged runs that start at the expected position and end before `limit`. */
  private skipGaps(limit: bigint | null) {
    for (;;) {
      const gap = this.gaps.get(this.expected);
      if (!gap || (limit !== null && gap.toSeq >= limit)) return;
      this.prev = gap.lastHash;
      this.purged += gap.toSeq - gap.fromSeq + 1n;
      this.expected = gap.toSeq + 1n;
    }
  }

  private missing(toSeq: bigint, beforeId: bigint | null): ChainProblem {
    const after = this.lastId === null ? "" : ` after entry id ${this.lastId}`;
    const before = beforeId === null ? " (the newest entries)" : ` before entry id ${beforeId}`;
    const which = this.expected === toSeq ? `entry #${this.expected}` : `entries #${this.expected}–#${toSeq}`;
    return {
      kind: "missing",
      fromSeq: this.expected,
      toSeq,
      beforeId,
      message: `${which} of the chain ${this.expected === toSeq ? "is" : "are"} missing${after}${before}: removed outside the retention purge`,
    };
  }

  /** Returns false once a problem was found. */
  next(e: ChainEntry): boolean {
    if (this.problem) return false;
    this.skipGaps(e.seq);
    if (e.seq > this.expected) {
      this.problem = this.missing(e.seq - 1n, e.id);
      return false;
    }
    const want = chainHash(this.prev, e.content);
    if (e.seq < this.expected || want !== e.hash) {
      this.problem = {
        kind: "altered",
        seq: e.seq,
        id: e.id,
        message: `entry id ${e.id} (#${e.seq}) was altered, or its hash rewritten: its hash does not match its content and the entry before it`,
      };
      return false;
    }
    this.prev = e.hash;
    this.lastId = e.id;
    this.expected = e.seq + 1n;
    this.verified++;
    return true;
  }

  finish(head: ChainHead): ChainProblem | null {
    if (this.problem) return this.problem;
    this.skipGaps(null);
    if (head.seq >= this.expected) this.problem = this.missing(head.seq, null);
    else if (head.seq !== this.expected - 1n || head.hash !== this.prev)
      this.problem = {
        kind: "altered",
        seq: head.seq,
        id: this.lastId ?? 0n,
        message: `the chain head (#${head.seq}) does not match the last entry: the chain was rewritten`,
      };
    return this.problem;
  }
}
