import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import 'reflect-metadata';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  validateSync,
  ValidateNested,
  type ValidationError,
} from 'class-validator';
import ts from 'typescript';
import { catalogueVi, messageVi } from './problem-language.js';
import { MESSAGES_VI, TERMS_VI } from './problem-messages.vi.js';

/**
 * docs/api-language.md: every message the API can answer with is Vietnamese unless the caller prefers
 * English. This scans the source for every message raised — the message argument of `fail`,
 * `problem`, `new DomainError`, `ForbiddenError`, `ImportFileError` and of every function that passes
 * its parameter on to one of them (illegalTransition, unitInvalid …), each `message:` of an object
 * literal (class-validator options, `errors[]` entries), and what the `…Problem` / `problemOn`
 * functions return — and fails for any template that has no Vietnamese.
 */

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const SCANNED = [
  'libs/domain/src',
  'libs/application/src',
  'libs/security/src',
  'libs/read-models/src',
  'apps/api/src',
];
/** The functions that raise a message, with the index of the message argument. */
const BASE_RAISERS: [string, number][] = [
  ['DomainError', 1],
  ['fail', 1],
  ['problem', 1],
  ['ForbiddenError', 0],
  ['ImportFileError', 0],
];
/** Functions whose string results are messages raised by their callers. */
const MESSAGE_FUNCTION = /Problem$|^problemOn$/;

interface Template {
  /** The literal text around the values. */
  parts: string[];
  /** The source of each `${…}` value. */
  values: string[];
  where: string;
}

const key = (t: Template) => t.parts.join('{}');

function sourceFiles(): ts.SourceFile[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.ts$/.test(name) && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(name)) files.push(path);
    }
  };
  for (const dir of SCANNED) walk(join(ROOT, dir));
  return files
    .filter((f) => !/problem-(language|messages\.vi)\.ts$/.test(f))
    .map((f) => ts.createSourceFile(f, readFileSync(f, 'utf8'), ts.ScriptTarget.Latest, true));
}

const calleeName = (e: ts.Expression): string | undefined =>
  ts.isIdentifier(e) ? e.text : ts.isPropertyAccessExpression(e) ? e.name.text : undefined;

/** The message fragments of a file (`const ID_MESSAGE = 'must be …'`), which templates write in place. */
const constantsOf = new WeakMap<ts.SourceFile, Map<string, string>>();
function constants(sf: ts.SourceFile): Map<string, string> {
  let found = constantsOf.get(sf);
  if (!found) {
    found = new Map();
    for (const st of sf.statements)
      if (ts.isVariableStatement(st))
        for (const d of st.declarationList.declarations)
          if (
            ts.isIdentifier(d.name) &&
            d.initializer &&
            ts.isStringLiteral(d.initializer) &&
            / /.test(d.initializer.text)
          )
            found.set(d.name.text, d.initializer.text);
    constantsOf.set(sf, found);
  }
  return found;
}

/** The templates an expression can evaluate to, or null when it is not built from literals. */
function templatesOf(e: ts.Expression, sf: ts.SourceFile, where: string): Template[] | null {
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e))
    return [{ parts: [e.text], values: [], where }];
  if (ts.isTemplateExpression(e)) {
    const parts = [e.head.text];
    const values: string[] = [];
    for (const span of e.templateSpans) {
      const constant = ts.isIdentifier(span.expression) ? constants(sf).get(span.expression.text) : undefined;
      if (constant === undefined) {
        values.push(span.expression.getText(sf));
        parts.push(span.literal.text);
      } else parts[parts.length - 1] += constant + span.literal.text;
    }
    return [{ parts, values, where }];
  }
  if (ts.isParenthesizedExpression(e)) return templatesOf(e.expression, sf, where);
  if (ts.isConditionalExpression(e)) {
    const a = templatesOf(e.whenTrue, sf, where);
    const b = templatesOf(e.whenFalse, sf, where);
    return a && b ? [...a, ...b] : null;
  }
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const a = templatesOf(e.left, sf, where);
    const b = templatesOf(e.right, sf, where);
    if (!a || !b) return null;
    return a.flatMap((x) =>
      b.map((y) => ({
        parts: [...x.parts.slice(0, -1), x.parts[x.parts.length - 1] + y.parts[0], ...y.parts.slice(1)],
        values: [...x.values, ...y.values],
        where,
      })),
    );
  }
  return null;
}

