/** Ends the text of a statement that may run as a prepared statement (`PREPARED` in database.ts). */
export const PREPARED_TEXT = '/* prepared */';

/**
 * Names the marked statements (PREPARED) that run often, so that the driver prepares them
 * (node-postgres on PostgreSQL, the PGlite dialect on the embedded database). A statement gets a
 * name from its third execution; at most `max` distinct statements are named per process (texts that vary, such as `in ($1, $2, …)` lists of every length, stop being named there)
 * so that no connection accumulates plans without bound.
 */
export class StatementNames {
  private readonly seen = new Map<string, number>();
  private readonly named = new Map<string, string>();
  constructor(
    private readonly threshold = 3,
    private readonly max = 300,
  ) {}

  nameOf(text: string): string | undefined {
    if (!text.endsWith(PREPARED_TEXT)) return undefined;
    const name = this.named.get(text);
    if (name || this.named.size >= this.max) return name;
    const count = (this.seen.get(text) ?? 0) + 1;
    if (count < this.threshold) {
      if (this.seen.size < this.max * 20) this.seen.set(text, count);
      return undefined;
    }
    this.seen.delete(text);
    const fresh = `anxin_${this.named.size + 1}`;
    this.named.set(text, fresh);
    return fresh;
  }
}
