/**
 * A small RFC 4180 CSV reader: quoted fields, doubled quotes inside them, commas and line breaks
 * inside quotes, CRLF or LF. Each record comes with the 1-based line where it starts, so errors
 * can name the row a user sees in a text editor.
 */
export interface CsvRecord {
  line: number;
  fields: string[];
}

export function* parseCsv(text: string): Generator<CsvRecord> {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; // byte-order mark
  let line = 1;
  const n = text.length;
  while (i < n) {
    const start = line;
    const fields: string[] = [];
    let field = '';
    let inQuotes = false;
    let ended = false;
    while (i < n) {
      const ch = text[i]!;
      if (inQuotes) {
        if (ch === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          inQuotes = false;
          i++;
          continue;
        }
        if (ch === '\n') line++;
        field += ch;
        i++;
        continue;
      }
      if (ch === '"' && field === '') {
        inQuotes = true;
        i++;
      } else if (ch === ',') {
        fields.push(field);
        field = '';
        i++;
      } else if (ch === '\n' || ch === '\r') {
        i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
        line++;
        ended = true;
        break;
      } else {
        field += ch;
        i++;
      }
    }
    fields.push(field);
    if (!ended && i >= n && fields.length === 1 && fields[0] === '') break;
    if (fields.length === 1 && fields[0] === '') continue; // blank line
    yield { line: start, fields };
  }
}