/** The raisers: BASE_RAISERS and every function passing its own parameter on to one as the message. */
function findRaisers(files: ts.SourceFile[]): Map<string, number> {
  const raisers = new Map(BASE_RAISERS);
  const messageArg = (n: ts.Node): ts.Expression | undefined => {
    if (!ts.isCallExpression(n) && !ts.isNewExpression(n)) return undefined;
    const name = calleeName(n.expression);
    const i = name === undefined ? undefined : raisers.get(name);
    return i === undefined ? undefined : n.arguments?.[i];
  };
  // Wrappers: a function passing one of its parameters on as the message is a raiser too.
  for (let grew = true; grew;) {
    grew = false;
    for (const sf of files) {
      const visit = (n: ts.Node): void => {
        if (ts.isFunctionDeclaration(n) || ts.isArrowFunction(n)) {
          const name = ts.isFunctionDeclaration(n)
            ? n.name?.text
            : ts.isVariableDeclaration(n.parent) && ts.isIdentifier(n.parent.name)
              ? n.parent.name.text
              : undefined;
          const params = n.parameters.map((p) => (ts.isIdentifier(p.name) ? p.name.text : ''));
          const inner = (m: ts.Node): void => {
            const arg = messageArg(m);
            if (name && !raisers.has(name) && arg && ts.isIdentifier(arg) && params.includes(arg.text)) {
              raisers.set(name, params.indexOf(arg.text));
              grew = true;
            }
            ts.forEachChild(m, inner);
          };
          if (n.body) inner(n.body);
        }
        ts.forEachChild(n, visit);
      };
      visit(sf);
    }
  }
  return raisers;
}

