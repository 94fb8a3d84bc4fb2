/** Reads `streamViewer.*` settings with their defaults. */
import * as vscode from 'vscode';
import { DEFAULT_MAX_RECORD_BYTES } from '../core/spec';
import { Settings } from '../shared/ids';

/** The settings the host uses. */
export interface StreamViewerConfig {
  maxItems: number;
  /** Memory the kept items (and, apart, the raw text) may take on each side, in bytes. */
  maxBytes: number;
  batchIntervalMs: number;
  defaultTimeoutMs: number;
  maxRecordBytes: number;
  demoPort: number;
}

/** Current settings, clamped to sane ranges. */
export function readConfig(): StreamViewerConfig {
  const c = vscode.workspace.getConfiguration(Settings.section);
  const num = (key: string, def: number, min: number, max: number): number => {
    const v = c.get<number>(key, def);
    return typeof v === 'number' && Number.isFinite(v) ? Math.min(max, Math.max(min, v)) : def;
  };
  return {
    maxItems: num(Settings.maxItems, 200_000, 1_000, 5_000_000),
    maxBytes: num(Settings.maxBytes, 64, 8, 4096) * 1024 * 1024,
    batchIntervalMs: num(Settings.batchIntervalMs, 30, 16, 50),
    defaultTimeoutMs: num(Settings.defaultTimeoutMs, 0, 0, 86_400_000),
    maxRecordBytes: num(Settings.maxRecordBytes, DEFAULT_MAX_RECORD_BYTES, 1024, 1024 * 1024 * 1024),
    demoPort: num(Settings.demoPort, 3001, 0, 65535),
  };
}
