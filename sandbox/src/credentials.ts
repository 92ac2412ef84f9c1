/** Credentials fixed by docs/integration-contract.md. */
export const CREDENTIALS = {
  git: { username: 'platform', password: 'sandbox-git-token' },
  argocd: {
    token: 'sandbox-argocd-token',
    username: 'admin',
    password: 'sandbox-argocd-password',
  },
  jenkins: { username: 'platform', apiToken: 'sandbox-jenkins-token' },
  kubernetes: { token: 'sandbox-kube-token' },
} as const;
