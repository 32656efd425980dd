// The sliding-window rule shared by the sign-in, sign-up and password-reset throttles. Each of them
// records its own row first and then reads the newest `limit + 1` rows of a key in the window (its
// own included); this decides from those rows. Pure, so every throttle counts the same way.

export interface WindowRow {
  id: bigint;
  createdAt: Date;
}

/**
 * Null while the key's rows in the window, the caller's own included, are within `limit`.
 * Otherwise the time (ms since epoch) at which the key falls back under it: when the limit-th most
 * recent OTHER row leaves the window. `recent` is newest first and holds up to `limit + 1` rows.
 */
export function windowUnlockTime(recent: readonly WindowRow[], ownId: bigint, limit: number, windowMs: number): number | null {
  if (recent.length <= limit) return null;
  const others = recent.filter((row) => row.id !== ownId);
  // With a limit of 0 there may be no other row: the caller's own then keeps the door shut a window long.
  const limiting = others[limit - 1] ?? others[others.length - 1] ?? recent[0]!;
  return limiting.createdAt.getTime() + windowMs;
}
