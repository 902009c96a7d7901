// Shared helpers for end-to-end tests: child processes and private buses.
