import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import { ServiceNameField } from './ServiceNameField';
import {
  SERVICE_NAME_FIELD,
  validateServiceName,
} from './serviceNameValidation';

/**
 * `ui:field: PlatformServiceName`: the service name, checked against every resource a template run would touch
 * (catalog, repository, msa_deploy, Jenkins, namespace, Argo CD) with the user's rights, before the last page.
 */
export const serviceNameField = createFormField({
  name: SERVICE_NAME_FIELD,
  component: ServiceNameField,
  validation: validateServiceName,
});
