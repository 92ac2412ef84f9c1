import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useServiceColors } from './useServiceColors';

/** Which colour is which service. */
export function ServiceLegend(props: { services: string[] }) {
  const colors = useServiceColors(props.services);
  return (
    <Box
      display="flex"
      flexWrap="wrap"
      style={{ gap: 12 }}
      my={1}
      role="list"
      aria-label="Services"
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
