export * from './accountability.errors.js';
export * from './accountability.js';
export * from './reception-duty.js';
