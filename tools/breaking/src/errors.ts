/** Bad input (missing file, not JSON, not OpenAPI 3, broken `$ref`): the CLI reports it and exits 2. */
export class InputError extends Error {}
