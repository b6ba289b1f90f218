import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type Measurement, measure, type Scenario } from '../scenario.js';

/** The built CLI (`pnpm turbo run build` first). */
const BIN = fileURLToPath(new URL('../../../../apps/cli/dist/bin.js', import.meta.url));

/** Starts `node args…` `runs` times, one after the other; each run is one "event". */
function starts(label: string, args: readonly string[], runs: number): Promise<Measurement> {
  return measure(label, async () => {
    for (let run = 0; run < runs; run += 1) execFileSync(process.execPath, args, { stdio: 'ignore' });
    return { events: runs };
  });
}

const scenario: Scenario = {
  name: 'cli-startup',
  description:
    '`sluice --version` and `--help` (commands load the runtime only when they run) vs starting a bare `node -e 0`',
  async run(options) {
    const runs = options.quick ? 5 : 20;
    const baseline = await starts('node -e 0', ['-e', '0'], runs);
    return [
      {
        name: 'sluice --version',
        subject: await starts('sluice --version', [BIN, '--version'], runs),
        baseline,
        target: '< 150 ms per start',
      },
      {
        name: 'sluice --help',
        subject: await starts('sluice --help', [BIN, '--help'], runs),
        baseline,
        target: '< 150 ms per start',
      },
    ];
  },
};

export default scenario;
