export { foldForSearch } from '../../shared/domain/search';

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
