import Card from '@material-ui/core/Card';
import CardContent from '@material-ui/core/CardContent';
import CardHeader from '@material-ui/core/CardHeader';
import Divider from '@material-ui/core/Divider';
import { makeStyles } from '@material-ui/core/styles';
import { ReactNode } from 'react';
import { UpdatedAgo } from './UpdatedAgo';

const useStyles = makeStyles({
  card: { height: '100%', display: 'flex', flexDirection: 'column' },
  content: { flex: 1, minWidth: 0 },
  header: { flexWrap: 'wrap', rowGap: 8 },
  action: {
    alignSelf: 'center',
    marginTop: 0,
    marginRight: 0,
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: 4,
  },
});

/** What a live card shows about its data's age, and how to reload it. */
export interface CardFreshness {
  updatedAt?: number;
  refreshing?: boolean;
  onRefresh: () => void;
}

/**
 * Frame of every platform card. `id` is an anchor the Health tab's verdict links to.
 */
export function PlatformCard(props: {
  id: string;
  title: string;
  subheader?: ReactNode;
  actions?: ReactNode;
  /** "Updated N s ago" and a refresh button, before the actions. */
  freshness?: CardFreshness;
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
        action={
          props.freshness ? (
            <>
              <UpdatedAgo source={props.title} {...props.freshness} />
              {props.actions}
            </>
          ) : (
            props.actions
          )
        }
        classes={{ root: classes.header, action: classes.action }}
      />
      <Divider />
      <CardContent className={classes.content}>{props.children}</CardContent>
    </Card>
  );
}
