/** One line of a log file, with where it came from (for evidence). */
export interface LogLine {
  /** Path of the file as given (a rotated/compressed file keeps its own path). */
  file: string;
  /** 1-based line number within the (decompressed) file. */
  lineNo: number;
  /** The line without its line end. */
  text: string;
}
