// The Vietnamese names of the API's codes, for the server and the console alike (labels.vi.ts).
export * from './labels.vi.js';
