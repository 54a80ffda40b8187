import { inputCls } from "@/components/ui/form-styles";
import { STAGE_LABELS, STAGES, type Stage } from "@/lib/domain/codes";

/** The 学段 select of the support queue and progress list (a GET form field named "stage"). */
export function StageFilter({ value }: { value: Stage | undefined }) {
  return (
    <label className="text-sm">
      <span className="block text-slate-600">学段</span>
      <select name="stage" defaultValue={value ?? ""} className={inputCls}>
        <option value="">全部</option>
        {STAGES.map((stage) => (
          <option key={stage} value={stage}>
            {STAGE_LABELS[stage]}
          </option>
        ))}
      </select>
    </label>
  );
}
