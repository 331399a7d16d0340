/**
 * Like `Promise.all`, but when several promises reject it throws the error of the first one in
 * input order, not whichever happened to settle first — so a loader reading files in parallel
 * always reports the same file.
 *
 * @param promises - the work, started already
 * @returns every value, in input order
 * @throws the rejection reason of the earliest rejected promise in input order
 */
export async function allInOrder<T extends readonly unknown[]>(
  promises: { readonly [K in keyof T]: Promise<T[K]> },
): Promise<T> {
  const settled = await Promise.allSettled(promises);
  for (const s of settled) {
    if (s.status === 'rejected') throw s.reason;
  }
  return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value) as unknown as T;
}
