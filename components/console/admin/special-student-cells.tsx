import { Td } from "@/components/ui/table";
import {
  APPLICATION_STATE_LABELS,
  SPECIAL_CATEGORY_LABELS,
  type ApplicationState,
  type SpecialCategory,
} from "@/lib/domain/codes";

/** The columns both special-group lists open with (admin/special-groups, determination/no-aid-reasons). */
type SpecialStudent = {
  name: string;
  gradeName: string;
  className: string;
  idNumberMasked: string;
  categories: { category: SpecialCategory }[];
};

/** The student's name, with grade, class and masked ID number below it. */
export function SpecialStudentCell({ student }: { student: SpecialStudent }) {
  return (
    <Td>
      {student.name}
      <div className="text-xs text-slate-500">
        {student.gradeName}
        {student.className} · {student.idNumberMasked}
      </div>
    </Td>
  );
}

/** The student's special categories, each named once, joined with "、". */
export const specialCategoryNames = (student: SpecialStudent) =>
  [...new Set(student.categories.map((entry) => SPECIAL_CATEGORY_LABELS[entry.category]))].join("、");

/** This term's application state, or 未申请. */
export function ApplicationStateCell({ application }: { application: { state: string } | null }) {
  return <Td>{application ? APPLICATION_STATE_LABELS[application.state as ApplicationState] : "未申请"}</Td>;
}
