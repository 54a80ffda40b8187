"use server";

import { formAction } from "@/lib/forms/action";
import type { FormState } from "@/lib/forms/state";
import { contactFilingSchema } from "@/lib/schemas/support-records";
import { fileCityContact } from "@/lib/services/support-records";

export async function fileContactAction(_prev: FormState, form: FormData) {
  return formAction({
    access: "support_contact.file",
    form,
    schema: contactFilingSchema,
    run: (user, input) => fileCityContact(user, input),
    revalidate: [{ layout: "/console/support" }],
    success: "已报送本年度技术支持服务备案，本市区县和学校在问题反馈页可看到。",
  });
}
