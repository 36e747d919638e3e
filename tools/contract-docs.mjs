// Writes the contract's restatements from the core itself (api.contract, built by scripts/build):
// the JSON Schema of the body, the OpenAPI document (with x-codeSamples rendered by the core's
// own snippet renderer), the Code and Language unions of the module's types and the generated
// tables of docs/contract.md. `--check` writes nothing and fails on any difference, so a changed
// limit, member or code either reaches every one of them or fails the test command.
// The code samples go to the document's first server: `--base-url URL` writes the document with URL
// first, `--openapi FILE` renders the samples of a site's own (edited) document again from its
// first server (both to --out FILE or standard output; the committed files are left alone).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parse, stringify } from 'yaml';
import { createUserApi } from '../build/wasm/pkg/userapi.mjs';

const root = new URL('..', import.meta.url);
const api = await createUserApi();
const c = api.contract;
const L = c.limits;
const member = Object.fromEntries(c.members.map((m) => [m.name, m]));
const n = (x) => x.toLocaleString('en-US');
const NO_CONTROL = '^[^\\x00-\\x1F\\x7F]*$';
const REFERENCE_BODY = c.referenceBody;

function idString() {
  return {
    $comment: `user_group_id, name and every mapping value: type.string, string.min_len, string.max_len, string.blank, string.control_char.`,
    type: 'string',
    minLength: 1,
    maxLength: L.maxStringLength,
    allOf: [
      {
        $comment: `string.blank: empty (string.min_len alone) or at least one code point outside ECMAScript's white space set.`,
        pattern: '^$|\\S',
      },
      { $comment: 'string.control_char: no U+0000..U+001F, no U+007F.', pattern: NO_CONTROL },
    ],
  };
}

/** The body schema; `ref` is where idString lives. */
function bodyProperties(ref) {
  const schemaId = `^(0|[1-9][0-9]{0,${L.maxSchemaIdDigits - 1}})$`;
  return {
    user_group_id: { description: member.user_group_id.description, $ref: ref },
    name: { description: member.name.description, $ref: ref },
    mapping: {
      description: member.mapping.description,
      type: 'object',
      maxProperties: L.maxEntries,
      propertyNames: {
        $comment: `mapping.key_format: 0 or a decimal number without leading zeros, at most ${L.maxSchemaIdDigits} digits.`,
        type: 'string',
        pattern: schemaId,
      },
      additionalProperties: {
        anyOf: [
          { $ref: ref },
          {
            $comment: 'mapping.numeric_value (a warning): a non-negative integer is accepted.',
            type: 'integer',
            minimum: 0,
          },
        ],
      },
    },
    properties: {
      description: `${member.properties.description} Values may be any JSON value.`,
      type: 'object',
      maxProperties: L.maxEntries,
      propertyNames: {
        $comment: `properties.key_format: 1..${L.maxStringLength} code points, no control characters.`,
        type: 'string',
        minLength: 1,
        maxLength: L.maxStringLength,
        pattern: NO_CONTROL,
      },
    },
  };
}

function jsonSchema() {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://userapi.dev/schemas/update-user.schema.json',
    title: 'Update User request body',
    description: `The JSON body of ${c.method} {base}${c.path}, as far as JSON Schema can express the rules of docs/contract.md. A body this schema rejects has at least one error violation; the warnings nothing_to_update and mapping.numeric_value are not errors, so bodies that only raise them are accepted. Generated from the core by scripts/contract-docs.`,
    $comment: `Not expressible here, checked only by the C++ core: json.too_large (more than ${n(L.maxBytes)} bytes), json.encoding (strict UTF-8; an escaped lone surrogate such as \\udc00), json.syntax (a parser may accept what RFC 8259 forbids), json.depth (more than ${L.maxDepth} levels), json.duplicate_key (a parsed value has no duplicates), and number spelling: for a mapping value, 'integer' also accepts 213.0, 2e2 and -0, which the core reports as type.string. Patterns are ECMA-262 regular expressions with the u flag, as ajv compiles them: \\S excludes exactly ECMAScript's white space set. Lengths count code points.`,
    type: 'object',
    required: c.members.filter((m) => m.required).map((m) => m.name),
    properties: bodyProperties('#/$defs/idString'),
    additionalProperties: false,
    $defs: { idString: idString() },
    examples: [REFERENCE_BODY],
  };
}

