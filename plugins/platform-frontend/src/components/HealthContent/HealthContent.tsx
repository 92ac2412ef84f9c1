import Grid from '@material-ui/core/Grid';
import { PlatformSourceCardLayout } from '../../blueprints/sourceCardParams';
import { HealthVerdict } from './HealthVerdict';
import { sourceAnchor } from './sourceAnchor';

/** One card on the Health tab, as the attached extension declared it. */
export interface HealthCard {
  sourceId: string;
  title: string;
  layout: PlatformSourceCardLayout;
  element: JSX.Element;
}

/**
 * The entity's Health tab: the verdict and its reasons, then the given cards in order. Each card loads and
 * fails on its own, so one broken upstream never blanks the tab.
 */
export function HealthContent(props: { cards: ReadonlyArray<HealthCard> }) {
  const titles = new Map<string, string>();
  for (const card of props.cards) {
    if (!titles.has(card.sourceId)) titles.set(card.sourceId, card.title);
  }
  const anchored = new Set<string>();
  return (
    <Grid container spacing={3} data-testid="platform-health">
      <Grid item xs={12}>
        <HealthVerdict cardTitles={titles} />
      </Grid>
      {props.cards.map((card, index) => {
        const first = !anchored.has(card.sourceId);
        anchored.add(card.sourceId);
        return (
          <Grid
            key={`${card.sourceId}-${index}`}
            item
            xs={12}
            lg={card.layout === 'half' ? 6 : 12}
            id={first ? sourceAnchor(card.sourceId) : undefined}
            data-platform-source={card.sourceId}
          >
            {card.element}
          </Grid>
        );
      })}
    </Grid>
  );
}
