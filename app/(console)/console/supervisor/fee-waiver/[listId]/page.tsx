import Link from "next/link";
import { FeeWaiverListDetail } from "@/components/console/fee-waiver/fee-waiver-list-detail";
import { linkCls } from "@/components/determination/styles";
import { ErrorPanel } from "@/components/ui/error-panel";
import { requirePageAccess } from "@/lib/auth/access";
import { loadFeeWaiverList } from "@/lib/services/fee-waiver-list";
import { supervisorReviewAction } from "../actions";

export const metadata = { title: "免学杂费名单审核" };

/** One 普高 免学杂费 list of the subtree: 主管部门审核 by the school's own region, history. */
export default async function SupervisorFeeWaiverListPage({
  params,
}: {
  params: Promise<{ listId: string }>;
}) {
  const { user } = await requirePageAccess("fee_waiver_list.view");
  const { listId } = await params;
  const result = await loadFeeWaiverList(user, listId);
  if (!result.ok) return <ErrorPanel code="404" title="未找到" message={result.message} />;
  const { list, actor } = result.data;
  const reviewable =
    actor.role === "SUPERVISOR" &&
    actor.relation === "DIRECT" &&
    list.state.schoolReview === "PASSED" &&
    list.state.supervisorReview === "PENDING";
  return (
    <>
      <Link className={`${linkCls} text-sm`} href="/console/supervisor/fee-waiver">
        返回名单审核
      </Link>
      <FeeWaiverListDetail
        detail={result.data}
        reviewAction={reviewable ? supervisorReviewAction.bind(null, list.id) : undefined}
        reviewTitle="主管部门审核"
      >
        {actor.role === "SUPERVISOR" && actor.relation !== "DIRECT" ? (
          <p className="text-sm text-slate-600">此名单由学校所属主管部门审核，您可以查看。</p>
        ) : null}
      </FeeWaiverListDetail>
    </>
  );
}
