import Box from '@material-ui/core/Box';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Switch from '@material-ui/core/Switch';
import { ReactNode } from 'react';

/** The row of filters above a card's results (logs, traces): wraps on narrow cards. */
export function FilterBar(props: { children: ReactNode }) {
  return (
    <Box
      display="flex"
      flexWrap="wrap"
      alignItems="center"
      mb={1}
      style={{ gap: 8 }}
    >
      {props.children}
    </Box>
  );
}

/** An on/off filter of a {@link FilterBar}, named by its visible label. */
export function FilterSwitch(props: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <FormControlLabel
      control={
        <Switch
          checked={props.checked}
          onChange={e => props.onChange(e.target.checked)}
          color="primary"
        />
      }
      label={props.label}
    />
  );
}
