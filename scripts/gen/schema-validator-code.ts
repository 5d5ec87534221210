import Ajv, { _ } from 'ajv';
import standaloneCode from 'ajv/dist/standalone';
import { crdAjvOptions } from '../../src/validation/crd-ajv';
import { closeUnknownFields } from '../../src/validation/structural-schema';
import type { SchemaNode } from '../../src/validation/structural-schema';

/**
 * The body of a function `(deps) => validate` for one kind's structural
 * schema: ajv's standalone code, compiled with the options the engine uses at
 * run time (src/validation/schema-validator.ts, `crdAjvOptions`), the RE2
 * engine and the formats taken from `deps`. Generated at build time so that
 * a process loads the validator instead of compiling the schema (issue 18).
 */
export function schemaValidatorBody(schema: unknown): string {
  const options = crdAjvOptions();
  const ajv = new Ajv({ ...options, code: { ...options.code, source: true, formats: _`deps.formats` } });
  const validate = ajv.compile(closeUnknownFields(schema as SchemaNode));
  const code = standaloneCode(ajv, validate);
  const head = /^"use strict";module\.exports = (validate\d+);module\.exports\.default = validate\d+;/.exec(code);
  if (!head) throw new Error(`unexpected ajv standalone code (expected one exported validator): ${code.slice(0, 200)}`);
  return `${code.slice(head[0].length)}\nreturn ${head[1]};`;
}
