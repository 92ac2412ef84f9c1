import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';

/** Relative ranges the backend accepts as `start` (`end` defaults to now). */
export const TIME_RANGES = [
  { value: 'now-15m', label: 'Last 15 minutes', seconds: 900 },
  { value: 'now-1h', label: 'Last hour', seconds: 3600 },
  { value: 'now-6h', label: 'Last 6 hours', seconds: 21600 },
  { value: 'now-24h', label: 'Last 24 hours', seconds: 86400 },
  { value: 'now-7d', label: 'Last 7 days', seconds: 604800 },
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
  return (
    <TextField
      select
      id={props.id}
      size="small"
      variant="outlined"
      label="Time range"
      value={props.value}
      onChange={e => props.onChange(e.target.value)}
    >
      {props.customLabel && (
        <MenuItem value="custom">{props.customLabel}</MenuItem>
      )}
      {TIME_RANGES.map(r => (
        <MenuItem key={r.value} value={r.value}>
          {r.label}
        </MenuItem>
      ))}
    </TextField>
  );
}
