// Filled by the backend issue (#4): the argocd client.
export {};
