import Link from "next/link";
import { PUBLICITY_PHASE_LABELS } from "@/lib/domain/codes";
import type { SessionUser } from "@/lib/auth/session";
import { formatBeijingDate } from "@/lib/domain/time";
import { communityPublicity } from "@/lib/services/publicity";
import { Card } from "@/components/ui/card";

/** The school's current publicity (公示), linked from every community member's home page. */
export async function CommunityPublicity({ user }: { user: SessionUser }) {
  const batches = await communityPublicity(user);
  return (
    <Card tone="portal" aria-labelledby="community-publicity">
      <h2 id="community-publicity" className="font-semibold">
        本校公示
      </h2>
      {batches.length === 0 ? (
        <p className="mt-1 text-sm text-slate-600">本学期暂无公示。</p>
      ) : (
        <ul className="mt-1 space-y-2">
          {batches.map((b) => (
            <li key={b.id} className="text-sm">
              <Link href={`/publicity/${b.id}`} className="text-brand-700 underline">
                {b.title}
              </Link>
              <span className="ml-2 text-xs text-slate-600">
                {b.school.name} · {PUBLICITY_PHASE_LABELS[b.phase]} · {formatBeijingDate(b.startDate)} 至{" "}
                {formatBeijingDate(b.endDate)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
