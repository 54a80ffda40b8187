import Link from "next/link";
import { FeeWaiverListDetail } from "@/components/console/fee-waiver/fee-waiver-list-detail";
import { linkCls } from "@/components/determination/styles";
import { ErrorPanel } from "@/components/ui/error-panel";
import { requirePageAccess } from "@/lib/auth/access";
import { editRefusal } from "@/lib/domain/fee-waiver-list";
import { loadFeeWaiverList } from "@/lib/services/fee-waiver-list";
import { removeFeeWaiverEntryAction, schoolReviewAction } from "../actions";

export const metadata = { title: "免学杂费名单" };

/** One of the school's 普高 免学杂费 lists: 移出 (aid officer, while editable), 学校审核 (leader), history. */
export default async function SchoolFeeWaiverListPage({ params }: { params: Promise<{ listId: string }> }) {
  const { user } = await requirePageAccess("fee_waiver_list.view");
  const { listId } = await params;
  const result = await loadFeeWaiverList(user, listId);
  if (!result.ok) return <ErrorPanel code="404" title="未找到" message={result.message} />;
  const { list, actor } = result.data;
  const editable = actor.role === "SCHOOL_ADMIN" && editRefusal(list.state) === null;
  const reviewable = actor.role === "SCHOOL_LEADER" && list.state.schoolReview === "PENDING";
  return (
    <>
      <Link className={`${linkCls} text-sm`} href="/console/rosters/fee-waiver">
        返回免学杂费名单
      </Link>
      <FeeWaiverListDetail
        detail={result.data}
        removeAction={
          editable ? (entryId) => removeFeeWaiverEntryAction.bind(null, list.id, entryId) : undefined
        }
        reviewAction={reviewable ? schoolReviewAction.bind(null, list.id) : undefined}
        reviewTitle="学校审核"
      />
    </>
  );
}