// The samples go where the document's first server is, as "Try it" does: a docs site that points
// `servers` at its sandbox shows snippets that send there, never to production behind its back.
function codeSamples(baseUrl) {
  const { request, violations } = api.buildRequest(REFERENCE_BODY, { baseUrl, token: 'placeholder' });
  if (!request) {
    const why = violations.map((v) => `${v.code}: ${v.message}`).join('; ');
    throw new Error(`the first server's url ${JSON.stringify(baseUrl)} is not a base URL: ${why}`);
  }
  return c.languages.map((lang) => ({
    lang,
    label: c.languageLabels[lang],
    source: api.snippet(request, lang, { token: 'redact' }),
  }));
}

// The answers, their descriptions and examples from the core (api.contract.responses).
function responses() {
  const schemaOf = { 200: 'UpdateUserSuccess', 422: 'InvalidBodyResponse' };
  return Object.fromEntries(
    c.responses.map(({ status, description, example }) => {
      const response = {
        description,
        content: {
          'application/json': {
            schema: { $ref: `#/components/schemas/${schemaOf[status] ?? 'ErrorResponse'}` },
            example,
          },
        },
      };
      if (status === 401)
        response.headers = {
          'WWW-Authenticate': {
            description: `Always \`${c.auth.scheme} realm="userapi sandbox"\` on the sandbox.`,
            schema: { type: 'string' },
          },
        };
      return [status, response];
    }),
  );
}

function violationSchema() {
  const positive = (minimum) => ({ type: 'integer', minimum });
  return {
    description: 'One violation, fields in this order (docs/contract.md section 1).',
    type: 'object',
    required: ['location', 'path', 'code', 'severity', 'message'],
    properties: {
      location: { enum: c.locations },
      path: { description: 'RFC 6901 JSON Pointer; "" is the whole input.', type: 'string' },
      code: { enum: c.codes.map((x) => x.id) },
      severity: { enum: ['error', 'warning'] },
      message: { type: 'string' },
      params: { type: 'object', additionalProperties: { type: ['string', 'number'] } },
      offset: positive(0),
      line: positive(1),
      column: positive(1),
      from: positive(0),
      to: positive(0),
    },
  };
}

// The members of a success's user_group, as the core checks them (api.contract.userGroupMembers).
function userGroupSchema() {
  // A member with `warnUnless` takes those strings; another one is a warning, not a violation.
  const describe = ({ description, warnUnless }) =>
    description ??
    (warnUnless && `${warnUnless.map((t) => `"${t}"`).join(' or ')}; another string is a warning.`);
  const property = (m) => ({
    ...(describe(m) && { description: describe(m) }),
    type: m.nullable ? [m.type, 'null'] : m.type,
    ...(m.minLength && { minLength: m.minLength }),
  });
  const members = c.userGroupMembers;
  return {
    type: 'object',
    required: members.filter((m) => m.required).map((m) => m.name),
    properties: Object.fromEntries(members.map((m) => [m.name, property(m)])),
  };
}

// The error codes of the documented answers (api.contract.responses), 422's included.
function errorResponseSchema() {
  const codes = [...new Set(c.errors.map((e) => e.code))]; // contract.h's table of error bodies
  return {
    type: 'object',
    required: ['success', 'error'],
    properties: {
      success: { const: 0 },
      error: {
        type: 'object',
        required: ['code', 'message'],
        properties: { code: { type: 'string', enum: codes }, message: { type: 'string' } },
      },
    },
  };
}

function schemas() {
  const { $comment, ...idStringSchema } = idString();
  return {
    UpdateUserBody: {
      title: 'Update User request body',
      description: 'The rules of docs/update-user.schema.json.',
      type: 'object',
      required: c.members.filter((m) => m.required).map((m) => m.name),
      additionalProperties: false,
      properties: bodyProperties('#/components/schemas/IdString'),
    },
    IdString: { description: $comment, ...idStringSchema },
    UserGroup: userGroupSchema(),
    UpdateUserSuccess: {
      type: 'object',
      required: c.responseMembers,
      properties: { success: { const: 1 }, user_group: { $ref: '#/components/schemas/UserGroup' } },
    },
    ErrorResponse: errorResponseSchema(),
    InvalidBodyResponse: {
      allOf: [
        { $ref: '#/components/schemas/ErrorResponse' },
        {
          type: 'object',
          required: ['violations'],
          properties: { violations: { type: 'array', items: { $ref: '#/components/schemas/Violation' } } },
        },
      ],
    },
    Violation: violationSchema(),
  };
}

