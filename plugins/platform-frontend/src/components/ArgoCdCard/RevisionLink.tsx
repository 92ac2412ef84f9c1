import Link from '@material-ui/core/Link';
import { shortId } from '../../format';

/** A git revision, short, linked to its commit when the repository host is known. */
export function RevisionLink(props: { revision?: string; url?: string }) {
  if (!props.revision) return <>-</>;
  const text = <code title={props.revision}>{shortId(props.revision, 7)}</code>;
  return props.url ? (
    <Link href={props.url} target="_blank" rel="noopener noreferrer">
      {text}
    </Link>
  ) : (
    text
  );
}
