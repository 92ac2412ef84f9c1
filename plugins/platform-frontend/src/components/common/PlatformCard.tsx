import Card from '@material-ui/core/Card';
import CardContent from '@material-ui/core/CardContent';
import CardHeader from '@material-ui/core/CardHeader';
import Divider from '@material-ui/core/Divider';
import { makeStyles } from '@material-ui/core/styles';
import { ReactNode } from 'react';

const useStyles = makeStyles({
  card: { height: '100%', display: 'flex', flexDirection: 'column' },
  content: { flex: 1, minWidth: 0 },
  action: { alignSelf: 'center', marginTop: 0, display: 'flex', gap: 4 },
});

/**
 * Frame of every platform card. `id` is an anchor the Health tab's verdict links to.
 */
export function PlatformCard(props: {
  id: string;
  title: string;
  subheader?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}) {
  const classes = useStyles();
  return (
    <Card
      id={props.id}
      className={classes.card}
      component="section"
      aria-label={props.title}
    >
      <CardHeader
        title={props.title}
        titleTypographyProps={{ variant: 'h5', component: 'h2' }}
        subheader={props.subheader}
        action={props.actions}
        classes={{ action: classes.action }}
      />
      <Divider />
      <CardContent className={classes.content}>{props.children}</CardContent>
    </Card>
  );
}
