import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { useMemo } from 'react';
import { useServiceColors } from './useServiceColors';
import { FixedSizeList } from 'react-window';
import { useWaterfallStyles } from './useWaterfallStyles';
import { WaterfallLayout } from './waterfall';
import { WaterfallRowData, WaterfallRowView } from './WaterfallRowView';
import { platformTranslationRef } from '../../translation';

const ROW_HEIGHT = 26;

/**
 * Virtualised span waterfall: rows in tree order, bars on the trace's time axis, services coloured,
 * errors marked. Rows are focusable; Enter or a click selects the span.
 */
export function TraceWaterfall(props: {
  layout: WaterfallLayout;
  selectedSpanId?: string;
  onSelect: (spanId: string) => void;
  height?: number;
}) {
  const classes = useWaterfallStyles();
  const { t } = useTranslationRef(platformTranslationRef);
  const { layout, selectedSpanId, onSelect, height = 420 } = props;
  const serviceColors = useServiceColors(layout.services);
  const itemData = useMemo<WaterfallRowData>(
    () => ({
      rows: layout.rows,
      totalMs: layout.totalMs,
      serviceColors,
      selectedSpanId,
      onSelect,
    }),
    [layout, serviceColors, selectedSpanId, onSelect],
  );
  return (
    <div
      role="grid"
      aria-label={t('tracesCard.waterfall')}
      aria-rowcount={layout.rows.length}
    >
      <FixedSizeList
        className={classes.list}
        height={Math.min(height, layout.rows.length * ROW_HEIGHT + 2)}
        width="100%"
        itemCount={layout.rows.length}
        itemSize={ROW_HEIGHT}
        itemData={itemData}
        overscanCount={8}
      >
        {WaterfallRowView}
      </FixedSizeList>
    </div>
  );
}