// `servers` first names where the samples go: production, or the base URL given with --base-url.
function servers(baseUrl) {
  const known = [
    { url: c.defaultBaseUrl, description: 'Production' },
    { url: 'http://127.0.0.1:8787', description: 'The local sandbox (`userapi serve`, `scripts/run`)' },
  ];
  const first = known.find((s) => s.url === baseUrl) ?? { url: baseUrl, description: 'The API' };
  return [first, ...known.filter((s) => s !== first)];
}

function openapi(baseUrl = c.defaultBaseUrl) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Update User',
      version: api.version,
      summary: `${c.method} ${c.path} updates an existing user group.`,
      description:
        'Updates the user group that `user_group_id` names. Members that are absent keep their stored value; `mapping` and `properties` are replaced whole.\n\n' +
        "The rules of the body, every violation code and the order of violations are in [docs/contract.md](contract.md). A body that breaks them is answered with 422 and the core's violations.",
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: servers(baseUrl),
    security: [{ token: [] }],
    paths: {
      [c.path]: {
        [c.method.toLowerCase()]: {
          operationId: 'updateUser',
          summary: 'Update User',
          description: 'This endpoint updates an existing user.',
          requestBody: {
            required: true,
            content: {
              [c.contentType]: {
                schema: { $ref: '#/components/schemas/UpdateUserBody' },
                examples: { reference: { summary: "The reference page's example", value: REFERENCE_BODY } },
              },
            },
          },
          responses: responses(),
          'x-codeSamples': codeSamples(baseUrl),
        },
      },
    },
    components: {
      securitySchemes: {
        token: {
          type: 'apiKey',
          in: 'header',
          name: c.auth.header,
          description: `\`${c.auth.header}: ${c.auth.scheme} ${c.auth.redacted}\`: the word \`${c.auth.scheme}\`, one space, then the API token.`,
        },
      },
      schemas: schemas(),
    },
  };
}

const GENERATED =
  '# Generated from the core by scripts/contract-docs (api.contract): edit the core, then run it.\n';

function limitsTable() {
  const rows = [
    ['body or response text', `${n(L.maxBytes)} bytes`, '`json.too_large`'],
    ['nesting (the top-level value is level 1)', `${L.maxDepth} levels`, '`json.depth`'],
    ['string length', `1..${L.maxStringLength} code points`, '`string.min_len`, `string.max_len`'],
    ['`mapping` / `properties` entries', n(L.maxEntries), '`object.max_entries`'],
    ['schema id (`mapping` key)', `${L.maxSchemaIdDigits} digits`, '`mapping.key_format`'],
    ['token', `1..${n(L.maxTokenLength)} bytes of visible ASCII`, '`required`, `token.format`'],
  ];
  return ['| limit | value | code |', '|---|---|---|', ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

function codesTable() {
  const cell = (text) => text.replaceAll('|', '\\|');
  const rows = c.codes.map(
    (x) =>
      `| \`${x.id}\` | ${x.severity} | ${cell(x.when)} | ${x.example ? `${x.example.location} \`${cell(x.example.input)}\`` : '—'} |`,
  );
  return ['| code | severity | when | example |', '|---|---|---|---|', ...rows].join('\n');
}

// The catalogs as the core compiled them (api.catalog): a table of every code's message per
// language, then the phrases those messages quote.
function catalogTables() {
  const cell = (text) =>
    text.replaceAll('|', '\\|').replaceAll('\u00a0', '&nbsp;').replaceAll('\u202f', '&#8239;');
  const sections = api.locales.map(({ tag }) => {
    const catalog = api.catalog(tag);
    const codes = Object.entries(catalog.codes).map(([id, text]) => `| \`${id}\` | ${cell(text)} |`);
    const phrases = Object.entries(catalog.phrases).map(([id, text]) => `| \`${id}\` | ${cell(text)} |`);
    return [
      `### ${catalog.language} (\`${tag}\`)`,
      '',
      `<details><summary>${Object.keys(catalog.codes).length} messages, ${phrases.length} phrases</summary>`,
      '',
      '| code | message |',
      '|---|---|',
      ...codes,
      '',
      '| phrase | text |',
      '|---|---|',
      ...phrases,
      '',
      '</details>',
    ].join('\n');
  });
  return sections.join('\n\n');
}

