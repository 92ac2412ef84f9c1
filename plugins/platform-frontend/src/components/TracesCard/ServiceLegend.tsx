import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useServiceColors } from './useServiceColors';
import { platformTranslationRef } from '../../translation';

/** Which colour is which service. */
export function ServiceLegend(props: { services: string[] }) {
  const colors = useServiceColors(props.services);
  const { t } = useTranslationRef(platformTranslationRef);
  return (
    <Box
      display="flex"
      flexWrap="wrap"
      style={{ gap: 12 }}
      my={1}
      role="list"
      aria-label={t('tracesCard.services')}
    >
      {props.services.map(service => (
        <Box
          key={service}
          role="listitem"
          display="flex"
          alignItems="center"
          style={{ gap: 4 }}
        >
          <span
            aria-hidden
            style={{
              width: 10,
              height: 10,
              borderRadius: '50%',
              backgroundColor: colors.get(service),
            }}
          />
          <Typography variant="caption">{service}</Typography>
        </Box>
      ))}
    </Box>
  );
}
