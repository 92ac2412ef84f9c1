import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Link from '@material-ui/core/Link';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { ArgoApplicationSummary } from '@paved-road/backstage-plugin-platform-common';
import { formatRelative } from '../../format';
import { StatusChip } from '../common/StatusChip';
import { RevisionLink } from './RevisionLink';
import { healthTone, operationTone, syncTone } from './tones';
import { platformTranslationRef } from '../../translation';

const HISTORY_SHOWN = 5;

/** One Argo CD application: status, operation, revision, images and the last deployments. */
export function ArgoApplicationView(props: { app: ArgoApplicationSummary }) {
  const { t } = useTranslationRef(platformTranslationRef);
  const { app } = props;
  const history = [...app.history]
    .sort((a, b) => b.id - a.id)
    .slice(0, HISTORY_SHOWN);
  return (
    <Box mb={2} data-testid={`argocd-app-${app.name}`}>
      <Box
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        style={{ gap: 8 }}
      >
        <Typography variant="h6" component="h3">
          {app.webUrl ? (
            <Link href={app.webUrl} target="_blank" rel="noopener noreferrer">
              {app.name}
            </Link>
          ) : (
            app.name
          )}
        </Typography>
        <StatusChip
          label={app.syncStatus}
          tone={syncTone[app.syncStatus]}
          title={t('argocdCard.syncStatus')}
        />
        <StatusChip
          label={app.healthStatus}
          tone={healthTone[app.healthStatus]}
          title={app.healthMessage ?? t('argocdCard.healthStatus')}
        />
      </Box>
      <Typography variant="body2" color="textSecondary">
        {app.instance} / {app.project}
        {app.destinationNamespace ? ` → ${app.destinationNamespace}` : ''}
        {app.reconciledAt
          ? ` · reconciled ${formatRelative(app.reconciledAt)}`
          : ''}
      </Typography>
      {app.healthMessage && (
        <Typography variant="body2">{app.healthMessage}</Typography>
      )}
      <Typography variant="body2">
        Revision <RevisionLink revision={app.revision} url={app.revisionUrl} />
        {app.targetRevision ? ` (tracking ${app.targetRevision})` : ''}
      </Typography>
      {app.operation && (
        <Box display="flex" alignItems="center" style={{ gap: 8 }} mt={0.5}>
          <Typography variant="body2">Last operation</Typography>
          <StatusChip
            label={app.operation.phase}
            tone={operationTone[app.operation.phase]}
          />
          <Typography variant="body2" color="textSecondary">
            {app.operation.message}
            {app.operation.finishedAt
              ? ` · ${formatRelative(app.operation.finishedAt)}`
              : ''}
          </Typography>
        </Box>
      )}
      {app.images.length > 0 && (
        <Box mt={1}>
          <Typography variant="subtitle2">Images</Typography>
          {app.images.map(image => (
            <Typography key={image} variant="body2" component="div">
              <code>{image}</code>
            </Typography>
          ))}
        </Box>
      )}
      {history.length > 0 && (
        <Table
          size="small"
          aria-label={t('argocdCard.history', { app: app.name })}
        >
          <TableHead>
            <TableRow>
              <TableCell>#</TableCell>
              <TableCell>{t('argocdCard.revision')}</TableCell>
              <TableCell>{t('argocdCard.deployed')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {history.map(entry => (
              <TableRow key={entry.id}>
                <TableCell>{entry.id}</TableCell>
                <TableCell>
                  <RevisionLink
                    revision={entry.revision}
                    url={entry.revisionUrl}
                  />
                </TableCell>
                <TableCell title={entry.deployedAt}>
                  {formatRelative(entry.deployedAt)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Box>
  );
}
