export { buildRelease } from './build.js';
export type { DependencyProblem, Manifest } from './dependencies.js';
export { checkDependencies, importedPackages, packageOf } from './dependencies.js';
export { fetchNode } from './node-runtime.js';
export {
  debPath,
  EXECUTABLE_NODE_LINE,
  executablePath,
  NPM_DIRECTORY,
  ociArchivePath,
  RELEASE_DIRECTORY,
  releaseVersion,
} from './paths.js';
export type { WorkspacePackage } from './workspace.js';
export { publishablePackages, workspacePackages } from './workspace.js';
