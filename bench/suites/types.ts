export interface SuiteResult {
  title: string;
  table: string;
  notes: string;
  /** Named figures other sections (and docs) refer to. */
  figures: Record<string, number>;
}
