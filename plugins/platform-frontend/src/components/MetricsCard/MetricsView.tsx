import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  MetricSeries,
  MetricsValue,
} from '@paved-road/backstage-plugin-platform-common';
import { shortId } from '../../format';
import { PartialWarnings } from '../common/PartialWarnings';
import { ChartMarker, LineChart, MarkerLegend } from './LineChart';
import { markerBuild } from './markerBuild';
import { platformTranslationRef } from '../../translation';

const charts: Array<{
  name: MetricSeries['name'];
  format: (v: number) => string;
  minMax?: number;
}> = [
  { name: 'rate', format: v => `${formatNumber(v)}/s` },
  {
    name: 'errorRatio',
    format: v => `${formatNumber(v * 100)}%`,
    minMax: 0.01,
  },
  { name: 'p95', format: v => `${formatNumber(v)} ms` },
];

function formatNumber(v: number): string {
  if (v === 0) return '0';
  if (Math.abs(v) >= 100) return String(Math.round(v));
  if (Math.abs(v) >= 1) return String(Math.round(v * 10) / 10);
  return String(Math.round(v * 1000) / 1000);
}

/** "now 5.2/s" from the series' last defined point, or '' without one. */
function latestLabel(
  series: MetricSeries,
  format: (v: number) => string,
): string {
  for (let i = series.points.length - 1; i >= 0; i--) {
    const v = series.points[i][1];
    if (v !== null) return `now ${format(v)}`;
  }
  return '';
}

/** The three RED charts side by side, each with the deployments of the range marked. */
export function MetricsView(props: { value: MetricsValue }) {
  const { t } = useTranslationRef(platformTranslationRef);
  const { value } = props;
  const start = Date.parse(value.start) / 1000;
  const end = Date.parse(value.end) / 1000;
  const markers: ChartMarker[] = value.deployMarkers.map(m => {
    const build = markerBuild(m);
    const params = {
      application: m.application,
      revision: shortId(m.revision, 7),
      at: m.at,
    };
    return {
      at: Date.parse(m.at) / 1000,
      label: build
        ? t('metricsCard.deployMarkerBuild', { ...params, build })
        : t('metricsCard.deployMarker', params),
    };
  });
  return (
    <Grid container spacing={2}>
      {value.warnings?.length ? (
        <Grid item xs={12}>
          <PartialWarnings warnings={value.warnings} />
        </Grid>
      ) : null}
      {charts.map(chart => {
        const series = value.series.find(s => s.name === chart.name);
        const title = t(`metricsCard.charts.${chart.name}`);
        return (
          <Grid item xs={12} md={4} key={chart.name}>
            <Box
              display="flex"
              justifyContent="space-between"
              alignItems="baseline"
              flexWrap="wrap"
            >
              <Typography variant="subtitle2" component="h3">
                {title}
              </Typography>
              <Typography
                variant="body2"
                data-testid={`metric-now-${chart.name}`}
                title={
                  series
                    ? t('metricsCard.latest', { chart: title.toLowerCase() })
                    : ''
                }
              >
                {series ? latestLabel(series, chart.format) : ''}
              </Typography>
            </Box>
            {series && series.points.length > 0 ? (
              <LineChart
                title={title}
                points={series.points}
                start={start}
                end={end}
                markers={markers}
                format={chart.format}
                minMax={chart.minMax}
              />
            ) : (
              <Box py={4}>
                <Typography variant="body2" color="textSecondary">
                  {t('metricsCard.noData')}
                </Typography>
              </Box>
            )}
          </Grid>
        );
      })}
      {markers.some(m => m.at >= start && m.at <= end) && (
        <Grid item xs={12}>
          <MarkerLegend />
        </Grid>
      )}
    </Grid>
  );
}
