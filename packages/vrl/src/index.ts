export { compile } from './vrl.js';
