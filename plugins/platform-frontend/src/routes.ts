import { createRouteRef } from '@backstage/frontend-plugin-api';

/** The "My services" page: the signed-in user's fleet. */
export const fleetPageRouteRef = createRouteRef();
