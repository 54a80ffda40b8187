import type { FieldSpec } from "@/components/ui/action-form";

/** The password an applicant sets when activating or registering an account, typed twice. */
export const SET_PASSWORD_FIELDS: FieldSpec[] = [
  {
    name: "password",
    label: "设置密码",
    type: "password",
    autoComplete: "new-password",
    hint: "至少8位，须同时包含字母和数字",
    maxLength: 128,
  },
  {
    name: "confirm",
    label: "确认密码",
    type: "password",
    autoComplete: "new-password",
    maxLength: 128,
  },
];
