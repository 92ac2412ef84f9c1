import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const GIT = 'http://127.0.0.1:17080';
const GIT_PUSH = 'http://platform:sandbox-git-token@127.0.0.1:17080';

/**
 * Registers a Component owned by app-team (the guest is in platform-team) with msa-nginx's annotations, so a
 * test can see what a non-owner gets: its catalog-info.yaml pushed to a new repository on the sandbox git host
 * (push-to-create) and registered as a catalog location with the guest's token. Returns its name and the
 * location id, for {@link unregisterForeignComponent}.
 */
export async function registerForeignComponent(
  baseUrl: string,
  token: string,
): Promise<{ name: string; locationId?: string }> {
  const name = `foreign-${Date.now().toString(36)}`;
  const nginx = await readFile(
    path.resolve(__dirname, '..', 'examples', 'msa-nginx.yaml'),
    'utf8',
  );
  const dir = await mkdtemp(path.join(os.tmpdir(), 'e2e-foreign-'));
  try {
    await writeFile(
      path.join(dir, 'catalog-info.yaml'),
      nginx
        .replace(/^ {2}name: msa-nginx$/m, `  name: ${name}`)
        .replace(/^ {2}owner: .*$/m, '  owner: group:default/app-team')
        .replace(/^ {2}dependsOn: .*$/m, ''),
    );
    const git = (...args: string[]) =>
      run(
        'git',
        ['-c', 'user.name=e2e', '-c', 'user.email=e2e@example', ...args],
        {
          cwd: dir,
        },
      );
    await git('init', '-q', '-b', 'main');
    await git('add', 'catalog-info.yaml');
    await git('commit', '-q', '-m', 'a component of app-team');
    await git('push', '-q', `${GIT_PUSH}/app-team/${name}.git`, 'main');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const response = await fetch(`${baseUrl}/api/catalog/locations`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify({
      type: 'url',
      target: `${GIT}/app-team/${name}/src/branch/main/catalog-info.yaml`,
    }),
  });
  if (!response.ok) {
    throw new Error(
      `registering the foreign component answered ${
        response.status
      }: ${await response.text()}`,
    );
  }
  const body = (await response.json()) as { location?: { id?: string } };
  return { name, locationId: body.location?.id };
}

/** Removes the location again (the entity goes with it once the catalog notices). */
export async function unregisterForeignComponent(
  baseUrl: string,
  token: string,
  locationId: string | undefined,
): Promise<void> {
  if (!locationId) return;
  await fetch(
    `${baseUrl}/api/catalog/locations/${encodeURIComponent(locationId)}`,
    {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${token}` },
    },
  );
}