function raisedTemplates(): Template[] {
  const files = sourceFiles();
  const raisers = findRaisers(files);
  const messageArg = (n: ts.Node): ts.Expression | undefined => {
    if (!ts.isCallExpression(n) && !ts.isNewExpression(n)) return undefined;
    const name = calleeName(n.expression);
    const i = name === undefined ? undefined : raisers.get(name);
    return i === undefined ? undefined : n.arguments?.[i];
  };
  const found: Template[] = [];
  for (const sf of files) {
    const at = (n: ts.Node) =>
      `${sf.fileName.slice(ROOT.length)}:${sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1}`;
    const visit = (n: ts.Node): void => {
      const arg = messageArg(n);
      if (arg) found.push(...(templatesOf(arg, sf, at(n)) ?? []));
      if (ts.isPropertyAssignment(n) && ts.isIdentifier(n.name) && n.name.text === 'message')
        found.push(...(templatesOf(n.initializer, sf, at(n)) ?? []));
      if (
        (ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n)) &&
        n.name &&
        MESSAGE_FUNCTION.test(n.name.getText(sf)) &&
        n.body
      ) {
        const inner = (m: ts.Node): void => {
          if (ts.isReturnStatement(m) && m.expression)
            found.push(...(templatesOf(m.expression, sf, at(m)) ?? []));
          if (!ts.isFunctionLike(m)) ts.forEachChild(m, inner);
        };
        ts.forEachChild(n.body, inner);
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return found;
}

/** Parameters and properties named so carry a word from the code into a message (`${what}: only …`). */
const TERM_NAME = /^(what|action)$/;

/**
 * The words passed into messages: the arguments given for a `what` / `action` parameter that a
 * function writes into a message, and every `what: '…'` property. Each must be in TERMS_VI.
 */
function termsUsed(files: ts.SourceFile[]): { term: string; where: string }[] {
  const raisers = findRaisers(files);
  const raises = (body: ts.Node): boolean => {
    let yes = false;
    const visit = (m: ts.Node): void => {
      if ((ts.isCallExpression(m) || ts.isNewExpression(m)) && raisers.has(calleeName(m.expression) ?? ''))
        yes = true;
      else ts.forEachChild(m, visit);
    };
    visit(body);
    return yes;
  };
  const takers = new Map<string, number>();
  const found: { term: string; where: string }[] = [];
  for (const sf of files) {
    const visit = (n: ts.Node): void => {
      if ((ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n) || ts.isArrowFunction(n)) && n.body) {
        const name =
          ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n)
            ? n.name?.getText(sf)
            : ts.isVariableDeclaration(n.parent) && ts.isIdentifier(n.parent.name)
              ? n.parent.name.text
              : undefined;
        n.parameters.forEach((p, i) => {
          const param = ts.isIdentifier(p.name) ? p.name.text : '';
          if (
            name &&
            TERM_NAME.test(param) &&
            n.body!.getText(sf).includes('${' + param + '}') &&
            raises(n.body!)
          )
            takers.set(name, i);
        });
      }
      if (
        ts.isPropertyAssignment(n) &&
        ts.isIdentifier(n.name) &&
        TERM_NAME.test(n.name.text) &&
        ts.isStringLiteral(n.initializer)
      )
        found.push({ term: n.initializer.text, where: sf.fileName.slice(ROOT.length) });
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  for (const sf of files) {
    const visit = (n: ts.Node): void => {
      if (ts.isCallExpression(n)) {
        const name = calleeName(n.expression);
        const i = name === undefined ? undefined : takers.get(name);
        const arg = i === undefined ? undefined : n.arguments[i];
        if (arg && ts.isStringLiteral(arg))
          found.push({ term: arg.text, where: sf.fileName.slice(ROOT.length) });
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return found;
}

const VIETNAMESE = /[àáảãạăắằẳẵặâấầẩẫậèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵđ]/i;
/** Not inside a word (Vietnamese letters included). */
const W = '[\\p{L}\\p{N}_]';
/** English words that have no business in a Vietnamese message (field names like `to`, `at` excepted). */
const ENGLISH = new RegExp(
  `(?<!${W})(the|is|are|was|must|be|of|only|and|or|for|with|cannot|can|has|have|not|may|should|an|a|no|unit|case|required|already|exists?|before|after|one|allowed|such|row|got)(?!${W})`,
  'iu',
);
/** A law cited the English way (`LKN Art. 30`, `Law 136/2025`): Vietnamese cites `Luật Khiếu nại, Điều 30`. */
const LAW_EN = /\bArt\.|\bLaw \d|\b(LKN|LTC|LTCD)\b/;
/** An identifier, code or number: a word with a capital, a digit or an underscore in it. */
const IDENTIFIER = new RegExp(`(?<!${W})[A-Za-z0-9_.-]*[A-Z0-9_][A-Za-z0-9_.-]*(?!${W})`, 'gu');

/** A message with its values filled in: dates where the value looks like a date, else a short id. */
function sample(t: Template): string {
  const value = (src: string) =>
    /date|On\b|On\)|today|from\b|latest|EARLIEST|asOf|\bat\b|resumed|suspended/i.test(src)
      ? '2026-03-04'
      : /count|max|days|\bn\b|allowed|perMinute|LIMIT|BYTES|version/i.test(src)
        ? '3'
        : /status/.test(src)
          ? 'accepted'
          : 'x1';
  return t.parts.reduce((s, part, i) => s + value(t.values[i - 1]) + part);
}

/** What is left of a Vietnamese text once identifiers, quoted values and codes are taken out. */
const words = (vi: string) =>
  vi
    .replace(/“[^”]*”|"[^"]*"/g, ' ')
    .replace(IDENTIFIER, ' ')
    .replace(new RegExp(`(?<!${W})(true|false|open|closed|accepted)(?!${W})`, 'gu'), ' ');

describe('every message the API raises has Vietnamese (docs/api-language.md)', () => {
  const templates = raisedTemplates();
  const distinct = [...new Map(templates.map((t) => [key(t), t])).values()];
  /** Templates that are only a path in front of another message (`heldOn: ${problem}`) or already Vietnamese. */
  const needsTranslation = distinct.filter(
    (t) => !VIETNAMESE.test(key(t)) && !/^([\w.[\]]*:)?$/.test(t.parts.join('').trim()),
  );

  it('finds the raised messages (the scan works)', () => {
    expect(needsTranslation.length).toBeGreaterThan(250);
    for (const k of [
      'only a denunciation resolution deadline can be extended (LTC Art. 30)',
      'recommendations still open: {}',
      'an anonymous letter has no petitioners (petitioners: [])',
      '{}: unit {} is outside your scope',
      'requires {}',
    ])
      expect(needsTranslation.map(key)).toContain(k);
  });

  it('translates each raised template into Vietnamese, leaving no English words', () => {
    const missing = needsTranslation
      .map((t) => {
        const en = sample(t);
        const vi = messageVi(en);
        return { template: key(t), where: t.where, vi };
      })
      .filter(
        ({ template, vi }) =>
          !VIETNAMESE.test(vi) || ENGLISH.test(words(vi)) || LAW_EN.test(vi) || vi === template,
      );
    expect(missing).toEqual([]);
  });

  it('has Vietnamese for the words the code passes into messages (states, acts, what a command is)', () => {
    const terms = termsUsed(sourceFiles());
    expect(terms.map((t) => t.term)).toEqual(
      expect.arrayContaining(['reporting progress', 'intake start', 'classify']),
    );
    const missing = terms.filter(
      ({ term }) => !/^[a-z]+[A-Z]\w*$/.test(term) && TERMS_VI[term.replace(/^the /, '')] === undefined,
    );
    expect(missing).toEqual([]);
  });

  it('has catalogue entries that are reachable and name only their own values', () => {
    for (const [en, vi] of Object.entries(MESSAGES_VI)) {
      const count = en.split('{}').length - 1;
      const used = [...vi.matchAll(/\{(\d+)(?::\w+)?\}/g)].map((m) => Number(m[1]));
      expect({ en, outOfRange: used.filter((i) => i >= count) }).toEqual({ en, outOfRange: [] });
      expect({ en, vietnamese: VIETNAMESE.test(vi) }).toEqual({ en, vietnamese: true });
      const filled = en.replaceAll('{}', 'x1');
      expect({ en, vi: catalogueVi(filled) === null ? null : 'found' }).toEqual({ en, vi: 'found' });
    }
  });

  it('fills the values: dates as DD/MM/YYYY, states and acts in Vietnamese', () => {
    expect(messageVi('cannot reclassify a case that is accepted (allowed from: classified)')).toBe(
      'không thể phân loại lại hồ sơ đang ở trạng thái “đã thụ lý” (chỉ thực hiện được khi hồ sơ ở trạng thái: “đã phân loại”)',
    );
    expect(messageVi('recommendations still open: r1, r2')).toBe('còn kiến nghị chưa thực hiện xong: r1, r2');
    expect(messageVi('TC-RES expired on 2026-03-04: it can no longer be extended (LTC Art. 30)')).toBe(
      'thời hạn TC-RES đã hết ngày 04/03/2026: không còn gia hạn được (Luật Tố cáo, Điều 30)',
    );
    expect(messageVi('at 2026-03-04 is before the intake start (2026-03-05)')).toBe(
      'at: ngày 04/03/2026 trước ngày bắt đầu xử lý đơn (05/03/2026)',
    );
  });

  it("translates class-validator's own messages for every validator the DTOs use", () => {
    class Probe {
      @IsString() s!: unknown;
      @IsInt() i!: unknown;
      @IsNumber() n!: unknown;
      @IsBoolean() b!: unknown;
      @IsArray() list!: unknown;
      @IsObject() o!: unknown;
      @IsNotEmpty() e!: unknown;
      @IsIn(['x', 'y']) in!: unknown;
      @Matches(/^x$/) m!: unknown;
      @MaxLength(2) ml!: unknown;
      @Min(5) min!: unknown;
      @Max(1) max!: unknown;
      @ArrayMinSize(2) amin!: unknown;
      @ArrayMaxSize(1) amax!: unknown;
      @ValidateNested() nested!: unknown;
      @IsString({ each: true }) @MaxLength(2, { each: true }) @IsNotEmpty({ each: true }) each!: unknown;
      @IsObject({ each: true }) @Matches(/^x$/, { each: true }) eachObject!: unknown;
    }
    const probe = Object.assign(new Probe(), {
      s: 1,
      i: 1.5,
      n: 'x',
      b: 'x',
      list: 'x',
      o: 'x',
      e: '',
      in: 'z',
      m: 'z',
      ml: 'xyz',
      min: 1,
      max: 5,
      amin: ['x'],
      amax: ['x', 'y'],
      nested: 'x',
      each: [1, '', 'xyz'],
      eachObject: ['z'],
    });
    const messages = (errors: ValidationError[]): string[] =>
      errors.flatMap((e) => [...Object.values(e.constraints ?? {}), ...messages(e.children ?? [])]);
    const found = messages(validateSync(probe));
    expect(found.length).toBeGreaterThanOrEqual(20);
    const untranslated = found
      .map((en) => ({ en, vi: messageVi(en) }))
      .filter(({ vi }) => !VIETNAMESE.test(vi) || ENGLISH.test(words(vi)));
    expect(untranslated).toEqual([]);
    // Each validator the source imports from class-validator is one probed above (or not a validator).
    const probed = new Set([
      ...'ArrayMaxSize ArrayMinSize IsArray IsBoolean IsIn IsInt IsNotEmpty IsNumber IsObject IsString'.split(
        ' ',
      ),
      ...'Matches Max MaxLength Min ValidateNested'.split(' '),
      ...'IsOptional ValidateIf Allow registerDecorator getMetadataStorage validate validateSync'.split(' '),
      ...'ValidationOptions ValidationArguments ValidationError ValidatorConstraintInterface'.split(' '),
    ]);
    const imported = sourceFiles().flatMap((sf) =>
      sf.statements.flatMap((st) =>
        ts.isImportDeclaration(st) &&
        ts.isStringLiteral(st.moduleSpecifier) &&
        st.moduleSpecifier.text === 'class-validator' &&
        st.importClause?.namedBindings &&
        ts.isNamedImports(st.importClause.namedBindings)
          ? st.importClause.namedBindings.elements.map((e) => (e.propertyName ?? e.name).text)
          : [],
      ),
    );
    expect(imported).toContain('IsString');
    expect([...new Set(imported)].filter((name) => !probed.has(name))).toEqual([]);
  });
});
