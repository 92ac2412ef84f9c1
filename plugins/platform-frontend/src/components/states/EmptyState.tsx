import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { ReactNode } from 'react';

/** A source answered with nothing to show. */
export function EmptyState(props: { title: string; children?: ReactNode }) {
  return (
    <Box py={3} textAlign="center" data-testid="platform-empty">
      <Typography variant="subtitle1">{props.title}</Typography>
      {props.children && (
        <Typography variant="body2" color="textSecondary" component="div">
          {props.children}
        </Typography>
      )}
    </Box>
  );
}
