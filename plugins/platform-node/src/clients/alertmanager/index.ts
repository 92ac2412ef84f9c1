// Filled by the backend issue (#4): the alertmanager client.
export {};
