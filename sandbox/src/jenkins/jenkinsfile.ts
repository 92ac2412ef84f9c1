/**
 * Reads the machine-readable header of a generated Jenkinsfile: the single-quoted Groovy strings of the
 * first `environment { }` block (see docs/integration-contract.md).
 */

export class JenkinsfileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JenkinsfileError';
  }
}

type Tok =
  | { t: 'ident'; v: string }
  | { t: 'str'; v: string; interpolated: boolean }
  | { t: 'punct'; v: string }
  | { t: 'nl' };

const SIMPLE_ESCAPES: Record<string, string> = {
  n: '\n',
  r: '\r',
  t: '\t',
  b: '\b',
  f: '\f',
  '\\': '\\',
  "'": "'",
  '"': '"',
  $: '$',
};

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === '\n') {
      out.push({ t: 'nl' });
      i++;
    } else if (/\s/.test(c)) i++;
    else if (src.startsWith('//', i)) {
      while (i < src.length && src[i] !== '\n') i++;
    } else if (src.startsWith('/*', i)) {
      const end = src.indexOf('*/', i + 2);
      if (end < 0) throw new JenkinsfileError('unterminated comment');
      i = end + 2;
    } else if (src.startsWith("'''", i) || src.startsWith('"""', i)) {
      const q = src.slice(i, i + 3);
      const end = src.indexOf(q, i + 3);
      if (end < 0)
        throw new JenkinsfileError('unterminated triple-quoted string');
      out.push({
        t: 'str',
        v: src.slice(i + 3, end),
        interpolated: q === '"""',
      });
      i = end + 3;
    } else if (c === "'" || c === '"') {
      let v = '';
      let interpolated = false;
      i++;
      for (;;) {
        if (i >= src.length || src[i] === '\n')
          throw new JenkinsfileError('unterminated string literal');
        const ch = src[i];
        if (ch === c) {
          i++;
          break;
        }
        if (ch === '\\') {
          const e = src[i + 1];
          if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(src.slice(i + 2, i + 6))) {
            v += String.fromCharCode(parseInt(src.slice(i + 2, i + 6), 16));
            i += 6;
            continue;
          }
          if (e === undefined || !(e in SIMPLE_ESCAPES))
            throw new JenkinsfileError(`unexpected escape \\${e ?? ''}`);
          v += SIMPLE_ESCAPES[e];
          i += 2;
          continue;
        }
        if (c === '"' && ch === '$') interpolated = true;
        v += ch;
        i++;
      }
      out.push({ t: 'str', v, interpolated });
    } else if (/[A-Za-z_]/.test(c)) {
      let j = i;
      while (j < src.length && /[A-Za-z0-9_]/.test(src[j])) j++;
      out.push({ t: 'ident', v: src.slice(i, j) });
      i = j;
    } else {
      out.push({ t: 'punct', v: c });
      i++;
    }
  }
  return out;
}

/** Variables of the first `environment { }` block; entries that are not plain strings are skipped. */
export function parseEnvironment(src: string): Record<string, string> {
  const toks = tokenize(src);
  const start = toks.findIndex(
    (t, k) =>
      t.t === 'ident' &&
      t.v === 'environment' &&
      toks.slice(k + 1).find(x => x.t !== 'nl')?.t === 'punct' &&
      (toks.slice(k + 1).find(x => x.t !== 'nl') as { v: string }).v === '{',
  );
  if (start < 0)
    throw new JenkinsfileError(
      'no environment { } block found in the Jenkinsfile',
    );
  let k = start + 1;
  while (toks[k].t === 'nl') k++;
  k++; // the {
  const env: Record<string, string> = {};
  let depth = 1;
  while (k < toks.length && depth > 0) {
    const t = toks[k];
    if (t.t === 'punct' && t.v === '{') depth++;
    else if (t.t === 'punct' && t.v === '}') depth--;
    else if (
      depth === 1 &&
      t.t === 'ident' &&
      toks[k + 1]?.t === 'punct' &&
      (toks[k + 1] as { v: string }).v === '='
    ) {
      const value = toks[k + 2];
      const after = toks[k + 3];
      const endsStatement =
        !after ||
        after.t === 'nl' ||
        (after.t === 'punct' && (after.v === '}' || after.v === ';'));
      if (value?.t === 'str' && !value.interpolated && endsStatement)
        env[t.v] = value.v;
      k += 2;
      continue;
    }
    k++;
  }
  if (depth > 0)
    throw new JenkinsfileError('unterminated environment { } block');
  return env;
}

