import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import { TracesValue } from '@paved-road/backstage-plugin-platform-common';
import { useMemo, useState } from 'react';
import useDebounce from 'react-use/esm/useDebounce';
import { useSourceResult } from '../../hooks/useSourceResult';
import { UpdatedAgo } from '../common/UpdatedAgo';
import { ExternalLinkButton } from '../common/ExternalLinkButton';
import { FilterBar, FilterSwitch } from '../common/FilterBar';
import { TimeRangeSelect } from '../common/TimeRangeSelect';
import { SourceResultView } from '../states';
import { TraceList } from './TraceList';
import { platformTranslationRef } from '../../translation';

/**
 * Traces asked for at first, and added by each "Show more"; the backend caps any limit at
 * `platform.tempo.maxTraces`, so a page that comes back short is the last one.
 */
export const TRACES_PAGE_SIZE = 20;

/**
 * Trace search of the current entity: time range, minimum duration, errors only; the newest
 * {@link TRACES_PAGE_SIZE} first, more on request.
 */
export function TraceSearch(props: { onOpen: (traceId: string) => void }) {
  const { t } = useTranslationRef(platformTranslationRef);
  const [range, setRange] = useState('now-1h');
  const [minDuration, setMinDuration] = useState('');
  const [minDurationMs, setMinDurationMs] = useState<number>();
  useDebounce(
    () => {
      const parsed = Number(minDuration);
      setMinDurationMs(minDuration && parsed > 0 ? parsed : undefined);
    },
    300,
    [minDuration],
  );
  const [errorsOnly, setErrorsOnly] = useState(false);
  const filters = useMemo(
    () => ({
      start: range,
      minDurationMs,
      errorsOnly: errorsOnly || undefined,
    }),
    [range, minDurationMs, errorsOnly],
  );
  // Pages shown for these filters: new filters start again from one page.
  const [pages, setPages] = useState({ filters, count: 1 });
  const limit =
    (pages.filters === filters ? pages.count : 1) * TRACES_PAGE_SIZE;
  const state = useSourceResult(
    (api, ref) => api.getTraces(ref, { ...filters, limit }),
    [filters, limit],
  );
  return (
    <>
      <FilterBar>
        <TimeRangeSelect
          id="platform-traces-range"
          value={range}
          onChange={setRange}
        />
        <TextField
          id="platform-traces-min-duration"
          size="small"
          variant="outlined"
          label={t('tracesCard.minDuration')}
          type="number"
          inputProps={{ min: 0 }}
          value={minDuration}
          onChange={e => setMinDuration(e.target.value)}
        />
        <FilterSwitch
          label={t('tracesCard.errorsOnly')}
          checked={errorsOnly}
          onChange={setErrorsOnly}
        />
        <Box flex={1} />
        {/* The list refreshes on request: a trace list that reorders under the pointer cannot be read. */}
        <UpdatedAgo
          source={t('sources.traces')}
          updatedAt={state.updatedAt}
          refreshing={state.loading}
          onRefresh={state.retry}
        />
        <ExternalLinkButton
          href={state.okValue?.exploreUrl}
          label={t('tracesCard.link')}
        />
      </FilterBar>
      <SourceResultView<TracesValue>
        source={t('sources.traces')}
        state={state}
        isEmpty={v => v.traces.length === 0}
        emptyTitle={t('tracesCard.emptyTitle')}
        emptyHint={t('tracesCard.emptyHint')}
      >
        {value => (
          <>
            <TraceList traces={value.traces} onOpen={props.onOpen} />
            {value.traces.length >= limit && (
              <Box display="flex" justifyContent="center" mt={1}>
                <Button
                  size="small"
                  disabled={state.loading}
                  onClick={() =>
                    setPages({ filters, count: limit / TRACES_PAGE_SIZE + 1 })
                  }
                >
                  {t('tracesCard.showMore')}
                </Button>
              </Box>
            )}
          </>
        )}
      </SourceResultView>
    </>
  );
}
