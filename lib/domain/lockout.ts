/** After 5 wrong passwords in a row an account is locked for 15 minutes (foundation issue). */
export const MAX_FAILED_SIGN_INS = 5;
export const LOCK_MINUTES = 15;

export type LockState = { failedLogins: number; lockedUntil: Date | null };

/** Whether the account is locked at `now`. */
export function isLocked(state: LockState, now: Date): boolean {
  return state.lockedUntil !== null && state.lockedUntil.getTime() > now.getTime();
}

/** State after one more wrong password: the 5th locks the account and restarts the count. */
export function afterFailure(state: LockState, now: Date): LockState {
  const failed = (isLocked(state, now) ? 0 : state.failedLogins) + 1;
  if (failed >= MAX_FAILED_SIGN_INS)
    return { failedLogins: 0, lockedUntil: new Date(now.getTime() + LOCK_MINUTES * 60_000) };
  return { failedLogins: failed, lockedUntil: null };
}

export const afterSuccess = (): LockState => ({ failedLogins: 0, lockedUntil: null });
