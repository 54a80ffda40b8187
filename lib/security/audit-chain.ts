/**
 * `npm run audit:verify`: walks the whole audit chain (migration 140) and
 * reports the first altered or missing entry (lib/domain/audit-chain.ts).
 */
import "server-only";
import { withAuditChainSnapshot } from "@/lib/db/audit-chain.repo";
import { ChainWalker, type ChainHead, type ChainProblem } from "@/lib/domain/audit-chain";

export type ChainReport = {
  ok: boolean;
  /** Entries whose hash was checked. */
  verified: number;
  /** Entries removed by the retention purge (covered by gap records). */
  purged: bigint;
  head: ChainHead;
  problem: ChainProblem | null;
};

export async function verifyAuditChain(ownerUrl: string): Promise<ChainReport> {
  return withAuditChainSnapshot(ownerUrl, async (snapshot) => {
    const walker = new ChainWalker(snapshot.gaps);
    outer: for await (const batch of snapshot.entries()) {
      for (const e of batch) if (!walker.next(e)) break outer;
    }
    const problem = walker.finish(snapshot.head);
    return {
      ok: problem === null,
      verified: walker.verified,
      purged: walker.purged,
      head: snapshot.head,
      problem,
    };
  });
}
