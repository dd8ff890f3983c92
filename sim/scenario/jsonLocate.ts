import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';

// Where a problem sits in the text of a JSON file, as line and column (1-based), from
// jsonc-parser's offsets: the first syntax error of a broken file, or the field at a path.

export interface TextPosition {
  line: number;
  column: number;
}

/** Line and column (1-based) of a character offset. */
export function positionAt(text: string, offset: number): TextPosition {
  const before = text.slice(0, offset);
  const lastBreak = before.lastIndexOf('\n');
  let line = 1;
  for (let i = before.indexOf('\n'); i >= 0; i = before.indexOf('\n', i + 1)) line++;
  return { line, column: offset - lastBreak };
}

// By jsonc-parser's error names (its codes are a const enum, out of reach here).
const REASONS: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'not a number',
  PropertyNameExpected: 'expected a quoted field name',
  ValueExpected: 'expected a value',
  ColonExpected: "expected ':' after a field name",
  CommaExpected: "expected ','",
  CloseBraceExpected: "expected ',' or '}'",
  CloseBracketExpected: "expected ',' or ']'",
  EndOfFileExpected: 'unexpected text after the end of the document',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'unterminated comment',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'unterminated number',
  InvalidUnicode: 'bad \\u escape in a string',
  InvalidEscapeCharacter: 'bad escape in a string',
  InvalidCharacter: 'a control character inside a string',
};

/** The first syntax error of JSON text (strict: no comments, no trailing commas), or undefined. */
export function locateJsonError(text: string): (TextPosition & { reason: string }) | undefined {
  const errors: ParseError[] = [];
  parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const e = errors[0];
  if (!e) return undefined;
  const ch = text[e.offset];
  const found = ch === undefined ? 'the end of the file' : `'${ch}'`;
  const code = printParseErrorCode(e.error);
  const trailing = (code === 'PropertyNameExpected' || code === 'ValueExpected') && /,\s*$/.test(text.slice(0, e.offset)) && (ch === '}' || ch === ']');
  const reason = trailing ? `trailing comma before '${ch}'` : `${REASONS[code] ?? 'invalid JSON'}, found ${found}`;
  return { ...positionAt(text, e.offset), reason };
}

/**
 * Where the field at `path` (keys and array indices) is written: the start of its `"name":` (or
 * of the array element); the nearest enclosing field that is written when the path goes deeper
 * than the file (a default filled in, a missing field). Undefined when no part of the path is
 * written, or for text that does not parse.
 */
export function locatePath(text: string, path: readonly (string | number)[]): TextPosition | undefined {
  const tree = parseTree(text, [], { disallowComments: false, allowTrailingComma: true });
  if (!tree) return undefined;
  for (let depth = path.length; depth >= 1; depth--) {
    const node: Node | undefined = findNodeAtLocation(tree, path.slice(0, depth).map((k) => (typeof k === 'string' && /^\d+$/.test(k) ? Number(k) : k)));
    if (!node) continue;
    const at = node.parent?.type === 'property' ? node.parent.offset : node.offset;
    return positionAt(text, at);
  }
  return undefined;
}