export const REQUIRED_VARIABLES = [
  'SERVICE_NAME',
  'IMAGE_REPOSITORY',
  'DEPLOY_REPO_URL',
  'DEPLOY_BRANCH',
  'DEPLOY_FILE',
  'DEPLOY_LAYOUT',
] as const;

export interface PipelineHeader {
  SERVICE_NAME: string;
  IMAGE_REPOSITORY: string;
  DEPLOY_REPO_URL: string;
  DEPLOY_BRANCH: string;
  DEPLOY_FILE: string;
  DEPLOY_LAYOUT: 'manifest' | 'values';
}

/** Validates the header; throws JenkinsfileError naming the first problem. */
export function readPipelineHeader(src: string): PipelineHeader {
  const env = parseEnvironment(src);
  for (const v of REQUIRED_VARIABLES) {
    if (!env[v])
      throw new JenkinsfileError(
        `environment variable ${v} is missing from the Jenkinsfile`,
      );
  }
  if (env.DEPLOY_LAYOUT !== 'manifest' && env.DEPLOY_LAYOUT !== 'values') {
    throw new JenkinsfileError(
      `DEPLOY_LAYOUT must be 'manifest' or 'values', not '${env.DEPLOY_LAYOUT}'`,
    );
  }
  let url: URL;
  try {
    url = new URL(env.DEPLOY_REPO_URL);
  } catch {
    throw new JenkinsfileError(
      `DEPLOY_REPO_URL is not a URL: ${env.DEPLOY_REPO_URL}`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new JenkinsfileError('DEPLOY_REPO_URL must be http(s)');
  if (url.username || url.password)
    throw new JenkinsfileError('DEPLOY_REPO_URL must not carry credentials');
  const file = env.DEPLOY_FILE;
  if (
    file.startsWith('/') ||
    file.split('/').some(s => s === '..' || s === '' || s === '.') ||
    !/^[A-Za-z0-9._/-]+$/.test(file)
  ) {
    throw new JenkinsfileError(
      `DEPLOY_FILE is not a safe relative path: ${file}`,
    );
  }
  if (
    !/^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(env.DEPLOY_BRANCH) ||
    env.DEPLOY_BRANCH.includes('..')
  ) {
    throw new JenkinsfileError(
      `DEPLOY_BRANCH is not a valid branch name: ${env.DEPLOY_BRANCH}`,
    );
  }
  if (!/^[a-z0-9.-]+(:[0-9]+)?(\/[a-z0-9._-]+)+$/.test(env.IMAGE_REPOSITORY)) {
    throw new JenkinsfileError(
      `IMAGE_REPOSITORY is not an image repository: ${env.IMAGE_REPOSITORY}`,
    );
  }
  return env as unknown as PipelineHeader;
}

/** Renders a Groovy single-quoted string literal. */
export function groovyString(s: string): string {
  return `'${s
    .replace(/\\/g, '\\\\')
    .replace(/'/g, "\\'")
    .replace(/\n/g, '\\n')}'`;
}

/** A Jenkinsfile in the generated shape (used for the seeded jobs). */
export function renderJenkinsfile(h: PipelineHeader): string {
  const env = (Object.keys(h) as (keyof PipelineHeader)[])
    .map(k => `    ${k} = ${groovyString(h[k])}`)
    .join('\n');
  return `pipeline {
  agent any
  environment {
${env}
  }
  stages {
    stage('Build') {
      steps {
        sh '/kaniko/executor --destination=\${IMAGE_REPOSITORY}:\${BUILD_NUMBER}'
      }
    }
    stage('Bump deploy tag') {
      steps {
        sh 'echo "updated the image tag to \${BUILD_NUMBER}"'
      }
    }
  }
}
`;
}
