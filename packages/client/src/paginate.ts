/** The `paging` object of a list response: 1-based offsets of this page's first and last item. */
export interface Paging {
  start_offset?: number;
  end_offset?: number;
  total_count?: number;
}

export interface Page<T> {
  items: readonly T[];
  paging?: Paging | undefined;
}

/**
 * Yields every item of every page, fetching the next page only once the current one is consumed, so memory
 * holds one page at most. Stops after an empty page, after the page that reaches `paging.total_count`, or
 * (without `paging`) after a page shorter than `perPage`. A page whose `paging.end_offset` does not move past
 * the previous one (a server that ignores `page_no`) ends the iteration instead of repeating items forever.
 */
export async function* paginate<T>(
  firstPage: number,
  perPage: number,
  fetchPage: (pageNo: number, perPage: number) => Promise<Page<T>>,
): AsyncGenerator<T, void, undefined> {
  let previousEnd = -1;
  for (let pageNo = firstPage; ; pageNo++) {
    const { items, paging } = await fetchPage(pageNo, perPage);
    const end = paging?.end_offset;
    if (typeof end === 'number') {
      if (end <= previousEnd) return;
      previousEnd = end;
    }
    yield* items;
    if (isLastPage(items.length, perPage, paging)) return;
  }
}

function isLastPage(count: number, perPage: number, paging: Paging | undefined): boolean {
  if (count === 0) return true;
  const { end_offset, total_count } = paging ?? {};
  if (typeof end_offset === 'number' && typeof total_count === 'number') return end_offset >= total_count;
  return count < perPage;
}
