export * from './unit.events.js';
export * from './unit.commands.js';
export * from './unit.errors.js';
export * from './unit.state.js';
export * from './unit.decide.js';
export * from './unit.queries.js';
export * from './unit-merger.plan.js';
