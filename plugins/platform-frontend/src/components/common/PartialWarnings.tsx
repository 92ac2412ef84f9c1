import Alert from '@material-ui/lab/Alert';

/** Parts of a source that could not be read while the rest answered. */
export function PartialWarnings(props: { warnings?: string[] }) {
  if (!props.warnings?.length) return null;
  return (
    <Alert severity="warning" data-testid="platform-warnings">
      {props.warnings.map(w => (
        <div key={w}>{w}</div>
      ))}
    </Alert>
  );
}
