/**
 * The white panel with a thin ring that holds each block of a page. The
 * console draws it with rounded-lg corners, the applicants' portal with
 * rounded-xl, the determination pages with a border (`tone`). `padding` is p-4 unless told; `className` adds spacing
 * and text classes. `as` keeps the element the content needs (a section with
 * its aria-label, a fieldset, details, a list).
 */
import { createElement, type HTMLAttributes, type ReactNode } from "react";
import { cx } from "./class-names";

type CardElement =
  "section" | "div" | "article" | "fieldset" | "details" | "p" | "ol" | "ul" | "li" | "dl" | "nav" | "label";

export const CARD_TONES = {
  console: "rounded-lg bg-white ring-1 ring-slate-200",
  portal: "rounded-xl bg-white ring-1 ring-slate-200",
  /** The determination pages' panels: a border instead of a ring. */
  bordered: "rounded-lg border border-slate-200 bg-white",
} as const;

const PADDING = { none: "", sm: "p-3", md: "p-4" } as const;

export function Card({
  as = "section",
  tone = "console",
  padding = "md",
  className,
  children,
  ...rest
}: {
  as?: CardElement;
  tone?: keyof typeof CARD_TONES;
  padding?: keyof typeof PADDING;
  className?: string;
  children?: ReactNode;
  /** For `as="fieldset"`. */
  disabled?: boolean;
  /** For `as="label"`. */
  htmlFor?: string;
} & HTMLAttributes<HTMLElement> & { [dataAttribute: `data-${string}`]: string | undefined }) {
  return createElement(
    as,
    { ...rest, className: cx(CARD_TONES[tone], PADDING[padding], className) },
    children,
  );
}
