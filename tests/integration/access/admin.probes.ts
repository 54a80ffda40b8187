import { writeAudit } from "@/lib/db/audit.repo";
import { searchAuditLog } from "@/lib/security/audit";
import type { ProbeTable } from "./types";

/** Probes for the admin actions of lib/auth/access/admin.ts: one per action. */
export const ADMIN_PROBES: ProbeTable = {
  "audit.search": async ({ caller, target, role }) => {
    const marker = `probe.audit_${target.name}_${role}_${Date.now()}`;
    await writeAudit({ action: marker, schoolId: target.senior.school.id });
    const r = await searchAuditLog(caller, { action: marker });
    return r.ok && r.data.rows.some((row) => row.action === marker);
  },
};
