import { getContrastRatio, Theme } from '@material-ui/core/styles';
import { themes } from '@backstage/theme';
import {
  composite,
  GRAPHIC_CONTRAST,
  readableColor,
  TEXT_CONTRAST,
  themeSurfaces,
} from './readableColor';
import { Tone, toneColor } from './toneColor';
import { serviceColor } from '../TracesCard/waterfall';

const backstage: Record<string, Theme> = {
  light: themes.light.getTheme('v4') as Theme,
  dark: themes.dark.getTheme('v4') as Theme,
};
const TONES: Tone[] = ['ok', 'warning', 'error', 'info', 'neutral'];

const worstContrast = (theme: Theme, color: string) =>
  Math.min(...themeSurfaces(theme).map(s => getContrastRatio(color, s)));

describe('composite', () => {
  it('blends a translucent colour onto its base, and leaves an opaque one alone', () => {
    expect(composite('rgba(0, 0, 0, 0.5)', '#ffffff')).toBe(
      'rgb(128, 128, 128)',
    );
    expect(composite('#f44336', '#ffffff')).toBe('#f44336');
  });
});

describe.each(Object.keys(backstage))("Backstage's %s theme", name => {
  const theme = backstage[name];

  it('has surfaces of its own type: cards, page, hovered and selected rows', () => {
    const surfaces = themeSurfaces(theme);
    expect(surfaces).toHaveLength(4);
    expect(surfaces[0]).toBe(theme.palette.background.paper);
    // A hovered row differs from the card, so it is really checked too.
    expect(surfaces[2]).not.toBe(surfaces[0]);
  });

  it.each(TONES)(
    'makes the %s tone readable as text on every surface',
    tone => {
      expect(
        worstContrast(theme, toneColor(theme, tone)),
      ).toBeGreaterThanOrEqual(TEXT_CONTRAST);
    },
  );

  it('lifts the palette main colours that fail as text', () => {
    // The failure this guards against: MUI's error red is 3.7:1 on white and 2.7:1 on the dark card.
    expect(
      getContrastRatio(
        theme.palette.error.main,
        theme.palette.background.paper,
      ),
    ).toBeLessThan(TEXT_CONTRAST);
    expect(toneColor(theme, 'error')).not.toBe(theme.palette.error.main);
  });

  it('gives the first 24 services colours that stand out as graphics', () => {
    for (let i = 0; i < 24; i++) {
      const color = readableColor(theme, serviceColor(i), GRAPHIC_CONTRAST);
      expect(worstContrast(theme, color)).toBeGreaterThanOrEqual(
        GRAPHIC_CONTRAST,
      );
    }
  });

  it('keeps a colour that is readable already', () => {
    const text = theme.palette.type === 'dark' ? '#ffffff' : '#000000';
    expect(readableColor(theme, text)).toBe(text);
  });
});
