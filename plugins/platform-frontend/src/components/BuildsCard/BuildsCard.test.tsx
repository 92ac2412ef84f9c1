import { screen, within } from '@testing-library/react';
import * as f from '../../__testUtils__/fixtures';
import { mockPlatformApi, renderCard } from '../../__testUtils__/renderCard';
import { BuildsCard } from './BuildsCard';

describe('BuildsCard', () => {
  it('lists runs newest first with result, duration and links', async () => {
    const api = mockPlatformApi({
      getBuilds: jest.fn(async () => f.ok(f.builds)),
    });
    renderCard(<BuildsCard />, { api });
    const rows = await screen.findAllByTestId('platform-build');
    expect(within(rows[0]).getByRole('link', { name: '#42' })).toHaveAttribute(
      'href',
      'https://jenkins.example/job/msa/job/msa-nginx/42/',
    );
    expect(within(rows[0]).getByText('FAILURE')).toHaveAttribute(
      'data-tone',
      'error',
    );
    expect(within(rows[0]).getByText('30 s')).toBeInTheDocument();
    expect(within(rows[1]).getByText('SUCCESS')).toHaveAttribute(
      'data-tone',
      'ok',
    );
    expect(within(rows[1]).getByText('1 m 35 s')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /jenkins/i })).toHaveAttribute(
      'href',
      'https://jenkins.example/job/msa/job/msa-nginx/',
    );
    expect(screen.getByText('msa/msa-nginx')).toBeInTheDocument();
  });
});
