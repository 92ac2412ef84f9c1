import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Button from '@material-ui/core/Button';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { SourceError } from '@paved-road/backstage-plugin-platform-common';
import { platformTranslationRef } from '../../translation';

const KNOWN_KINDS = [
  'not-configured',
  'timeout',
  'unreachable',
  'upstream',
  'bad-response',
  'forbidden',
  'not-found',
  'request',
] as const;
type KnownKind = (typeof KNOWN_KINDS)[number];
const isKnownKind = (kind: string): kind is KnownKind =>
  (KNOWN_KINDS as readonly string[]).includes(kind);

/**
 * One source failed: says which kind of failure, the message, and offers a retry.
 * `kind: 'request'` is the platform backend itself failing, rather than the upstream it calls.
 */
export function SourceErrorState(props: {
  source: string;
  error: Pick<SourceError, 'message' | 'status'> & { kind: string };
  onRetry?: () => void;
}) {
  const { t } = useTranslationRef(platformTranslationRef);
  const { source, error, onRetry } = props;
  const severity = error.kind === 'not-configured' ? 'info' : 'error';
  return (
    <Alert
      severity={severity}
      role="alert"
      action={
        onRetry && (
          <Button color="inherit" size="small" onClick={onRetry}>
            {t('states.retry')}
          </Button>
        )
      }
    >
      <AlertTitle>
        {t('states.errorTitle', {
          source,
          kind: isKnownKind(error.kind)
            ? t(`errorKinds.${error.kind}`)
            : error.kind,
        })}
        {error.status
          ? ` ${t('states.httpStatus', { status: String(error.status) })}`
          : ''}
      </AlertTitle>
      {error.message}
    </Alert>
  );
}
