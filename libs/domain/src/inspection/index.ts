export * from './inspection.events.js';
export * from './inspection.commands.js';
export * from './inspection.errors.js';
export * from './inspection.state.js';
export * from './inspection.decide.js';
export * from './report-schedule.js';
