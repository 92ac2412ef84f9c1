import Box from '@material-ui/core/Box';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Switch from '@material-ui/core/Switch';
import TextField from '@material-ui/core/TextField';
import { TracesValue } from '@paved-road/backstage-plugin-platform-common';
import { useState } from 'react';
import useDebounce from 'react-use/esm/useDebounce';
import { usePlatformSource } from '../../hooks/usePlatformSource';
import { ExternalLinkButton } from '../common/ExternalLinkButton';
import { TimeRangeSelect } from '../common/TimeRangeSelect';
import { SourceResultView } from '../states';
import { TraceList } from './TraceList';

/** Trace search of the current entity: time range, minimum duration, errors only. */
export function TraceSearch(props: { onOpen: (traceId: string) => void }) {
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
  const state = usePlatformSource(
    (api, ref) =>
      api.getTraces(ref, {
        start: range,
        minDurationMs,
        errorsOnly: errorsOnly || undefined,
        limit: 50,
      }),
    [range, minDurationMs, errorsOnly],
  );
  return (
    <>
      <Box
        display="flex"
        flexWrap="wrap"
        alignItems="center"
        mb={1}
        style={{ gap: 8 }}
      >
        <TimeRangeSelect
          id="platform-traces-range"
          value={range}
          onChange={setRange}
        />
        <TextField
          id="platform-traces-min-duration"
          size="small"
          variant="outlined"
          label="Min duration (ms)"
          type="number"
          inputProps={{ min: 0 }}
          value={minDuration}
          onChange={e => setMinDuration(e.target.value)}
        />
        <FormControlLabel
          control={
            <Switch
              checked={errorsOnly}
              onChange={e => setErrorsOnly(e.target.checked)}
              color="primary"
            />
          }
          label="Errors only"
        />
        <Box flex={1} />
        {state.value?.ok && (
          <ExternalLinkButton
            href={state.value.value.exploreUrl}
            label="Explore"
          />
        )}
      </Box>
      <SourceResultView<TracesValue>
        source="Traces"
        state={state}
        onRetry={state.retry}
        isEmpty={v => v.traces.length === 0}
        emptyTitle="No traces match"
        emptyHint="Widen the time range or relax the filters."
      >
        {value => <TraceList traces={value.traces} onOpen={props.onOpen} />}
      </SourceResultView>
    </>
  );
}
