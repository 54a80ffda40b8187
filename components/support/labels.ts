import { STAGE_LABELS, type Stage } from "@/lib/domain/codes";
import { subcategoryLabel, SUPPORT_CATEGORY_LABELS, type SupportCategory } from "@/lib/domain/support";

/** "技术类问题 · 系统漏洞" */
export function categoryText(category: SupportCategory, subcategory: string | null): string {
  const sub = subcategoryLabel(category, subcategory);
  return sub ? `${SUPPORT_CATEGORY_LABELS[category]} · ${sub}` : SUPPORT_CATEGORY_LABELS[category];
}

export const stageText = (stage: Stage | null) => (stage ? STAGE_LABELS[stage] : "全学段");
