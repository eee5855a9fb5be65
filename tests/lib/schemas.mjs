// JSON Schema validators for the contracts in schemas/ (ajv, draft 2020-12).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { ROOT } from './paths.mjs';

const ajv = new Ajv2020({ allErrors: true, strict: false });
const load = (name) => ajv.compile(JSON.parse(readFileSync(join(ROOT, 'schemas', name), 'utf8')));

export const validateSnapshot = load('snapshot.schema.json');
export const validateReport = load('report.schema.json');

/** Throws with ajv's messages if `value` does not validate. */
export function assertValid(validate, value, what) {
  if (!validate(value)) {
    throw new Error(`${what} does not match its schema: ${ajv.errorsText(validate.errors, { separator: '; ' })}`);
  }
}
