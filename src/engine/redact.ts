export const REDACTED = '[REDACTED]';

/** Replace every occurrence of each secret (longest first) in a string. */
export function redact(s: string, secrets: readonly string[]): string {
  if (secrets.length === 0 || !s) return s;
  let out = s;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (secret.length < 4) continue;
    out = out.split(secret).join(REDACTED);
  }
  return out;
}

/** Fill `{{name}}` placeholders of a message template. */
export function formatMessage(template: string, data: Record<string, string | number | boolean> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (m, k: string) => (k in data ? String(data[k]) : m));
}
