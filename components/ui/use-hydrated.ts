"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * False in the server's HTML and until React has hydrated the page, then true.
 * Forms that submit through JavaScript keep their submit button disabled until
 * then: a click before hydration would otherwise submit the form natively —
 * as a GET that puts the typed values (passwords, ID numbers) into the URL.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
