import { forbidden } from "next/navigation";

export const metadata = { title: "无权访问" };

/** Where requirePageAccess sends a refused role: answers HTTP 403 with app/forbidden.tsx. */
export default function ForbiddenPage() {
  forbidden();
}
