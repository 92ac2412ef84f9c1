import { createBackend } from '@backstage/backend-defaults';
import { permissionPolicyModule } from './permissionPolicy';
import { rootHttpRouter } from './rootHttpRouter';

const backend = createBackend();

// No stack traces in error bodies, and a readable answer to requests Node refuses before routing.
backend.add(rootHttpRouter);

backend.add(import('@backstage/plugin-app-backend'));

backend.add(import('@backstage/plugin-auth-backend'));
// Guest sign-in is for local use; app-config.production.yaml shows a real provider.
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

backend.add(import('@backstage/plugin-permission-backend'));
backend.add(permissionPolicyModule);

backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-gitlab'));
// Task recovery across replicas resumes a task with the workspace its last completed step left, kept in the
// database (used only when scaffolder.taskRecovery.workspaceProvider is `database`: app-config.replicas.yaml).
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-workspace-database'),
);

// Notifications (the platform's owner watcher sends through them) and signals, which push them to open browsers.
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

backend.add(import('@paved-road/backstage-plugin-platform-backend'));
// The actions of backend.actions.pluginSources as MCP tools at /api/mcp-actions/v1 (the caller's token).
backend.add(import('@backstage/plugin-mcp-actions-backend'));
backend.add(
  import('@paved-road/backstage-plugin-scaffolder-backend-module-platform'),
);

backend.start();