/** Replaces what lies between the `name:begin` and `name:end` marker lines. */
function region(text, name, content, file) {
  const re = new RegExp(`(^.*${name}:begin.*\\n)[\\s\\S]*?(^.*${name}:end)`, 'm');
  if (!re.test(text)) throw new Error(`${file}: no ${name}:begin / ${name}:end markers`);
  return text.replace(re, (_, begin, end) => `${begin}${content}\n${end}`);
}

function union(name, values) {
  const line = `export type ${name} = ${values.map((v) => `'${v}'`).join(' | ')};`;
  return line.length <= 110 ? line : `export type ${name} =\n${values.map((v) => `  | '${v}'`).join('\n')};`;
}

const outputs = {
  'examples/update-user.json': () => `${JSON.stringify(REFERENCE_BODY, null, 2)}\n`,
  'docs/update-user.schema.json': () => `${JSON.stringify(jsonSchema(), null, 2)}\n`,
  'docs/openapi.yaml': () => GENERATED + stringify(openapi(), { lineWidth: 0 }),
  'bindings/userapi.d.ts': (old) =>
    region(
      region(
        region(
          region(old, 'locations', union('Location', c.locations), 'userapi.d.ts'),
          'codes',
          union(
            'Code',
            c.codes.map((x) => x.id),
          ),
          'userapi.d.ts',
        ),
        'languages',
        union('Language', c.languages),
        'userapi.d.ts',
      ),
      'locales',
      union(
        'LocaleTag',
        api.locales.map((l) => l.tag),
      ),
      'userapi.d.ts',
    ),
  // The English catalog, for translation tools: the source a new <tag>.json is translated from.
  // Its codes and phrases are the core's; its `page` section (the playground's own texts, which
  // the web build bundles) is written here by hand and kept.
  'i18n/en.json': (old) =>
    `${JSON.stringify({ ...api.catalog('en'), page: old ? JSON.parse(old).page : {} }, null, 2)}\n`,
  'docs/i18n.md': (old) => region(old, 'catalogs', catalogTables(), 'i18n.md'),
  'docs/contract.md': (old) =>
    region(region(old, 'limits', limitsTable(), 'contract.md'), 'codes', codesTable(), 'contract.md'),
};

// Regenerates (or, with --check, compares) the committed files.
async function writeOutputs(check) {
  const stale = [];
  for (const [file, make] of Object.entries(outputs)) {
    const url = new URL(file, root);
    const old = existsSync(url) ? readFileSync(url, 'utf8') : '';
    const text = await make(old, url.pathname);
    if (text === old) continue;
    if (check) stale.push(file);
    else (writeFileSync(url, text), console.log(`wrote ${file}`));
  }
  if (stale.length) {
    console.error(
      `not in step with the core: ${stale.join(', ')}\nrun scripts/contract-docs (after scripts/build) and commit the result`,
    );
    process.exit(1);
  }
}

// For a docs site: the OpenAPI document with `servers` led by --base-url, or the site's own
// document (--openapi FILE, YAML or JSON) with its x-codeSamples rendered again from its first
// server. Written to --out FILE, or to standard output.
function renderFor(options) {
  let doc;
  if (options.openapi) {
    doc = parse(readFileSync(options.openapi, 'utf8'));
    const url = doc.servers?.[0]?.url;
    if (!url) throw new Error(`${options.openapi}: no servers[0].url to render the code samples with`);
    const operation = doc.paths?.[c.path]?.[c.method.toLowerCase()];
    if (!operation) throw new Error(`${options.openapi}: no ${c.method} ${c.path} operation`);
    operation['x-codeSamples'] = codeSamples(url);
  } else {
    doc = openapi(options.baseUrl);
  }
  const text = (options.openapi ? '' : GENERATED) + stringify(doc, { lineWidth: 0 });
  if (options.out) writeFileSync(options.out, text);
  else process.stdout.write(text);
}

const USAGE = `usage: scripts/contract-docs [--check]
       scripts/contract-docs --base-url URL [--out FILE]
       scripts/contract-docs --openapi FILE [--out FILE]`;

try {
  const { values } = parseArgs({
    options: {
      check: { type: 'boolean' },
      'base-url': { type: 'string' },
      openapi: { type: 'string' },
      out: { type: 'string' },
    },
  });
  if (values['base-url'] !== undefined || values.openapi !== undefined)
    renderFor({ baseUrl: values['base-url'], openapi: values.openapi, out: values.out });
  else await writeOutputs(values.check);
} catch (error) {
  console.error(`contract-docs: ${error.message}\n${USAGE}`);
  process.exit(2);
}
