import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Link from '@material-ui/core/Link';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import {
  BuildResult,
  BuildsValue,
} from '@paved-road/backstage-plugin-platform-common';
import { formatDuration, formatRelative } from '../../format';
import { StatusChip } from '../common/StatusChip';
import { DeployBuildButton } from '../deploy/DeployBuildButton';
import { Tone } from '../common/toneColor';
import { useStackedTableStyles } from '../common/useStackedTableStyles';
import { platformTranslationRef } from '../../translation';

const resultTone: Record<BuildResult, Tone> = {
  SUCCESS: 'ok',
  UNSTABLE: 'warning',
  FAILURE: 'error',
  ABORTED: 'neutral',
  NOT_BUILT: 'neutral',
  RUNNING: 'info',
};

/**
 * Jenkins runs, newest first: number (linked), result, start and duration. With `deployable` (the image tags
 * live now; given only to users who may deploy) each SUCCESS build not among them gets "Deploy build #N".
 */
export function BuildsView(props: {
  value: BuildsValue;
  deployable?: ReadonlySet<string>;
}) {
  const { deployable } = props;
  const { t } = useTranslationRef(platformTranslationRef);
  const stacked = useStackedTableStyles();
  const builds = [...props.value.builds].sort((a, b) => b.number - a.number);
  return (
    <Table
      size="small"
      aria-label={t('buildsCard.table', { job: props.value.jobFullName })}
      className={stacked.table}
    >
      <TableHead>
        <TableRow>
          <TableCell>{t('buildsCard.columns.build')}</TableCell>
          <TableCell>{t('buildsCard.columns.result')}</TableCell>
          <TableCell>{t('buildsCard.columns.started')}</TableCell>
          <TableCell>{t('buildsCard.columns.duration')}</TableCell>
          {deployable && (
            <TableCell>{t('buildsCard.columns.deploy')}</TableCell>
          )}
        </TableRow>
      </TableHead>
      <TableBody>
        {builds.map(build => (
          <TableRow key={build.number} data-testid="platform-build">
            <TableCell data-label={t('buildsCard.columns.build')}>
              {build.url ? (
                <Link
                  href={build.url}
                  target="_blank"
                  rel="noopener noreferrer"
                >
                  #{build.number}
                </Link>
              ) : (
                `#${build.number}`
              )}
            </TableCell>
            <TableCell data-label={t('buildsCard.columns.result')}>
              <StatusChip
                label={build.result}
                tone={resultTone[build.result]}
              />
            </TableCell>
            <TableCell
              data-label={t('buildsCard.columns.started')}
              title={build.startedAt}
            >
              {formatRelative(build.startedAt)}
            </TableCell>
            <TableCell data-label={t('buildsCard.columns.duration')}>
              {build.result === 'RUNNING'
                ? t('buildsCard.running')
                : formatDuration(build.durationMs)}
            </TableCell>
            {deployable && (
              <TableCell data-label={t('buildsCard.columns.deploy')}>
                {build.result === 'SUCCESS' &&
                  !deployable.has(String(build.number)) && (
                    <DeployBuildButton build={build.number} />
                  )}
              </TableCell>
            )}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
