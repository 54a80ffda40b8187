import { Card } from "@/components/ui/card";
import type { SessionUser } from "@/lib/domain/session-user";
import { loadCityContact } from "@/lib/services/support-records";

/**
 * The caller's city's support contact (技术支持服务备案, seed 001 第七条) on the support pages: phone, mailbox
 * and the staff who answer. Nothing for a user above city level or without the permission.
 */
export async function CityContact({ user }: { user: SessionUser }) {
  const r = await loadCityContact(user);
  if (!r.ok || !r.data) return null;
  const { cityName, filing, currentYear } = r.data;
  return (
    <Card as="section" aria-label={`${cityName}技术支持联系方式`}>
      <h2 className="text-sm font-semibold">{cityName}技术支持受理</h2>
      {filing ? (
        <dl className="mt-1 grid gap-1 text-sm sm:grid-cols-3">
          <div>
            <dt className="text-slate-500">受理电话</dt>
            <dd>{filing.phone}</dd>
          </div>
          <div>
            <dt className="text-slate-500">受理邮箱</dt>
            <dd>{filing.mailbox}</dd>
          </div>
          <div>
            <dt className="text-slate-500">负责人员</dt>
            <dd>{filing.staffNames}</dd>
          </div>
        </dl>
      ) : (
        <p className="mt-1 text-sm text-slate-600">本市尚未报送技术支持受理电话和邮箱。</p>
      )}
      {filing && !currentYear ? (
        <p className="mt-1 text-xs text-slate-500">以上为{filing.year}年备案信息，本年度尚未更新。</p>
      ) : null}
    </Card>
  );
}
