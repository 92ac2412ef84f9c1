import {
  darken,
  decomposeColor,
  getContrastRatio,
  lighten,
  recomposeColor,
  Theme,
} from '@material-ui/core/styles';

/** WCAG 2 AA minimum contrast of normal-size text (1.4.3). */
export const TEXT_CONTRAST = 4.5;
/** WCAG 2 AA minimum contrast of graphics that carry meaning, e.g. a chart line or a bar (1.4.11). */
export const GRAPHIC_CONTRAST = 3;
// getContrastRatio rounds to two decimals and axe measures anti-aliased pixels: aim a little above the bar.
const MARGIN = 0.15;
const STEP = 0.05;

/** `color` with its alpha composited onto the opaque `base`: what the eye sees, which contrast is taken of. */
export function composite(color: string, base: string): string {
  const top = decomposeColor(color);
  const bottom = decomposeColor(base);
  const a = top.type.endsWith('a') ? top.values[3] ?? 1 : 1;
  if (a >= 1 || !top.type.startsWith('rgb') || !bottom.type.startsWith('rgb')) {
    return color;
  }
  const values = [0, 1, 2].map(i =>
    Math.round(top.values[i] * a + bottom.values[i] * (1 - a)),
  );
  return recomposeColor({
    type: 'rgb',
    values: values as [number, number, number],
  });
}

/**
 * The opaque backgrounds the plugin's text and marks sit on in this theme: cards (paper), the page, and a
 * card row under the pointer or selected.
 */
export function themeSurfaces(theme: Theme): string[] {
  const { paper, default: page } = theme.palette.background;
  return [
    paper,
    page,
    composite(theme.palette.action.hover, paper),
    composite(theme.palette.action.selected, paper),
  ];
}

/**
 * `color`, darkened on a light theme or lightened on a dark one just enough to reach `minContrast` against
 * every surface (and made opaque); a colour that already does is kept, so is the palette's hue.
 */
export function readableColor(
  theme: Theme,
  color: string,
  minContrast: number = TEXT_CONTRAST,
): string {
  const surfaces = themeSurfaces(theme);
  const opaque = composite(color, theme.palette.background.paper);
  const adjust = theme.palette.type === 'dark' ? lighten : darken;
  const target = minContrast + MARGIN;
  const worst = (c: string) =>
    Math.min(...surfaces.map(s => getContrastRatio(c, s)));
  for (let step = 0; step * STEP <= 1; step++) {
    const candidate = step === 0 ? opaque : adjust(opaque, step * STEP);
    if (worst(candidate) >= target) return candidate;
  }
  return theme.palette.text.primary;
}
