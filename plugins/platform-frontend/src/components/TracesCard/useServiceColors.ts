import { useTheme } from '@material-ui/core/styles';
import { useMemo } from 'react';
import { GRAPHIC_CONTRAST, readableColor } from '../common/readableColor';
import { serviceColor } from './waterfall';

/**
 * Each service's colour in the current theme: its hue from {@link serviceColor}, lightness adjusted so the
 * legend dots and waterfall bars stand out from the card (WCAG 1.4.11, 3:1) in light and dark themes alike;
 * mid-lightness yellows and greens alone are too pale on white.
 */
export function useServiceColors(services: string[]): Map<string, string> {
  const theme = useTheme();
  return useMemo(
    () =>
      new Map(
        services.map((service, i) => [
          service,
          readableColor(theme, serviceColor(i), GRAPHIC_CONTRAST),
        ]),
      ),
    [theme, services],
  );
}
