/**
 * The OSV database's state for a scan's summary (the CLI prints it: rule notices are info-level,
 * which the text report hides). `warning` when there is no database or it is older than 7 days.
 */
import { OsvDatabase } from './database.js';
import { resolveOsvLocation } from './location.js';

export interface OsvStatus {
  level: 'info' | 'warning';
  message: string;
  location: string;
  date?: string;
}

const DAY = 86_400_000;

export function osvStatus(location?: string, now: Date = new Date()): OsvStatus {
  const loc = location ?? resolveOsvLocation(undefined).path;
  const info = new OsvDatabase(loc).info();
  if (!info.exists) return { level: 'warning', location: loc, message: `no OSV database: run saltire db update; dependencies were not checked for advisories (looked in ${loc})` };
  const date = info.date?.toISOString().slice(0, 10);
  const age = info.date ? Math.floor((now.getTime() - info.date.getTime()) / DAY) : undefined;
  if (age !== undefined && age > 7) return { level: 'warning', location: loc, date, message: `OSV database dated ${date} is ${age} days old; run saltire db update for current advisories` };
  return { level: 'info', location: loc, date, message: `OSV database dated ${date ?? 'unknown'} (${loc})` };
}
