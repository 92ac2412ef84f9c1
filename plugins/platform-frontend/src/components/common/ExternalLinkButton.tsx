import Button from '@material-ui/core/Button';
import OpenInNew from '@material-ui/icons/OpenInNew';

/** A deep link into the upstream tool, opened in a new tab. Renders nothing without a URL. */
export function ExternalLinkButton(props: { href?: string; label: string }) {
  if (!props.href) return null;
  return (
    <Button
      size="small"
      href={props.href}
      target="_blank"
      rel="noopener noreferrer"
      endIcon={<OpenInNew fontSize="small" />}
    >
      {props.label}
    </Button>
  );
}
