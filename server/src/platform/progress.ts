// Progress for long commands: a bar on a terminal, a plain line every few seconds otherwise
// (CI logs, pipes). Always on stderr, so stdout stays machine-readable JSON.
import cliProgress from 'cli-progress';

export interface Progress {
  update(done: number, extra?: string): void;
  stop(): void;
}

export function progress(label: string, total: number, unit = ''): Progress {
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: `${label} [{bar}] {percentage}% | {value}/{total}${unit} | {extra} | ETA {eta_formatted}`, stream: process.stderr, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { extra: '' });
    return { update: (done, extra = '') => bar.update(done, { extra }), stop: () => bar.stop() };
  }
  let last = 0;
  return {
    update(done, extra = '') {
      if (Date.now() - last < 5000 && done < total) return;
      last = Date.now();
      process.stderr.write(`${label}: ${done}/${total}${unit} (${total ? Math.floor((100 * done) / total) : 100}%) ${extra}\n`);
    },
    stop() {},
  };
}
