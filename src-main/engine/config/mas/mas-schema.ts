import { readFile } from 'node:fs/promises';
import { Ajv, type ErrorObject } from 'ajv';

/** Unknown formats pass (uint16 etc. are covered by minimum/maximum); URIs are checked. */
const formats = {
  uri: (value: string) => URL.canParse(value),
  ...Object.fromEntries(
    ['ip', 'hostname', 'uint', 'uint8', 'uint16', 'uint32', 'uint64', 'int32', 'int64', 'double', 'float', 'email'].map((f) => [
      f,
      true as const,
    ]),
  ),
};

export type MasSchemaValidator = (config: unknown) => string[];

function describe(error: ErrorObject): string {
  return `${error.instancePath || '(top level)'} ${error.message ?? 'is invalid'}`;
}

/** Compiles MAS's published JSON schema (draft-07) into a validator returning readable problems. */
export function compileMasSchema(schema: object): MasSchemaValidator {
  const ajv = new Ajv({ allErrors: true, strict: false, formats });
  const validate = ajv.compile(schema);
  return (config) => (validate(config) ? [] : (validate.errors ?? []).map(describe));
}

export async function loadMasSchema(path: string): Promise<MasSchemaValidator> {
  return compileMasSchema(JSON.parse(await readFile(path, 'utf8')) as object);
}
