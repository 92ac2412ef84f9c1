import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import TextField from '@material-ui/core/TextField';
import { LogLevel } from '@paved-road/backstage-plugin-platform-common';
import { shortId } from '../../format';
import { FilterBar, FilterSwitch } from '../common/FilterBar';
import { TimeRangeSelect } from '../common/TimeRangeSelect';
import { platformTranslationRef } from '../../translation';

/** Levels offered as filters; `fatal` rides with `error`, `trace` with `debug`. */
export const FILTER_LEVELS: LogLevel[] = ['error', 'warn', 'info', 'debug'];

/** Filters of the log viewer: levels, text, time range, live tail and the trace filter from a deep link. */
export function LogToolbar(props: {
  levels: LogLevel[];
  onLevelsChange: (levels: LogLevel[]) => void;
  text: string;
  onTextChange: (text: string) => void;
  range: string;
  onRangeChange: (range: string) => void;
  customRangeLabel?: string;
  live: boolean;
  onLiveChange: (live: boolean) => void;
  traceId?: string;
  onClearTraceId: () => void;
}) {
  const { t } = useTranslationRef(platformTranslationRef);
  const toggle = (level: LogLevel) =>
    props.onLevelsChange(
      props.levels.includes(level)
        ? props.levels.filter(l => l !== level)
        : [...props.levels, level],
    );
  return (
    <FilterBar>
      <Box
        display="flex"
        style={{ gap: 4 }}
        role="group"
        aria-label={t('logsCard.levels')}
      >
        {FILTER_LEVELS.map(level => {
          const selected = props.levels.includes(level);
          return (
            <Chip
              key={level}
              label={level}
              size="small"
              clickable
              color={selected ? 'primary' : 'default'}
              variant={selected ? 'default' : 'outlined'}
              aria-pressed={selected}
              onClick={() => toggle(level)}
            />
          );
        })}
      </Box>
      <TextField
        id="platform-logs-search"
        size="small"
        variant="outlined"
        label={t('logsCard.search')}
        type="search"
        value={props.text}
        onChange={e => props.onTextChange(e.target.value)}
      />
      <TimeRangeSelect
        id="platform-logs-range"
        value={props.range}
        onChange={props.onRangeChange}
        customLabel={props.customRangeLabel}
      />
      <FilterSwitch
        label={t('logsCard.live')}
        checked={props.live}
        onChange={props.onLiveChange}
      />
      {props.traceId && (
        <Chip
          size="small"
          label={t('logsCard.traceFilter', { id: shortId(props.traceId) })}
          title={props.traceId}
          onDelete={props.onClearTraceId}
          data-testid="logs-trace-filter"
        />
      )}
    </FilterBar>
  );
}
