/**
 * The support of every HTTP test: a real app on a fresh database (app.ts), its clock (clock.ts), the
 * organisations and their tokens (organisation.ts), HTTP and problem assertions (http.ts), the case
 * client and the case view's readers (cases.ts), waiting on conditions (wait.ts), and all of a suite's
 * setup in one call (world.ts).
 */
export * from './app.js';
export * from './cases.js';
export * from './clock.js';
export * from './http.js';
export * from './organisation.js';
export * from './wait.js';
export * from './world.js';
