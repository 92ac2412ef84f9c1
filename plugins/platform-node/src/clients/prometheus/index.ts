// Filled by the backend issue (#4): the prometheus client.
export {};
