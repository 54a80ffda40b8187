"use server";

import { redirect } from "next/navigation";
import { bumpSessionVersion } from "@/lib/db/auth.repo";
import { writeAudit } from "@/lib/db/audit.repo";
import { endAllSessionRecords, endSessionRecord } from "@/lib/db/sessions.repo";
import { clearSessionCookies } from "./cookies";
import { requestIp } from "./request";
import { getSessionUser, readSessionToken } from "./session";

/** 退出所有设备: ends every session of the account, this one included. */
export async function signOutEverywhereAction(): Promise<void> {
  const user = await getSessionUser();
  if (user) {
    await bumpSessionVersion(user.id);
    await endAllSessionRecords(user.id);
    await writeAudit({
      actorUserId: user.id,
      actorRole: user.role,
      schoolId: user.schoolId,
      ip: await requestIp(),
      action: "auth.sign_out_everywhere",
    });
  }
  await clearSessionCookies();
  redirect("/login?notice=signed-out");
}

/** 退出登录 on this device. */
export async function signOutAction(): Promise<void> {
  const token = await readSessionToken();
  if (token?.sid) await endSessionRecord(token.sid);
  await clearSessionCookies();
  redirect("/login?notice=signed-out");
}
