import { Theme } from '@material-ui/core/styles';
import { readableColor } from './readableColor';

/** How a status reads at a glance; mapped to the theme palette so it works in dark mode too. */
export type Tone = 'ok' | 'warning' | 'error' | 'info' | 'neutral';

function paletteColor(theme: Theme, tone: Tone): string {
  switch (tone) {
    case 'ok':
      return theme.palette.success.main;
    case 'warning':
      return theme.palette.warning.main;
    case 'error':
      return theme.palette.error.main;
    case 'info':
      return theme.palette.info.main;
    default:
      return theme.palette.text.secondary;
  }
}

/**
 * The theme's colour of a tone, adjusted to be readable as text on the theme's surfaces (WCAG AA 4.5:1):
 * the palette's `main` colours are meant for fills and fail as text, e.g. MUI's error red on white (3.7:1).
 */
export function toneColor(theme: Theme, tone: Tone): string {
  return readableColor(theme, paletteColor(theme, tone));
}
