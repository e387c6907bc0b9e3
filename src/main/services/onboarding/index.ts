export { ImportService, type ImportOptions, type ImportReport } from './service';
export { type ImportKind, type Field, mapColumns, KIND_COLUMNS } from './columns';
export { type ImportIssue, type IssueCode, describeIssue, FileError } from './issues';
export { type ImportProgress, openCsv } from './reader';
export { CsvSplitter, detectDelimiter, type Delimiter } from './csv';
export { parseDate, parseDecimal, parseMoneyMinor, parseQuantityMilli, parseVatBp } from './values';
