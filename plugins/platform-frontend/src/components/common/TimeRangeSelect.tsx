import { useTranslationRef } from '@backstage/frontend-plugin-api';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { platformTranslationRef } from '../../translation';

/** Relative ranges the backend accepts as `start` (`end` defaults to now). */
export const TIME_RANGES = [
  { value: 'now-15m', seconds: 900 },
  { value: 'now-1h', seconds: 3600 },
  { value: 'now-6h', seconds: 21600 },
  { value: 'now-24h', seconds: 86400 },
  { value: 'now-7d', seconds: 604800 },
] as const;

/** A preset relative range, or `custom` when a deep link fixed both ends. */
export function TimeRangeSelect(props: {
  /** Unique on the page, so the label belongs to its field. */
  id: string;
  value: string;
  onChange: (value: string) => void;
  /** Label of the extra `custom` option, offered only when given. */
  customLabel?: string;
}) {
  const { t } = useTranslationRef(platformTranslationRef);
  return (
    <TextField
      select
      id={props.id}
      size="small"
      variant="outlined"
      label={t('timeRange.label')}
      value={props.value}
      onChange={e => props.onChange(e.target.value)}
    >
      {props.customLabel && (
        <MenuItem value="custom">{props.customLabel}</MenuItem>
      )}
      {TIME_RANGES.map(r => (
        <MenuItem key={r.value} value={r.value}>
          {t(`timeRange.${r.value}`)}
        </MenuItem>
      ))}
    </TextField>
  );
}
