import { useMatches } from '@mantine/core';
import type { CSSProperties, ReactNode } from 'react';

type Arrangement = 'stacked' | 'split' | 'wide';

const GRIDS: Record<Arrangement, CSSProperties> = {
  stacked: { gridTemplateColumns: 'minmax(0, 1fr)', gridTemplateAreas: '"head" "total" "cart" "legend"' },
  // a cheap till screen (1024 px): the cart takes the whole width, so that product names stay readable,
  // and the legend lies below it
  split: { gridTemplateColumns: 'minmax(0, 2fr) minmax(0, 1fr)', gridTemplateAreas: '"head total" "cart cart" "legend legend"' },
  // the side column runs down both rows, so the cart starts right under the scan box
  wide: { gridTemplateColumns: 'minmax(0, 2fr) minmax(0, 1fr)', gridTemplateAreas: '"head side" "cart side"', gridTemplateRows: 'auto 1fr' },
};

/**
 * The Sell screen's blocks: the scan box (head), the total, the cart and the key legend. From 1200 px
 * the total and the legend share a side column; below, the total stays beside the scan box and the
 * legend goes under the cart. The blocks keep their place in the page whatever the width (only styles
 * change), so a resize never resets the scan box or a dialog.
 */
export function SellLayout(props: { head: ReactNode; total: ReactNode; cart: ReactNode; legend: ReactNode }) {
  const arrangement = useMatches<Arrangement>({ base: 'stacked', md: 'split', lg: 'wide' }, { getInitialValueInEffect: false });
  const wide = arrangement === 'wide';
  return (
    <div style={{ display: 'grid', gap: 'var(--mantine-spacing-md)', alignItems: 'start', ...GRIDS[arrangement] }}>
      <div style={{ gridArea: 'head' }}>{props.head}</div>
      <div style={{ gridArea: 'cart' }}>{props.cart}</div>
      <div style={wide ? { gridArea: 'side' } : { display: 'contents' }}>
        <div style={wide ? undefined : { gridArea: 'total' }}>{props.total}</div>
        <div style={wide ? { marginTop: 'var(--mantine-spacing-md)' } : { gridArea: 'legend' }}>{props.legend}</div>
      </div>
    </div>
  );
}
