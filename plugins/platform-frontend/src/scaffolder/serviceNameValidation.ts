import { discoveryApiRef, fetchApiRef } from '@backstage/frontend-plugin-api';
import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import { checkService, queryFromForm } from './serviceCheck';

/** The field's name in templates (`ui:field`). */
export const SERVICE_NAME_FIELD = 'PlatformServiceName';

/** Blocks "Next" while the name is taken: the preflight's problems become the field's error. */
export const validateServiceName: CustomFieldValidator<string> = async (
  value,
  validation,
  context,
) => {
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
};
