import { expect } from "vitest";

interface KeysetPage {
  rows: { id: bigint }[];
  nextCursor: string | null;
  prevCursor: string | null;
}

/**
 * Follows "Next" to the end, then "Previous" back to the start, the way the admin tables' links
 * do, and returns the ids seen each way (both should equal the unpaged order).
 */
export async function walkKeysetPages(list: (params: Record<string, string>) => Promise<KeysetPage>, params: Record<string, string>) {
  const ids = (page: KeysetPage) => page.rows.map((r) => r.id);
  const forward: bigint[] = [];
  let page = await list(params);
  expect(page.prevCursor).toBeNull();
  forward.push(...ids(page));
  while (page.nextCursor) {
    page = await list({ ...params, after: page.nextCursor });
    forward.push(...ids(page));
  }
  const backward: bigint[] = [...ids(page)];
  while (page.prevCursor) {
    page = await list({ ...params, before: page.prevCursor });
    backward.unshift(...ids(page));
  }
  return { forward, backward };
}
