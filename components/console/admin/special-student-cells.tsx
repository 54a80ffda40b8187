import Link from "next/link";
import type { ReactNode } from "react";
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

/** The row a special-group list shows when it has no student. */
export function EmptyListRow({
  colSpan,
  className,
  children,
}: {
  colSpan: number;
  className: string;
  children: ReactNode;
}) {
  return (
    <tr>
      <td colSpan={colSpan} className={`px-3 py-4 ${className}`}>
        {children}
      </td>
    </tr>
  );
}

/** Previous / next links of a special-group list; `query` is added to each link (e.g. "&noaid=1"). */
export function SpecialListPager({
  page,
  pageSize,
  total,
  query = "",
}: {
  page: number;
  pageSize: number;
  total: number;
  query?: string;
}) {
  if (total <= pageSize) return null;
  return (
    <nav aria-label="分页" className="flex gap-3 text-sm">
      {page > 1 ? <Link href={`?page=${page - 1}${query}`}>上一页</Link> : null}
      <span>
        第 {page} / {Math.ceil(total / pageSize)} 页
      </span>
      {page * pageSize < total ? <Link href={`?page=${page + 1}${query}`}>下一页</Link> : null}
    </nav>
  );
}
