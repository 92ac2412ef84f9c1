// Filled by the backend issue (#4): the loki client.
export {};
