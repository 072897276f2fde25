import jsepModule from 'jsep';

// Expressions as physicists write them for RDataFrame's Define/Filter and TTreeFormula, parsed
// by jsep (never evaluated by JavaScript). ROOT's `TMath::Sqrt` and `std::abs` spellings are
// read as `TMath__Sqrt`, keeping every character's column.

const jsep = ((jsepModule as unknown as { default?: typeof jsepModule }).default ?? jsepModule) as typeof jsepModule;

export type AstNode = jsepModule.Expression;

/** A problem inside an expression string, at a 0-based column of that string. */
export class ExpressionError extends Error {
  constructor(
    message: string,
    readonly column: number,
    readonly length = 1,
    /** The define (used by this text) whose own text fails: the problem is told at that define. */
    readonly brokenDefine?: string,
  ) {
    super(message);
  }
}

const NAMESPACE = /\b(TMath|std|ROOT|VecOps)::/g;

/** Parses an expression; throws ExpressionError at the column of a syntax error. */
export function parseExpression(text: string): AstNode {
  if (text.trim() === '') throw new ExpressionError('the expression is empty.', 0);
  const source = text.replace(NAMESPACE, (_, space: string) => `${space}__`);
  let ast: AstNode;
  try {
    ast = jsep(source);
  } catch (error) {
    const index = (error as { index?: number }).index ?? 0;
    const description = (error as { description?: string }).description ?? (error as Error).message;
    throw new ExpressionError(`syntax error: ${description.replace(/ at character \d+$/, '')}.`, Math.min(index, Math.max(0, text.length - 1)));
  }
  return ast;
}

/** Where a name stands in the expression (for messages); 0 when it cannot be found. */
export function columnOf(text: string, name: string): number {
  const pattern = new RegExp(`(^|[^A-Za-z0-9_.$])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/::/g, '(?:::|__)')}(?![A-Za-z0-9_$])`);
  const match = pattern.exec(text);
  return match ? match.index + match[1].length : 0;
}

/** A dotted member chain (`Muon.pt`) as one name, when the whole chain is plain identifiers. */
export function dottedName(node: AstNode): string | undefined {
  if (node.type === 'Identifier') return node.name as string;
  if (node.type === 'MemberExpression' && !node.computed) {
    const object = dottedName(node.object as AstNode);
    const property = node.property as AstNode;
    if (object !== undefined && property.type === 'Identifier') return `${object}.${property.name as string}`;
  }
  return undefined;
}
