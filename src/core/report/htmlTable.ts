/** A table of the report page: a title, a header row and rows of text cells. */
export interface HtmlTable {
  title: string;
  header: string[];
  rows: string[][];
}
