import { AccountRequestForm } from "@/components/supervisor/account-request-form";
import { OwnAccountRequestsSection } from "@/components/supervisor/account-request-list";
import { Card } from "@/components/ui/card";
import { requirePageAccess } from "@/lib/auth/access";
import { ownAccountRequests } from "@/lib/services/account-requests";
import { fileSchoolRequestAction } from "./actions";

export const metadata = { title: "用户申请" };

/** The school asks its county for another aid officer's account and sees the outcome. */
export default async function SchoolAccountRequestsPage() {
  const { user } = await requirePageAccess("account_request.view_own");
  const own = await ownAccountRequests(user);
  return (
    <>
      <h1 className="text-xl font-semibold">用户申请</h1>
      <Card aria-labelledby="file-heading" className="space-y-3">
        <h2 id="file-heading" className="font-semibold">
          申请学校资助管理员账号
        </h2>
        <p className="text-sm text-slate-600">由区县主管部门审批；同意后由区县开设账号并转交初始密码。</p>
        <AccountRequestForm action={fileSchoolRequestAction} withDuty={false} />
      </Card>
      <OwnAccountRequestsSection heading="本校提交的申请" own={own} />
    </>
  );
}
