export { FleetContent } from './FleetContent';
export { FleetCard, FLEET_REFRESH_MS, useHealthLink } from './FleetCard';
export { FleetTable } from './FleetTable';
export { fleetCells } from './fleetCells';
export { useMyFleet } from './useMyFleet';
