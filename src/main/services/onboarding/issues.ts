/** What an import found wrong, row by row or with the whole file. */
export type IssueCode =
  | 'empty_file'
  | 'not_text' // binary, a spreadsheet saved in its own format (xlsx, xls, ods), an image...
  | 'single_column' // one column only: the delimiter could not be found
  | 'missing_column'
  | 'unterminated_quote'
  | 'required' // an empty cell in a required column
  | 'not_a_number'
  | 'negative'
  | 'too_precise' // more than 3 decimals in a quantity
  | 'bad_date'
  | 'future_date'
  | 'unknown_product'
  | 'duplicate_in_file'
  | 'duplicate_in_db'
  | 'already_in_history'
  | 'has_stock'
  | 'bad_value'
  | 'cancelled';

export interface ImportIssue {
  /** 1-based physical line of the file where the row starts (the header is line 1); 0 for the whole file. */
  line: number;
  /** The column's header as written in the file, or null when the issue is about the whole row/file. */
  column: string | null;
  code: IssueCode;
  message: string;
  /**
   * What the interface needs to say it in the shop's language: `specific` names the text
   * (onboarding.fileIssue.<specific> for the whole file, onboarding.rowIssue.<specific> for a row), the
   * others fill it (columns missing and found, the value refused, the line it repeats...).
   */
  params?: IssueParams;
  /** Set on what the row's import did not take as written, the row itself imported (e.g. a negative opening stock left unset). */
  warning?: true;
}

export type IssueParams = { specific: string } & Record<string, string | number>;

/** A problem with the whole file: nothing is read further and nothing is written. */
export class FileError extends Error {
  constructor(readonly issue: ImportIssue) {
    super(issue.message);
    this.name = 'FileError';
  }
}

export const fileIssue = (code: IssueCode, message: string, line = 0, column: string | null = null, params?: IssueParams): FileError =>
  new FileError(params ? { line, column, code, message, params } : { line, column, code, message });

/** Formats an issue for a person: "line 12, column « qté »: ..." ("warning, line 12...": the row was imported). */
export function describeIssue(issue: ImportIssue): string {
  const where = [issue.warning ? 'warning' : null, issue.line > 0 ? `line ${issue.line}` : 'file', issue.column !== null ? `column « ${issue.column} »` : null]
    .filter(Boolean)
    .join(', ');
  return `${where}: ${issue.message}`;
}
