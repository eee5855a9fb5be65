// Progress of a batch: on a terminal one redrawn bar with rate and ETA, else
// one plain line per finished page (logs, CI, pipes).
//
//   const progress = createProgress({ total, stream: process.stderr });
//   progress.done({ url, ok, score, error });
//   progress.finish();

function duration(seconds) {
  if (!Number.isFinite(seconds) || seconds < 0) return '--';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/**
 * @param {{total: number, skipped?: number, stream?: NodeJS.WriteStream, tty?: boolean, now?: () => number, quiet?: boolean}} o
 */
export function createProgress({ total, skipped = 0, stream = process.stderr, tty = !!stream.isTTY, now = Date.now, quiet = false }) {
  const start = now();
  let finished = 0;
  let errors = 0;
  let lastDraw = 0;
  const state = () => {
    const elapsed = (now() - start) / 1000;
    const rate = elapsed > 0 ? finished / elapsed : 0; // pages per second
    const eta = rate > 0 ? (total - finished) / rate : NaN;
    return { elapsed, rate, eta };
  };
  const bar = () => {
    const { rate, eta } = state();
    const width = 24;
    const fill = total ? Math.round((finished / total) * width) : width;
    const pct = total ? Math.floor((finished / total) * 100) : 100;
    return `[${'#'.repeat(fill)}${'.'.repeat(width - fill)}] ${finished}/${total} ${pct}% ` +
      `${(rate * 60).toFixed(1)} pages/min ETA ${duration(eta)}${errors ? ` errors ${errors}` : ''}`;
  };
  const draw = (force) => {
    if (!tty || quiet) return;
    const t = now();
    if (!force && t - lastDraw < 100) return;
    lastDraw = t;
    const cols = stream.columns || 100;
    stream.write(`\r\x1b[K${bar().slice(0, cols - 1)}`);
  };
  if (!quiet) {
    if (skipped) stream.write(`resume: ${skipped} already done, ${total} to scan\n`);
    draw(true);
  }
  const timer = tty && !quiet ? setInterval(() => draw(true), 1000) : null;
  timer?.unref?.();
  return {
    /** One page finished (ok or error row). */
    done({ url, ok, score, error }) {
      finished++;
      if (!ok) errors++;
      if (quiet) return;
      if (tty) {
        if (!ok) stream.write(`\r\x1b[Kerror ${error?.code ?? '?'} ${url}: ${error?.message ?? ''}\n`);
        draw(!ok);
      } else {
        const { rate, eta } = state();
        const what = ok ? `ok score ${score}` : `error ${error?.code ?? '?'} (${error?.message ?? ''})`;
        stream.write(`[${finished}/${total}] ${what} ${url} | ${(rate * 60).toFixed(1)} pages/min ETA ${duration(eta)}\n`);
      }
    },
    finish() {
      if (timer) clearInterval(timer);
      if (quiet) return;
      if (tty) {
        draw(true);
        stream.write('\n');
      }
      const { elapsed } = state();
      stream.write(`scanned ${finished} page(s) in ${duration(elapsed)}, ${errors} error(s)\n`);
    },
    get counts() {
      return { finished, errors };
    },
  };
}
