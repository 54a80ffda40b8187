import { Field, Select } from "@/components/ui/form";
import { SUPERVISOR_DUTIES, SUPERVISOR_DUTY_LABELS } from "@/lib/domain/codes";

/** The duty of a supervisor account: 业务操作人员 or 业务主管领导. */
export function DutySelect({ id, hint }: { id: string; hint?: string }) {
  return (
    <Field id={id} label="岗位" hint={hint} required>
      <Select id={id} name="duty" defaultValue="" aria-required="true">
        <option value="">请选择</option>
        {SUPERVISOR_DUTIES.map((duty) => (
          <option key={duty} value={duty}>
            {SUPERVISOR_DUTY_LABELS[duty]}
          </option>
        ))}
      </Select>
    </Field>
  );
}
