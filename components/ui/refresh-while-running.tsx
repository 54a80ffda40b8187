"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/**
 * Re-renders the page from the server every `seconds` while `running` (a background job's state read
 * from the database), so its progress shows whichever app server answers; stops when it has ended.
 */
export function RefreshWhileRunning({ running, seconds = 2 }: { running: boolean; seconds?: number }) {
  const router = useRouter();
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => router.refresh(), seconds * 1000);
    return () => clearInterval(timer);
  }, [running, seconds, router]);
  return null;
}
