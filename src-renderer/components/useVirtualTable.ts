// The scroll box of a virtualised table with a sticky header: row window, spacer heights, page size, keyboard moves.
import { useEffect, useRef, type CSSProperties } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';

export const ROW_HEIGHT = 30;
export const HEAD_HEIGHT = 32;

export const TABLE_BOX_STYLE: CSSProperties = {
  overflow: 'auto',
  flex: 1,
  minHeight: 0,
  border: '1px solid var(--mantine-color-gray-3)',
  borderRadius: 'var(--mantine-radius-sm)',
  outline: 'none',
};

/**
 * `scrollKey` changes when the list is replaced by another of the same length (a new search), so the
 * selected row is scrolled into view again.
 */
export function useVirtualTable(opts: { count: number; selected: number; overscan?: number; scrollKey?: unknown }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: opts.count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: opts.overscan ?? 12,
    // The sticky header sits inside the scroll box: rows start below it and are never scrolled under it.
    paddingStart: HEAD_HEIGHT,
    scrollPaddingStart: HEAD_HEIGHT,
  });
  const { selected, count, scrollKey } = opts;
  useEffect(() => {
    if (selected >= 0 && selected < count) virtualizer.scrollToIndex(selected, { align: 'auto' });
  }, [selected, count, scrollKey, virtualizer]);

  const virtualRows = virtualizer.getVirtualItems();
  const padTop = virtualRows.length ? virtualRows[0]!.start - HEAD_HEIGHT : 0;
  const padBottom = virtualRows.length ? virtualizer.getTotalSize() - virtualRows[virtualRows.length - 1]!.end : 0;
  const pageSize = Math.max(1, Math.floor(((scrollRef.current?.clientHeight ?? 600) - HEAD_HEIGHT) / ROW_HEIGHT) - 1);
  return { scrollRef, virtualRows, padTop, padBottom, pageSize };
}

/** Where a navigation key moves the selection in a list of `count` rows, or null for other keys. */
export function navTarget(key: string, selected: number, count: number, pageSize: number): number | null {
  const to = (i: number) => Math.max(0, Math.min(count - 1, i));
  switch (key) {
    case 'ArrowDown':
      return to(selected + 1);
    case 'ArrowUp':
      return to(selected - 1);
    case 'PageDown':
      return to(selected + pageSize);
    case 'PageUp':
      return to(selected - pageSize);
    case 'Home':
      return to(0);
    case 'End':
      return to(count - 1);
    default:
      return null;
  }
}
