"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Field, FormMessage, SubmitButton, TextInput } from "@/components/ui/form";
import { useHydrated } from "@/components/ui/use-hydrated";

type Kind = "student" | "parent" | "staff";
const TABS: { kind: Kind; label: string; idLabel: string; placeholder: string }[] = [
  { kind: "student", label: "学生", idLabel: "身份证号或学籍号", placeholder: "18位身份证号 / 学籍号" },
  { kind: "parent", label: "家长", idLabel: "手机号", placeholder: "注册时填写的手机号" },
  { kind: "staff", label: "教职工", idLabel: "用户名", placeholder: "学校分配的用户名" },
];

export function LoginForm() {
  const router = useRouter();
  const [kind, setKind] = useState<Kind>("student");
  const [error, setError] = useState<string | null>(null);
  const hydrated = useHydrated();
  const [pending, setPending] = useState(false);
  const tab = TABS.find((t) => t.kind === kind)!;

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setPending(true);
    setError(null);
    try {
      const res = await signIn("credentials", {
        redirect: false,
        kind,
        identifier: String(form.get("identifier") ?? ""),
        password: String(form.get("password") ?? ""),
      });
      if (!res || res.error) {
        setError(
          res?.error && res.error !== "CredentialsSignin" ? res.error : "账号或密码错误，请核对后重试。",
        );
        return;
      }
      router.replace("/");
      router.refresh();
    } catch {
      setError("网络异常，请检查网络后重试。");
    } finally {
      setPending(false);
    }
  }

  return (
    <form method="post" onSubmit={onSubmit} className="space-y-4" noValidate>
      <div
        role="tablist"
        aria-label="登录身份"
        className="grid grid-cols-3 gap-1 rounded-lg bg-slate-100 p-1"
      >
        {TABS.map((t) => (
          <button
            key={t.kind}
            type="button"
            role="tab"
            aria-selected={kind === t.kind}
            onClick={() => {
              setKind(t.kind);
              setError(null);
            }}
            className={`rounded-md py-2 text-sm ${kind === t.kind ? "bg-white font-medium text-brand-700 shadow-sm" : "text-slate-600"}`}
          >
            {t.label}
          </button>
        ))}
      </div>
      <Field id="login-identifier" label={tab.idLabel}>
        <TextInput
          id="login-identifier"
          name="identifier"
          autoComplete="username"
          placeholder={tab.placeholder}
          required
          maxLength={64}
          key={kind}
        />
      </Field>
      <Field id="login-password" label="密码">
        <TextInput
          id="login-password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          maxLength={128}
        />
      </Field>
      {error ? <FormMessage kind="error">{error}</FormMessage> : null}
      <SubmitButton pending={pending} disabled={!hydrated}>
        登录
      </SubmitButton>
    </form>
  );
}
