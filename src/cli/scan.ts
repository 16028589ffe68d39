// Entry point of `npm run scan` (tsx src/cli/scan.ts). Wiring only: the logic is in run.ts.
import { installNodeAnalyzer } from './nodeAnalyzer';
import { oneLine, runScan } from './run';

// The same results as the JavaScript pass, sooner.
installNodeAnalyzer();

// `npm run scan | head` closes the pipe early: that is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') process.stderr.write(`scan: ${oneLine(error)}\n`);
  process.exit(error.code === 'EPIPE' ? 0 : 1);
});

runScan(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`scan: ${oneLine(error)}\n`);
    process.exitCode = 1;
  },
);
