import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import { ServiceNameField } from './ServiceNameField';
import { checkService, queryFromForm } from './serviceCheck';
import { discoveryApiRef, fetchApiRef } from '@backstage/frontend-plugin-api';

/**
 * `ui:field: PlatformServiceName`: the service name, checked against every resource a template run would touch
 * (catalog, repository, msa_deploy, Jenkins, namespace, Argo CD) with the user's rights, before the last page.
 */
export const serviceNameField = createFormField({
  name: 'PlatformServiceName',
  component: ServiceNameField,
  validation: async (value, validation, context) => {
    const query = queryFromForm(
      value ?? '',
      context.formData as Record<string, unknown>,
    );
    const discoveryApi = context.apiHolder.get(discoveryApiRef);
    const fetchApi = context.apiHolder.get(fetchApiRef);
    if (!query || !discoveryApi || !fetchApi) {
      return;
    }
    const result = await checkService({ discoveryApi, fetchApi }, query).catch(
      () => undefined,
    );
    if (result && !result.available) {
      validation.addError(result.problems.join(' '));
    }
  },
});
