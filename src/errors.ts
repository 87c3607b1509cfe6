/** A usage, configuration or pack error: the CLI prints its one-line message and exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
