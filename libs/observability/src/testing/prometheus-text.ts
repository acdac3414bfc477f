/** One sample line of the Prometheus text format: `name{label="value",…} number`. */
export interface PromSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/**
 * A small parser of the text exposition format (0.0.4), strict enough to fail on a malformed line:
 * comments are skipped, label values are unescaped (\\, \", \n), values may be NaN or ±Inf (any case).
 */
export function parsePrometheusText(text: string): PromSample[] {
  const samples: PromSample[] = [];
  for (const [index, line] of text.split('\n').entries()) {
    if (line === '' || line.startsWith('#')) continue;
    const sample = parseLine(line);
    if (sample === undefined) throw new Error(`line ${index + 1} is not a sample: ${JSON.stringify(line)}`);
    samples.push(sample);
  }
  return samples;
}

function parseLine(line: string): PromSample | undefined {
  const head = /^([a-zA-Z_:][a-zA-Z0-9_:]*)/.exec(line);
  if (head === null) return undefined;
  const name = head[1];
  let at = name.length;
  const labels: Record<string, string> = {};
  if (line[at] === '{') {
    at++;
    while (line[at] !== '}') {
      const label = /^([a-zA-Z_][a-zA-Z0-9_]*)="/.exec(line.slice(at));
      if (label === null) return undefined;
      at += label[0].length;
      let value = '';
      for (;;) {
        const char = line[at++];
        if (char === undefined) return undefined;
        if (char === '"') break;
        if (char === '\\') {
          const escaped = line[at++];
          value += escaped === 'n' ? '\n' : escaped;
        } else value += char;
      }
      labels[label[1]] = value;
      if (line[at] === ',') at++;
    }
    at++;
  }
  const rest = line.slice(at).trim().split(/\s+/);
  if (rest.length < 1 || rest.length > 2) return undefined;
  // Go's ParseFloat (Prometheus's parser) takes NaN and Inf in any case: prom-client writes "Nan".
  const word = rest[0].toLowerCase();
  const value = word === 'nan' ? NaN : word === '+inf' || word === 'inf' ? Infinity : word === '-inf' ? -Infinity : Number(rest[0]);
  if (Number.isNaN(value) && word !== 'nan') return undefined;
  return { name, labels, value };
}

/** Samples of `name` as `{"<labels[0]> <labels[1]> …": value}` (only those whose other labels match `where`). */
export function promTable(samples: readonly PromSample[], name: string, labels: readonly string[], where: Record<string, string> = {}): Record<string, number> {
  const out: Record<string, number> = {};
  for (const sample of samples) {
    if (sample.name !== name) continue;
    if (Object.entries(where).some(([label, value]) => sample.labels[label] !== value)) continue;
    out[labels.map((label) => sample.labels[label]).join(' ')] = sample.value;
  }
  return out;
}

/** `promTable` without zeros: what a counter counted (a series may exist at 0 before its first increase). */
export function promCounts(samples: readonly PromSample[], name: string, labels: readonly string[], where: Record<string, string> = {}): Record<string, number> {
  return Object.fromEntries(Object.entries(promTable(samples, name, labels, where)).filter(([, value]) => value !== 0));
}

/** The value of the one sample of `name` with exactly these labels; undefined when there is none. */
export function promValue(samples: readonly PromSample[], name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.keys(labels);
  return samples.find(
    (sample) =>
      sample.name === name && Object.keys(sample.labels).length === wanted.length && wanted.every((label) => sample.labels[label] === labels[label]),
  )?.value;
}
