// userapi/react-hook-form: a resolver that checks a form's values with the core, so a console's
// form shows the server's verdicts, in the user's language, under the fields they are about.
// The core decides (codes, pointers, messages); this file only maps JSON Pointers to field names.
import { createUserApi } from './userapi.mjs';

const KEY_CODES = new Set(['mapping.key_format', 'properties.key_format']);
const ROW_MEMBERS = ['mapping', 'properties'];

/** RFC 6901: "/properties/a~1b" -> ["properties", "a/b"]. */
export function pointerTokens(pointer) {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replaceAll('~1', '/').replaceAll('~0', '~'));
}

const isRows = (value) =>
  Array.isArray(value) && value.every((r) => r && typeof r === 'object' && 'key' in r);

/**
 * The body a form's values stand for: `mapping`/`properties` given as rows of {key, value} (a
 * field array) become objects, blank rows are dropped, and an empty `name` means "not given".
 */
export function formToBody(values) {
  const body = { ...values };
  for (const member of ROW_MEMBERS) {
    if (!isRows(body[member])) continue;
    const rows = body[member].filter((r) => r.key !== '' || (r.value ?? '') !== '');
    body[member] = Object.fromEntries(rows.map((r) => [r.key, r.value]));
  }
  if (body.name === '' || body.name === undefined) delete body.name;
  return body;
}

/**
 * The field a violation is about: its pointer's tokens joined with "." (/mapping/40 -> mapping.40),
 * or, when the form holds that member as rows, the row's `key` or `value` field
 * (/properties/color -> properties.2.key for a key problem); "root" for the whole body.
 */
export function fieldOf(violation, values = {}) {
  const tokens = pointerTokens(violation.path);
  if (tokens.length === 0) return 'root';
  const [member, key] = tokens;
  if (tokens.length >= 2 && ROW_MEMBERS.includes(member) && isRows(values[member])) {
    const index = values[member].findIndex((r) => r.key === key);
    if (index >= 0) return `${member}.${index}.${KEY_CODES.has(violation.code) ? 'key' : 'value'}`;
  }
  return tokens.join('.');
}

// errors[a][b][c] = error, creating objects on the way (never arrays: "40" is a mapping key).
function setPath(errors, path, error) {
  const names = path.split('.');
  let at = errors;
  for (const name of names.slice(0, -1)) at = at[name] ??= {};
  at[names.at(-1)] ??= error;
  return at[names.at(-1)];
}

/**
 * react-hook-form's errors object for violations: {type: code, message} at each field (the first
 * violation of a field wins; with `all`, every message is also under `types` by code).
 */
export function toFieldErrors(
  violations,
  { values, all = false, warnings = false, fieldFor = fieldOf } = {},
) {
  const errors = {};
  for (const v of violations) {
    if (v.severity !== 'error' && !warnings) continue;
    const field = fieldFor(v, values) ?? fieldOf(v, values);
    const error = setPath(errors, field, { type: v.code, message: v.message });
    if (all) (error.types ??= {})[v.code] ??= v.message;
  }
  return errors;
}

/**
 * The resolver: `useForm({ resolver: userapiResolver({ locale: 'de' }) })`. Options: `locale`
 * (what createUserApi and validate take), `api` (a UserApi to use instead of loading one),
 * `toBody` (values -> body; default formToBody), `fieldFor` (violation -> field name; default
 * fieldOf), `warnings` (show warnings too; they never block submitting).
 */
export function userapiResolver({
  locale,
  api,
  toBody = formToBody,
  fieldFor = fieldOf,
  warnings = false,
} = {}) {
  let loading = api ? Promise.resolve(api) : null;
  return async (values, _context, options = {}) => {
    loading ??= createUserApi({ locale });
    const core = await loading;
    const { violations } = core.validate(toBody(values), { locale });
    const all = options.criteriaMode === 'all';
    const errors = toFieldErrors(violations, { values, all, fieldFor });
    const shown = warnings ? toFieldErrors(violations, { values, all, fieldFor, warnings }) : errors;
    return Object.keys(errors).length ? { values: {}, errors: shown } : { values, errors: shown };
  };
}
