import {
  discoveryApiRef,
  fetchApiRef,
  TranslationFunction,
  useApi,
  useTranslationRef,
} from '@backstage/frontend-plugin-api';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import TextField from '@material-ui/core/TextField';
import { useEffect, useState } from 'react';
import { platformTranslationRef } from '../translation';
import {
  ServiceCheckResult,
  checkService,
  queryFromForm,
} from './serviceCheck';

const DEBOUNCE_MS = 400;

/** What to show under the field for a check result. */
export function describeCheck(
  result: ServiceCheckResult | undefined,
  checking: boolean,
  t: TranslationFunction<typeof platformTranslationRef.T>,
): { error: boolean; text?: string } {
  if (checking) {
    return { error: false, text: t('serviceName.checking') };
  }
  if (!result) {
    return { error: false };
  }
  if (!result.available) {
    return { error: true, text: result.problems.join(' ') };
  }
  return {
    error: false,
    text:
      result.existing.length > 0
        ? t('serviceName.exists', { count: result.existing.length })
        : t('serviceName.available'),
  };
}

/**
 * The service name field: a text field that runs the template's preflight (name, owner and, once known,
 * namespace, repository and Jenkins folder) while the user types, and says at once when the name is taken
 * and by whom.
 */
export function ServiceNameField(props: FieldExtensionComponentProps<string>) {
  const {
    formData,
    onChange,
    required,
    rawErrors,
    schema,
    formContext,
    idSchema,
  } = props;
  const { t } = useTranslationRef(platformTranslationRef);
  const discoveryApi = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  const [result, setResult] = useState<ServiceCheckResult | undefined>();
  const [checking, setChecking] = useState(false);
  const allValues = (
    formContext as { formData?: Record<string, unknown> } | undefined
  )?.formData;
  const query = queryFromForm(formData ?? '', allValues);
  const key = JSON.stringify(query ?? null);

  useEffect(() => {
    setResult(undefined);
    if (
      !query ||
      !new RegExp(String(schema.pattern ?? '.*')).test(query.name)
    ) {
      setChecking(false);
      return undefined;
    }
    const controller = new AbortController();
    setChecking(true);
    const timer = setTimeout(() => {
      checkService({ discoveryApi, fetchApi }, query, controller.signal)
        .then(setResult, () => setResult(undefined))
        .finally(() => setChecking(false));
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
    // the query's content, not its identity, decides when to check again
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, discoveryApi, fetchApi]);

  const shown = describeCheck(result, checking, t);
  const errors = rawErrors?.length ? rawErrors.join(' ') : undefined;
  return (
    <TextField
      id={idSchema?.$id}
      label={schema.title ?? t('serviceName.label')}
      value={formData ?? ''}
      required={required}
      onChange={event => onChange(event.target.value)}
      error={Boolean(errors) || shown.error}
      helperText={errors ?? shown.text ?? schema.description}
      margin="normal"
      fullWidth
      inputProps={{
        'aria-describedby': `${idSchema?.$id}-helper-text`,
        'data-testid': 'service-name-field',
      }}
    />
  );
}
