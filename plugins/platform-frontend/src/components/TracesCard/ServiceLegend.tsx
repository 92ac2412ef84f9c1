import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { serviceColor } from './waterfall';

/** Which colour is which service. */
export function ServiceLegend(props: { services: string[] }) {
  return (
    <Box
      display="flex"
      flexWrap="wrap"
      style={{ gap: 12 }}
      my={1}
      aria-label="Services"
    >
      {props.services.map((service, i) => (
        <Box
          key={service}
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
              backgroundColor: serviceColor(i),
            }}
          />
          <Typography variant="caption">{service}</Typography>
        </Box>
      ))}
    </Box>
  );
}
