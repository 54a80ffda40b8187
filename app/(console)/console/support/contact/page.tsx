import { Notice } from "@/components/teacher/notice";
import { Field, TextInput } from "@/components/ui/form";
import { ServerForm } from "@/components/ui/server-form";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { TitledSection } from "@/components/ui/titled-section";
import { requirePageAccess } from "@/lib/auth/access";
import { FILING_STATUS_LABELS, filingDueDay } from "@/lib/domain/support-records";
import { loadFilingPage } from "@/lib/services/support-records";
import { fileContactAction } from "./actions";

export const metadata = { title: "技术支持服务备案" };

const beijingTime = (at: Date) =>
  new Intl.DateTimeFormat("zh-CN", {
    timeZone: "Asia/Shanghai",
    dateStyle: "medium",
    timeStyle: "short",
  }).format(at);

export default async function SupportContactPage() {
  const { user } = await requirePageAccess("support_contact.overview");
  const r = await loadFilingPage(user);
  if (!r.ok) return <Notice kind="error">{r.message}</Notice>;
  const { year, own, cities, status } = r.data;
  const missing = cities.filter((city) => city.status !== "FILED");
  return (
    <>
      <h1 className="text-xl font-semibold">技术支持服务备案</h1>
      <p className="text-sm text-slate-600">
        各市每年9月报送本市受理电话、受理邮箱和负责受理的专人（{year}年截止 {filingDueDay(year)}
        ，北京时间）。报送后，本市区县和学校在“问题反馈”页面可以看到。
      </p>
      {own ? (
        <TitledSection
          id="own-filing-heading"
          title={`${own.cityName}${year}年备案（${FILING_STATUS_LABELS[status]}）`}
        >
          <ServerForm action={fileContactAction} submitLabel={own.filing ? "更新备案" : "报送备案"}>
            <Field id="contact-phone" label="受理电话" required hint="如 020-12345678">
              <TextInput
                id="contact-phone"
                name="phone"
                maxLength={40}
                defaultValue={own.filing?.phone}
                aria-required="true"
                autoComplete="tel"
              />
            </Field>
            <Field id="contact-mailbox" label="受理邮箱" required>
              <TextInput
                id="contact-mailbox"
                name="mailbox"
                type="email"
                maxLength={100}
                defaultValue={own.filing?.mailbox}
                aria-required="true"
                autoComplete="email"
              />
            </Field>
            <Field id="contact-staff" label="负责人员" required hint="姓名，多人用顿号分隔">
              <TextInput
                id="contact-staff"
                name="staffNames"
                maxLength={200}
                defaultValue={own.filing?.staffNames}
                aria-required="true"
              />
            </Field>
          </ServerForm>
        </TitledSection>
      ) : null}
      {cities.length > 0 ? (
        <TitledSection id="cities-heading" title={`各市${year}年备案情况`}>
          <p className="text-sm" data-testid="missing-count">
            {missing.length === 0 ? "各市均已备案。" : `${missing.length}个市尚未备案。`}
          </p>
          <DataTable columns={["市", "状态", "报送时间"]}>
            {cities.map((city) => (
              <Tr key={city.cityId}>
                <Td>{city.cityName}</Td>
                <Td className={city.status === "OVERDUE" ? "font-bold text-red-700" : undefined}>
                  {city.status === "OVERDUE" ? "⚠ " : ""}
                  {FILING_STATUS_LABELS[city.status]}
                </Td>
                <Td>{city.filedAt ? beijingTime(city.filedAt) : "—"}</Td>
              </Tr>
            ))}
          </DataTable>
        </TitledSection>
      ) : own ? null : (
        <p className="text-sm text-slate-600">本辖区没有地市。备案由地市主管部门报送。</p>
      )}
    </>
  );
}
