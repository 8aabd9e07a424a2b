/**
 * Table A6 matrices: cases × codes with one judgement per coder and cell, their evidence, passage
 * counts and coverage, consensus adjudication and agreement on ratings. Everything is pure and works
 * on {@link ProjectData}; mutations return a new project (structural sharing) inside a Result.
 */
export * from './scale.js';
export * from './defaults.js';
export * from './matrix-ops.js';
export * from './matrix-edits.js';
export * from './evidence.js';
export * from './ratings.js';
export * from './consensus.js';
export * from './counts.js';
export * from './view.js';
export * from './reliability.js';
