import { defineConfig } from 'vitest/config';
import { sluiceTestProjects } from '../../vitest.shared.js';

export default defineConfig({ test: { projects: sluiceTestProjects() } });
