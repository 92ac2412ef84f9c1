export { FleetContent } from './FleetContent';
export { FleetTable } from './FleetTable';
export { fleetCells } from './fleetCells';
