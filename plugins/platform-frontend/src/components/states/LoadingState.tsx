import { Progress } from '@backstage/core-components';

/** Shown while a source loads for the first time. */
export function LoadingState(props: { label: string }) {
  return (
    <div role="status" aria-label={`Loading ${props.label}`}>
      <Progress />
    </div>
  );
}
