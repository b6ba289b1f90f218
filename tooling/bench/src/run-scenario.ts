/**
 * Runs one scenario in this process and prints its comparisons as one JSON line on stdout, so
 * the runner can give each scenario a fresh process (its own peak RSS, no JIT or heap carry-over).
 */
import { scenarioLoaders } from './scenarios.js';

const [name, sizeText, quickText, executable, eventsText] = process.argv.slice(2);
const loader = name === undefined ? undefined : scenarioLoaders[name];
if (loader === undefined) {
  process.stderr.write(`unknown scenario "${name}" (known: ${Object.keys(scenarioLoaders).join(', ')})\n`);
  process.exitCode = 2;
} else {
  const scenario = (await loader()).default;
  const size = sizeText === undefined || sizeText === '' ? undefined : Number(sizeText);
  const comparisons = await scenario.run({
    size,
    quick: quickText === 'quick',
    executable: executable === undefined || executable === '' ? undefined : executable,
    events: eventsText === undefined || eventsText === '' ? undefined : Number(eventsText),
  });
  process.stdout.write(`${JSON.stringify({ scenario: name, comparisons })}\n`);
}
