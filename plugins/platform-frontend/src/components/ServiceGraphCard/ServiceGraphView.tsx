import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { makeStyles } from '@material-ui/core/styles';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { useStackedTableStyles } from '../common/useStackedTableStyles';
import Typography from '@material-ui/core/Typography';
import {
  ServiceGraphEdge,
  ServiceGraphValue,
} from '@paved-road/backstage-plugin-platform-common';
import { platformTranslationRef } from '../../translation';
import { StatusChip } from '../common/StatusChip';
import { toneColor } from '../common/toneColor';
import {
  errorRatioTone,
  formatErrorRatio,
  formatP95,
  formatRate,
  peerLabel,
} from './edgeFigures';

const useStyles = makeStyles(theme => ({
  graph: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) auto minmax(0, 1fr)',
    alignItems: 'center',
    gap: theme.spacing(2),
    [theme.breakpoints.down('sm')]: { gridTemplateColumns: 'minmax(0, 1fr)' },
  },
  side: { minWidth: 0, overflowX: 'auto' },
  center: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    [theme.breakpoints.down('sm')]: { justifyContent: 'center' },
  },
  node: {
    padding: theme.spacing(1, 2),
    border: `2px solid ${theme.palette.primary.main}`,
    borderRadius: theme.shape.borderRadius,
    textAlign: 'center',
    fontWeight: theme.typography.fontWeightBold as number,
    wordBreak: 'break-all',
  },
  arrow: {
    color: theme.palette.text.secondary,
    fontSize: theme.typography.h5.fontSize,
    [theme.breakpoints.down('sm')]: { transform: 'rotate(90deg)' },
  },
  figure: { whiteSpace: 'nowrap' },
  error: { color: toneColor(theme, 'error'), fontWeight: 700 },
  warning: { color: toneColor(theme, 'warning') },
  ok: {},
  info: {},
  neutral: { color: toneColor(theme, 'neutral') },
}));

/**
 * The component in the middle, its callers on the left and its callees on the right: each side a table (peer,
 * requests per second, error ratio, p95), so screen readers get the same figures the drawing shows.
 */
export function ServiceGraphView(props: { value: ServiceGraphValue }) {
  const { t } = useTranslationRef(platformTranslationRef);
  const classes = useStyles();
  const { value } = props;
  return (
    <div className={classes.graph} data-testid="platform-service-graph">
      <EdgeTable
        side="callers"
        edges={value.callers}
        value={value}
        label={t('serviceGraphCard.callersOf', { workload: value.workload })}
      />
      <div className={classes.center}>
        <span className={classes.arrow} aria-hidden="true">
          →
        </span>
        <div
          className={classes.node}
          aria-label={t('serviceGraphCard.component', {
            workload: value.workload,
            namespace: value.namespace,
          })}
          role="group"
        >
          {value.workload}
          <Typography variant="caption" display="block" color="textSecondary">
            {value.namespace}
          </Typography>
        </div>
        <span className={classes.arrow} aria-hidden="true">
          →
        </span>
      </div>
      <EdgeTable
        side="callees"
        edges={value.callees}
        value={value}
        label={t('serviceGraphCard.calleesOf', { workload: value.workload })}
      />
    </div>
  );
}

function EdgeTable(props: {
  side: 'callers' | 'callees';
  edges: ServiceGraphEdge[];
  value: ServiceGraphValue;
  label: string;
}) {
  const { t } = useTranslationRef(platformTranslationRef);
  const classes = useStyles();
  const stacked = useStackedTableStyles();
  if (props.edges.length === 0) {
    return (
      <Typography
        variant="body2"
        color="textSecondary"
        className={classes.side}
        data-testid={`platform-service-graph-${props.side}`}
      >
        {t(`serviceGraphCard.no.${props.side}`)}
      </Typography>
    );
  }
  return (
    <div className={classes.side}>
      <Table
        size="small"
        aria-label={props.label}
        data-testid={`platform-service-graph-${props.side}`}
        className={stacked.table}
      >
        <TableHead>
          <TableRow>
            <TableCell>{t(`serviceGraphCard.columns.${props.side}`)}</TableCell>
            <TableCell align="right">
              {t('serviceGraphCard.columns.rate')}
            </TableCell>
            <TableCell align="right">
              {t('serviceGraphCard.columns.errorRatio')}
            </TableCell>
            <TableCell align="right">
              {t('serviceGraphCard.columns.p95')}
            </TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {props.edges.map(edge => (
            <EdgeRow
              key={`${edge.peer.workload}\u0000${edge.peer.namespace ?? ''}`}
              edge={edge}
              namespace={props.value.namespace}
              side={props.side}
            />
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

function EdgeRow(props: {
  edge: ServiceGraphEdge;
  namespace: string;
  side: 'callers' | 'callees';
}) {
  const { t } = useTranslationRef(platformTranslationRef);
  const classes = useStyles();
  const { edge } = props;
  const tone = errorRatioTone(edge.errorRatio);
  return (
    <TableRow data-testid="platform-service-graph-edge">
      <TableCell data-label={t(`serviceGraphCard.columns.${props.side}`)}>
        <PeerName edge={edge} namespace={props.namespace} />
      </TableCell>
      <TableCell
        align="right"
        className={classes.figure}
        data-label={t('serviceGraphCard.columns.rate')}
      >
        {formatRate(edge.rate)}
      </TableCell>
      <TableCell
        align="right"
        data-label={t('serviceGraphCard.columns.errorRatio')}
        className={`${classes.figure} ${classes[tone]}`}
        data-tone={tone}
        title={
          tone === 'error' ? t('serviceGraphCard.errorRatioHigh') : undefined
        }
      >
        {formatErrorRatio(edge.errorRatio)}
      </TableCell>
      <TableCell
        align="right"
        className={classes.figure}
        data-label={t('serviceGraphCard.columns.p95')}
      >
        {formatP95(edge.p95Ms)}
      </TableCell>
    </TableRow>
  );
}

function PeerName(props: { edge: ServiceGraphEdge; namespace: string }) {
  const { t } = useTranslationRef(platformTranslationRef);
  const entityRoute = useRouteRef(entityRouteRef);
  const { peer } = props.edge;
  const label = peerLabel(props.edge, props.namespace);
  if (peer.entityRef) {
    const ref = parseEntityRef(peer.entityRef);
    return (
      <Link
        to={`${entityRoute({
          namespace: ref.namespace,
          kind: ref.kind,
          name: ref.name,
        })}/health`}
      >
        {label}
      </Link>
    );
  }
  return (
    <>
      {label}{' '}
      <StatusChip
        tone="neutral"
        label={t('serviceGraphCard.external')}
        title={t(
          peer.external
            ? 'serviceGraphCard.outsideMesh'
            : 'serviceGraphCard.notInCatalog',
        )}
      />
    </>
  );
}
