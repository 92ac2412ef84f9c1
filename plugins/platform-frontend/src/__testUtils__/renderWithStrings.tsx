import { mockApis, TestApiProvider } from '@backstage/frontend-test-utils';
import { render, RenderOptions } from '@testing-library/react';
import { ReactElement, ReactNode } from 'react';

/** The APIs a component reading the plugin's strings (`useTranslationRef`) needs, with the English defaults. */
function StringsProvider(props: { children?: ReactNode }) {
  return (
    <TestApiProvider apis={[mockApis.translation(), mockApis.error()]}>
      {props.children}
    </TestApiProvider>
  );
}

/** `render` from Testing Library for a component outside a test app that shows the plugin's strings. */
export function renderWithStrings(
  ui: ReactElement,
  options?: Omit<RenderOptions, 'wrapper'>,
) {
  return render(ui, { ...options, wrapper: StringsProvider });
}
