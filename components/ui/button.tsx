/**
 * Buttons of the console pages, and links drawn as buttons (downloads, which must stay plain <a> for
 * route handlers). `primary` is the brand-coloured main action, `secondary` the white one with a ring;
 * `small` makes a secondary button fit beside a search field.
 */
import type { AnchorHTMLAttributes, ButtonHTMLAttributes } from "react";
import { cx } from "./class-names";

const VARIANTS = {
  primary:
    "rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60",
  secondary: "rounded-md bg-white px-3 py-2 ring-1 ring-slate-300 hover:bg-slate-50",
  small: "rounded-md bg-white px-3 py-1.5 ring-1 ring-slate-300 hover:bg-slate-50",
} as const;

export type ButtonVariant = keyof typeof VARIANTS;

export function Button({
  variant = "primary",
  className,
  type = "button",
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant }) {
  return <button type={type} {...props} className={cx(VARIANTS[variant], className)} />;
}

export function LinkButton({
  variant = "primary",
  className,
  ...props
}: AnchorHTMLAttributes<HTMLAnchorElement> & { variant?: ButtonVariant; href: string }) {
  return <a {...props} className={cx("inline-block", VARIANTS[variant], className)} />;
}
