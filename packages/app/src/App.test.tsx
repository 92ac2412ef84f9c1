import { render, screen } from '@testing-library/react';
import App from './App';

describe('App', () => {
  // The first render loads the whole app; on a busy machine that takes longer than Jest's 5 s default.
  it('renders the sign-in page with the configured title and the guest provider', async () => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'Test' },
            backend: { baseUrl: 'http://localhost:7007' },
            techdocs: {
              storageUrl: 'http://localhost:7007/api/techdocs/static/docs',
            },
          },
          context: 'test',
        },
      ] as any,
    };

    render(App.createRoot());

    // Nothing is signed in, so the first thing the app shows is its sign-in page.
    expect(
      await screen.findByRole('button', { name: 'Enter' }, { timeout: 20_000 }),
    ).toBeInTheDocument();
    expect(screen.getByText(/^Enter as a Guest User\./)).toBeInTheDocument();
    expect(screen.getByText('Test')).toBeInTheDocument();
  }, 30_000);
});
