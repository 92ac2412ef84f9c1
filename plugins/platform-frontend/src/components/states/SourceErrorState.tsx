import Button from '@material-ui/core/Button';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { SourceError } from '@paved-road/backstage-plugin-platform-common';

const titles: Record<string, string> = {
  'not-configured': 'Not configured',
  timeout: 'Timed out',
  unreachable: 'Unreachable',
  upstream: 'Upstream error',
  'bad-response': 'Unexpected response',
  forbidden: 'Not allowed',
  'not-found': 'Not found',
  request: 'Request failed',
};

/**
 * One source failed: says which kind of failure, the message, and offers a retry.
 * `kind: 'request'` is the platform backend itself failing, rather than the upstream it calls.
 */
export function SourceErrorState(props: {
  source: string;
  error: Pick<SourceError, 'message' | 'status'> & { kind: string };
  onRetry?: () => void;
}) {
  const { source, error, onRetry } = props;
  const severity = error.kind === 'not-configured' ? 'info' : 'error';
  return (
    <Alert
      severity={severity}
      role="alert"
      action={
        onRetry && (
          <Button color="inherit" size="small" onClick={onRetry}>
            Retry
          </Button>
        )
      }
    >
      <AlertTitle>
        {source}: {titles[error.kind] ?? error.kind}
        {error.status ? ` (HTTP ${error.status})` : ''}
      </AlertTitle>
      {error.message}
    </Alert>
  );
}
