/**
 * How the CLI prints what the analysis finds: `diagnostic` and `merged`
 * JSON lines and stats on the `end` line with `--json`, readable blocks in
 * the listing.
 */
import type { Diagnostic } from '../core/analysis/diagnostics';
import type { StreamStats } from '../core/analysis/stats';
import type { MergedResponse } from '../core/llm/types';
import type { Palette } from './listing';
import { printable } from './terminal-text';

/** A diagnostic of any family (stream or MCP): the fields the output shows. */
type Finding = Omit<Diagnostic, 'code'> & { code: string };

/** The `diagnostic` line. */
export function diagnosticLine(d: Finding): Record<string, unknown> {
  return { type: 'diagnostic', code: d.code, severity: d.severity, message: d.message, fix: d.fix, t: d.t, ...(d.seq !== undefined ? { seq: d.seq } : {}) };
}

/** The `merged` line; `provider` is null when no LLM stream was recognised. */
export function mergedLine(m: MergedResponse | undefined): Record<string, unknown> {
  return {
    type: 'merged',
    provider: m?.provider ?? null,
    text: m?.text ?? '',
    reasoning: m?.reasoning ?? '',
    toolCalls: (m?.toolCalls ?? []).map((c) => ({ id: c.id, name: c.name, arguments: c.arguments, argumentsText: c.argumentsText, ...(c.error ? { error: c.error } : {}) })),
    finishReason: m?.finishReason ?? null,
    usage: m?.usage ?? null,
    ...(m && m.errors.length > 0 ? { errors: m.errors } : {}),
  };
}

/** Stats as they go on the `end` line (the per-second series stays out of it). */
export function statsFields(s: StreamStats): Record<string, unknown> {
  const { perSecond: _series, ...rest } = s;
  return rest;
}

/** A diagnostic in the listing (info dimmed). */
export function listDiagnostic(d: Finding, p: Palette): string[] {
  if (d.severity === 'info') return [p.dim(`ℹ info ${d.code}: ${printable(d.message)}`), p.dim(`  fix: ${d.fix}`)];
  const mark = d.severity === 'error' ? p.red('✖ error') : p.yellow('⚠ warning');
  return [`${mark} ${p.bold(d.code)}: ${printable(d.message)}`, `  ${p.dim('fix:')} ${d.fix}`];
}

/** The assembled response in the listing. */
export function listMerged(m: MergedResponse | undefined, p: Palette): string[] {
  if (!m) return [p.dim('merged: no LLM stream recognised (try --provider)')];
  const lines = [p.bold(`── merged ${m.provider} response ──`)];
  if (m.reasoning) lines.push(p.dim('reasoning:'), ...m.reasoning.split('\n').map((l) => p.dim(`  ${printable(l)}`)));
  // The text is the server's: shown, never obeyed by the terminal.
  lines.push(...m.text.split('\n').map(printable));
  for (const c of m.toolCalls) {
    const args = c.error ? p.red(printable(`${c.argumentsText}  ${c.error}`)) : printable(JSON.stringify(c.arguments));
    lines.push(`${p.magenta('tool call')} ${printable(c.name ?? '?')}${c.id ? p.dim(` (${printable(c.id)})`) : ''} ${args}`);
  }
  const usage = m.usage ? ` · usage ${JSON.stringify(m.usage)}` : '';
  lines.push(p.dim(printable(`finish: ${m.finishReason ?? 'none'}${usage}`)));
  for (const e of m.errors) lines.push(p.red(`provider error: ${printable(e)}`));
  return lines;
}

/** Timing analytics in the listing. */
export function listStats(s: StreamStats, p: Palette): string[] {
  const ms = (n: number | null): string => (n === null ? '–' : `${n.toFixed(1)} ms`);
  const tokens = s.tokensPerSec !== undefined ? ` · ${s.tokens} tokens, ${s.tokensPerSec} tokens/s` : '';
  return [
    p.bold('── timing ──'),
    `first byte ${ms(s.ttfbMs)} · first event ${ms(s.firstEventMs)} · ${s.events} events in ${(s.durationMs / 1000).toFixed(2)} s · ${s.eventsPerSec} events/s${tokens}`,
    `gaps p50 ${ms(s.gapMs.p50)} · p95 ${ms(s.gapMs.p95)} · max ${ms(s.gapMs.max)} · stalls over ${s.stalls.thresholdMs} ms: ${s.stalls.count}${s.stalls.count ? ` (longest ${ms(s.stalls.longestMs)})` : ''}`,
  ];
}
