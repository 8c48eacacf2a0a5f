export * from './case.events.js';
export * from './case.commands.js';
export * from './case.state.js';
export * from './case.errors.js';
export { decide, intakeRuleFor, DECREE_155_2026_IN_FORCE, DIALOGUE_NOTICE_DAYS } from './case.decide.js';
export * from './case.view.js';
export * from './deadline-watch.decide.js';
export * from './case.public-view.js';
