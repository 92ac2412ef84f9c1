// Filled by the backend issue (#4): the tempo client.
export {};
