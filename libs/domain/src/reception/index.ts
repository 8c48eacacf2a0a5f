export * from './reception.events.js';
export * from './reception.commands.js';
export * from './reception.errors.js';
export * from './reception.state.js';
export * from './reception.decide.js';
