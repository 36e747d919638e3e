// Runs every snippet `userapi build` renders with its real client against a local echo server and
// checks that the client delivers exactly the built request (contract section 4): method PUT, the
// path, `Content-Type: application/json`, `Authorization: Token <token>`, and the body bytes.
//
//   node --test tests/snippets/            (from the repo root, after scripts/build)
//   USERAPI_CLI=/path/to/userapi node --test tests/snippets/
//
// Needs: node 20 and Debian's clients: curl, python3-requests, httpie, wget, golang-go (go run),
// default-jdk-headless (java File.java), php-cli + php-curl, ruby, gcc + libcurl4-openssl-dev,
// g++ + libcpp-httplib-dev, mono-mcs (+ mono-runtime), kotlin, python3-httpx, perl; and the npm
// packages typescript, @types/node and axios (scripts/setup installs them all).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { startEchoServer } from './echo-server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..');
const CLI_PATH = path.resolve(repoRoot, process.env.USERAPI_CLI ?? 'build/native/src/cli/userapi');
const CURL_SHELL = '/bin/sh';
const PYTHON = '/usr/bin/python3';
// JVM start-up tuning only (C1 compiler, serial GC): half the CPU time of a plain launch, which
// matters over ~80 launches per JVM language on 2 cores.
const JVM_FLAGS = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'];
// The interpreter or compiler that runs each script language's snippet file.
const SCRIPT_RUNNERS = {
  python: [PYTHON, '.py'],
  'python-http': [PYTHON, '.py'],
  fetch: [process.execPath, '.mjs'],
  node: [process.execPath, '.mjs'],
  ruby: ['/usr/bin/ruby', '.rb'],
  php: ['/usr/bin/php', '.php'],
  go: ['/usr/bin/go', '.go', ['run']],
  // The snippet is still the single-file `java File.java`, with JVM_FLAGS.
  java: ['/usr/bin/java', '.java', JVM_FLAGS],
  'python-httpx': [PYTHON, '.py'],
  axios: [process.execPath, '.mjs'],
  perl: ['/usr/bin/perl', '.pl'],
};
// Languages compiled first, then run: the compiler's command for a source and an output file,
// and the command that runs the output.
const HTTPLIB = spawnSync('pkg-config', ['--cflags', '--libs', 'cpp-httplib'], { encoding: 'utf8' });
const HTTPLIB_FLAGS = (HTTPLIB.stdout ?? '').trim().split(/\s+/);
const CPP_FLAGS = ['-std=c++17', '-Wall', '-Wextra', '-Werror'];
const COMPILED_RUNNERS = {
  // -std=c99 turns trigraphs on: the snippet's literals must not hold ??= and the like.
  c: {
    ext: '.c',
    compile: (src, out) => [
      '/usr/bin/gcc',
      ['-std=c99', '-Wall', '-Wextra', '-Werror', '-o', out, src, '-lcurl'],
    ],
    run: (out) => [out, []],
  },
  // -I PCH_DIR: g++ finds httplib.h.gch there first (a precompiled header, built once by
  // prepareCases; 0.6 instead of 1.9 CPU-seconds per compile) and uses it when the flags match.
  cpp: {
    ext: '.cpp',
    compile: (src, out) => ['/usr/bin/g++', [...CPP_FLAGS, '-I', PCH_DIR, '-o', out, src, ...HTTPLIB_FLAGS]],
    run: (out) => [out, []],
  },
  csharp: {
    ext: '.cs',
    compile: (src, out) => ['/usr/bin/mcs', ['-r:System.Net.Http.dll', `-out:${out}`, src]],
    run: (out) => ['/usr/bin/mono', [out]],
  },
};
// Languages whose compiler takes seconds to start (kotlinc ~4.5 CPU-seconds, tsc ~2): the
// snippets of every case are rendered before the tests and compiled in one run per language.
const KOTLIN_STDLIB = '/usr/share/java/kotlin-stdlib.jar';
const TSC = path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
const BATCHED_RUNNERS = { kotlin: compileKotlin, typescript: compileTypeScript };
// Languages whose snippet is a sh command.
const SHELL_LANGUAGES = new Set(['curl', 'httpie', 'wget']);
const ENV_NAME = 'USERAPI_TOKEN';
// Linux refuses a single argv string longer than MAX_ARG_STRLEN (32 pages = 131072 bytes).
const MAX_ARG_STRLEN = 131072;
const CASE_CONCURRENCY = Math.max(2, Math.min(4, os.availableParallelism?.() ?? 2));

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'userapi-snippets-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));
// A private copy, so that a rebuild while the suite runs cannot pull the binary away.
const CLI = path.join(tmp, 'userapi');
if (fs.existsSync(CLI_PATH)) fs.copyFileSync(CLI_PATH, CLI);

// Files that a shell would create if it executed text from a body or a token.
const pwned = {
  dollarParen: path.join(tmp, 'pwned-dollar-paren'),
  backtick: path.join(tmp, 'pwned-backtick'),
  token: path.join(tmp, 'pwned-token'),
};
// Checks the markers named in this case's inputs (cases run concurrently).
function assertNothingExecuted(inputs) {
  const created = Object.values(pwned).filter((file) => inputs.includes(file) && fs.existsSync(file));
  for (const file of created) fs.rmSync(file);
  assert.deepEqual(
    created,
    [],
    `a shell executed text from a body or token: it created ${created.join(', ')}`,
  );
}

// A child process, its output as bytes.
function run(cmd, args, { input, env, timeout = 20000 } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env: env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    let spawnError;
    const timer = setTimeout(() => child.kill('SIGKILL'), timeout);
    child.stdout.on('data', (c) => out.push(c));
    child.stderr.on('data', (c) => err.push(c));
    child.on('error', (e) => {
      spawnError = e;
    });
    child.stdin.on('error', () => {});
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        code,
        signal,
        stdout: Buffer.concat(out),
        stderr: Buffer.concat(err).toString('utf8'),
        error: spawnError,
      });
    });
    child.stdin.end(input ?? '');
  });
}

// The environment the clients run in: no proxies, Debian's binaries first, no ~/.curlrc or
// ~/.netrc (requests replaces an explicit Authorization header with netrc credentials).
function clientEnv(token) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) if (!/proxy$/i.test(k) && k !== ENV_NAME) env[k] = v;
  env.PATH = `/usr/bin:/bin:${path.dirname(process.execPath)}`;
  env.HOME = tmp;
  env.CURL_HOME = tmp;
  env.NO_PROXY = '*';
  env.no_proxy = '*';
  if (token !== undefined) env[ENV_NAME] = token;
  return env;
}

async function userapi(body, baseUrl, token, format, tokenMode) {
  const r = await run(
    CLI,
    [
      'build',
      '-',
      `--base-url=${baseUrl}`,
      `--token=${token}`,
      `--format=${format}`,
      `--token-mode=${tokenMode}`,
    ],
    { input: body },
  );
  if (r.error) throw new Error(`cannot run ${CLI_PATH}: ${r.error.message} (set USERAPI_CLI or build first)`);
  return r;
}

// The request the library built, token shown: { method, url, headers, body }.
async function builtRequest(body, baseUrl, token) {
  const r = await userapi(body, baseUrl, token, 'json', 'inline');
  const report = JSON.parse(r.stdout.toString('utf8'));
  assert.ok(
    report.request,
    `userapi build built nothing (exit ${r.code}): ${JSON.stringify(report.violations)}`,
  );
  return report.request;
}

async function snippet(body, baseUrl, token, language, tokenMode) {
  const r = await userapi(body, baseUrl, token, language, tokenMode);
  assert.equal(
    r.code,
    0,
    `userapi build --format ${language} --token-mode ${tokenMode} exited ${r.code}: ${r.stderr}`,
  );
  return r.stdout;
}

function pathOf(url) {
  const m = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/]*(\/.*)?$/.exec(url);
  assert.ok(m, `not an absolute URL: ${url}`);
  return m[1] ?? '/';
}

let fileCounter = 0;
function tempFile(ext, content) {
  const file = path.join(tmp, `snippet-${++fileCounter}${ext}`);
  fs.writeFileSync(file, content);
  return file;
}

// A compiler's complaints about each of `files` (or about the others), on `entries[i].error`.
function markCompileErrors(entries, files, result, compiler, allFail) {
  if (result.code === 0) return;
  const output = `${result.stderr}${result.stdout.toString('utf8')}`;
  entries.forEach((entry, i) => {
    const own = output.split('\n').filter((line) => line.includes(files[i]));
    if (own.length) entry.error = `${compiler} failed on ${files[i]}:\n${own.join('\n').slice(0, 2000)}`;
    else if (allFail) entry.error = `${compiler} failed on other snippets:\n${output.slice(0, 2000)}`;
  });
}

// One kotlinc run for every Kotlin snippet: each file gets a `package sN` line of its own (and
// nothing else changes), so that the files' main() functions do not clash.
async function compileKotlin(entries) {
  const dir = fs.mkdtempSync(path.join(tmp, 'kotlin-'));
  const classes = path.join(dir, 'classes');
  const files = entries.map((entry, i) => {
    const file = path.join(dir, `s${i}`, 'Main.kt');
    fs.mkdirSync(path.dirname(file));
    fs.writeFileSync(file, Buffer.concat([Buffer.from(`package s${i}\n\n`), entry.bytes]));
    entry.run = ['/usr/bin/java', [...JVM_FLAGS, '-cp', `${classes}:${KOTLIN_STDLIB}`, `s${i}.MainKt`]];
    return file;
  });
  if (!files.length) return;
  const env = { ...clientEnv(), JAVA_OPTS: JVM_FLAGS.join(' ') };
  const r = await run('/usr/bin/kotlinc', ['-d', classes, ...files], { env, timeout: 900000 });
  markCompileErrors(entries, files, r, 'kotlinc', true);
}

// One tsc run for every TypeScript snippet, each an ES module (.mts), strict; tsc emits the
// files without errors even when others have some.
async function compileTypeScript(entries) {
  const dir = fs.mkdtempSync(path.join(tmp, 'typescript-'));
  const out = path.join(dir, 'out');
  const files = entries.map((entry, i) => {
    const file = path.join(dir, `s${i}.mts`);
    fs.writeFileSync(file, entry.bytes);
    entry.run = [process.execPath, [path.join(out, `s${i}.mjs`)]];
    return file;
  });
  if (!files.length) return;
  const types = path.join(repoRoot, 'node_modules', '@types');
  const options = ['--strict', '--skipLibCheck', '--target', 'es2022', '--module', 'nodenext'];
  const args = [TSC, ...options, '--types', 'node', '--typeRoots', types, '--outDir', out, ...files];
  const r = await run(process.execPath, args, { timeout: 900000 });
  markCompileErrors(entries, files, r, 'tsc', false);
}

// Compiles a C, C++ or C# snippet, then runs what the compiler made.
async function runCompiled(language, snippetBytes, token) {
  const { ext, compile, run: runOutput } = COMPILED_RUNNERS[language];
  const source = tempFile(ext, snippetBytes);
  const output = source.slice(0, -ext.length) + (language === 'csharp' ? '.exe' : '');
  const [compiler, compilerArgs] = compile(source, output);
  const built = await run(compiler, compilerArgs, { env: clientEnv(), timeout: 120000 });
  if (built.code !== 0)
    return { ...built, stderr: `${compiler} failed: ${built.stderr}${built.stdout.toString('utf8')}` };
  const [exe, args] = runOutput(output);
  return run(exe, args, { env: clientEnv(token), timeout: 60000 });
}

// Runs one snippet with its client; resolves to a description of the run for messages.
// `compiled`: a batched language's entry ({ run } or { error }).
async function runClient(language, snippetBytes, server, token, compiled) {
  if (compiled) {
    if (compiled.error) return { code: 1, stdout: Buffer.alloc(0), stderr: compiled.error };
    const [exe, args] = compiled.run;
    return run(exe, args, { env: clientEnv(token), timeout: 90000 });
  }
  if (COMPILED_RUNNERS[language]) return runCompiled(language, snippetBytes, token);
  if (SHELL_LANGUAGES.has(language)) {
    // sh -c "<snippet>"; a snippet too long for one argv string is run from a file instead,
    // so that only the snippet's own arguments meet the limit.
    const text = snippetBytes.toString('utf8');
    const args = snippetBytes.length < MAX_ARG_STRLEN ? ['-c', text] : [tempFile('.sh', snippetBytes)];
    return run(CURL_SHELL, args, { env: clientEnv(token) });
  }
  if (SCRIPT_RUNNERS[language]) {
    const [exe, ext, args = []] = SCRIPT_RUNNERS[language];
    // go run compiles and java File.java compiles in memory: slower, and slower still under load.
    return run(exe, [...args, tempFile(ext, snippetBytes)], { env: clientEnv(token), timeout: 90000 });
  }
  switch (language) {
    case 'http':
      return new Promise((resolve) => {
        const socket = net.connect({ host: server.host, port: server.port });
        const answer = [];
        let done = false;
        const timer = setTimeout(() => finish(1, 'timeout'), 10000);
        const finish = (code, error) => {
          if (done) return;
          done = true;
          clearTimeout(timer);
          socket.destroy();
          resolve({ code, stdout: Buffer.concat(answer), stderr: error ? String(error) : '' });
        };
        socket.on('connect', () => socket.write(snippetBytes));
        socket.on('data', (c) => {
          answer.push(c);
          if (Buffer.concat(answer).includes('\r\n\r\n')) setTimeout(() => finish(0), 50);
        });
        socket.on('error', (e) => finish(1, e));
        socket.on('close', () => finish(answer.length ? 0 : 1, 'closed without an answer'));
      });
    default:
      throw new Error(language);
  }
}

function headerValues(rawHeaders, name) {
  return rawHeaders.filter(([n]) => n.toLowerCase() === name.toLowerCase()).map(([, v]) => v);
}

// One client run: build the snippet, run it, compare what arrived with the built request.
async function checkDelivery({ server, body, baseUrl, token, language, tokenMode, expected, compiled }) {
  const bytes = compiled ? compiled.bytes : await snippet(body, baseUrl, token, language, tokenMode);
  if (tokenMode !== 'inline')
    assertNoToken(bytes.toString('utf8'), token, `${language} ${tokenMode} snippet`);
  server.requests.length = 0;
  const result = await runClient(
    language,
    bytes,
    server,
    tokenMode === 'inline' ? undefined : token,
    compiled,
  );
  await server.waitForRequest(2000);
  assertNothingExecuted(body + token);
  const how = `${language} (${tokenMode}) exited ${result.code}${result.signal ? ` by ${result.signal}` : ''}; stderr: ${result.stderr.slice(0, 400)}`;
  assert.equal(server.requests.length, 1, `expected exactly one request; ${how}`);
  const got = server.requests[0];
  assert.equal(got.method, expected.method, how);
  assert.equal(got.path, pathOf(expected.url), `path; ${how}`);
  for (const [name, value] of expected.headers) {
    assert.deepEqual(headerValues(got.rawHeaders, name), [value], `header ${name}; ${how}`);
  }
  assert.deepEqual(headerValues(got.rawHeaders, 'Content-Type'), ['application/json']);
  assert.deepEqual(headerValues(got.rawHeaders, 'Authorization'), [`Token ${token}`]);
  const want = Buffer.from(expected.body, 'utf8');
  if (!got.body.equals(want)) {
    assert.fail(
      `body differs (${got.body.length} bytes sent, ${want.length} expected); ${how}\n` +
        `sent:     ${JSON.stringify(got.body.toString('utf8').slice(0, 300))}\nexpected: ${JSON.stringify(expected.body.slice(0, 300))}`,
    );
  }
  assert.equal(result.code, 0, `the client reported a failure; ${how}`);
}

// The token in any spelling a snippet could carry it: raw, JSON-escaped (also Go's and Java's
// escapes for visible ASCII), sh-quoted, PHP/Ruby single-quoted.
function assertNoToken(text, token, what) {
  const forms = new Set([
    token,
    JSON.stringify(token).slice(1, -1),
    token.replaceAll("'", "'\\''"),
    token.replaceAll('\\', '\\\\').replaceAll("'", "\\'"),
  ]);
  for (const form of forms) assert.ok(!text.includes(form), `${what} holds the token`);
}

// Every language the CLI offers (a test below checks that this is the CLI's list).
const LANGUAGES = [
  ...SHELL_LANGUAGES,
  ...Object.keys(SCRIPT_RUNNERS),
  ...Object.keys(COMPILED_RUNNERS),
  ...Object.keys(BATCHED_RUNNERS),
  'http',
];
// http has no client that reads a variable: its env mode targets VS Code's REST Client.
// USERAPI_SNIPPET_LANGUAGES=c,kotlin runs those languages only (while working on them; the test
// that the suite covers every language then fails on purpose).
const ONLY = process.env.USERAPI_SNIPPET_LANGUAGES?.split(',');
const RUNS = LANGUAGES.filter((language) => !ONLY || ONLY.includes(language)).flatMap((language) =>
  language === 'http'
    ? [[language, 'inline']]
    : [
        [language, 'inline'],
        [language, `env:${ENV_NAME}`],
      ],
);

const INLINE_RUNS = RUNS.filter(([, mode]) => mode === 'inline');
// The env mode changes only the Authorization line, so it runs on every token and base URL but on
// these bodies only (keeps the suite near 30 s on 2 cores).
const ENV_BODIES = new Set([
  'reference page example',
  'single quotes',
  '$HOME and ${HOME}',
  '$(touch ...)',
  'backticks',
  'raw non-ASCII é 中文 emoji',
  '100 KB of emoji (25,000 x 4 bytes)',
  'body over 128 KiB (one argv string)',
]);

const DEFAULT_TOKEN = 's3cr3tT0ken-a\'b"c$d`e\\f!g';

const REFERENCE_EXAMPLE = `{
"user_group_id": "example_1",
"name": "Example 1",
"mapping": {"40": "213", "134": "386"},
"properties": {"filterValue": "value"}
}`;

const p = (props) => JSON.stringify({ user_group_id: 'ug_1', properties: props });
const nest = (depth) => {
  let v = '"leaf \' $x"';
  for (let i = 0; i < depth; i++) v = `{"k${i}":${v}}`;
  return `{"user_group_id":"x","properties":${v}}`;
};

// Body texts as typed by a user (so escapes and number spellings are the input's own).
const BODIES = [
  ['reference page example', REFERENCE_EXAMPLE],
  ['single quotes', `{"user_group_id":"it's","name":"O'Brien's '' '"}`],
  ["sh's own escape '\\''", String.raw`{"user_group_id":"a'\\''b","name":"'\\''"}`],
  ['double quotes', String.raw`{"user_group_id":"say \"hi\"","name":"\"\"\""}`],
  ['$HOME and ${HOME}', '{"user_group_id":"$HOME","name":"${HOME} $0 $$ $1 $@ $*"}'],
  ['$(touch ...)', `{"user_group_id":"x","name":"$(touch ${pwned.dollarParen})"}`],
  ['backticks', `{"user_group_id":"x","name":"\`touch ${pwned.backtick}\`"}`],
  ['! history characters', '{"user_group_id":"!!","name":"!$ !-1 !# ^a^b"}'],
  [
    'backslashes',
    String.raw`{"user_group_id":"C:\\path\\to","name":"\\\\server\\share\\","properties":{"re":"\\d+\\.\\w","end":"\\"}}`,
  ],
  [
    '\\n \\t \\r \\b \\f escapes',
    String.raw`{"user_group_id":"x","properties":{"s":"line1\nline2\ttab\r\n\b\f"}}`,
  ],
  [
    '\\u0000 and \\u001f',
    String.raw`{"user_group_id":"x","properties":{"nul":"a\u0000b","us":"\u001f","del":"\u007f","all":"\u0001\u0002\u001b[31m"}}`,
  ],
  [
    'raw non-ASCII é 中文 emoji',
    '{"user_group_id":"é","name":"中文 名前 😀👩‍👩‍👧","properties":{"ß":"Ünïcødé"}}',
  ],
  [
    '\\u escapes of non-ASCII',
    String.raw`{"user_group_id":"\u00e9","name":"\u4e2d\u6587","properties":{"e":"\ud83d\ude00"}}`,
  ],
  ['U+2028 and U+2029 raw', '{"user_group_id":"a\u2028b","name":"c\u2029d"}'],
  ['U+2028 escaped', String.raw`{"user_group_id":"a\u2028b","name":"x\u2029y"}`],
  [
    'BOM, NEL, noncharacters, U+10FFFF',
    '{"user_group_id":"\ufeffx","name":"\u0085 \ufffe \uffff \u{10ffff}"}',
  ],
  [
    'value starting with @/etc/passwd',
    '{"user_group_id":"@/etc/passwd","name":"@-","properties":{"@/etc/hostname":"<@file"}}',
  ],
  ['%s %d format directives', '{"user_group_id":"%s%d%n","name":"%%s %x %1$s %(a)s {0}"}'],
  [
    '{{x}} templates',
    '{"user_group_id":"{{x}}","name":"{{$processEnv HOME}}","properties":{"t":"${x} #{x} {x} [x]"}}',
  ],
  ['</script> and <!--', '{"user_group_id":"</script><script>alert(1)</script>","name":"<!-- -->"}'],
  ['curl options as values', '{"user_group_id":"--data","name":"-d @/etc/passwd --next -K /etc/passwd"}'],
  ['shell metacharacters', '{"user_group_id":";|&<>()","name":"a; rm -rf ~ && echo | cat > /dev/null #"}'],
  ['hostile keys', p({ "'; touch /tmp/x; '": 1, '$(id)': 2, '`id`': 3, '"\\': 4 })],
  [
    'python and JS literal syntax',
    String.raw`{"user_group_id":"x","name":"\\N{BULLET} \\x41 \\u0041 \\u{41} \\0 \\'","properties":{"f":"{name!r} ` +
      '${name}' +
      String.raw` r'x' b'x' f'{x}'"}}`,
  ],
  ['100 KB ASCII string', p({ long: 'x'.repeat(100_000) })],
  ['100 KB of emoji (25,000 x 4 bytes)', p({ long: '😀'.repeat(25_000) })],
  ['25,000 single quotes', p({ q: "'".repeat(25_000) })],
  [
    'big integer 12345678901234567890123',
    '{"user_group_id":"x","properties":{"n":12345678901234567890123,"m":-98765432109876543210}}',
  ],
  ['1e400', '{"user_group_id":"x","properties":{"n":1e400}}'],
  ['-0 and 1.0', '{"user_group_id":"x","properties":{"z":-0,"f":1.0,"e":1E+2,"g":-1.5e-10,"h":0.10}}'],
  ['nested properties (depth 32)', nest(30)],
  ['arrays, null, booleans', '{"user_group_id":"x","properties":{"a":[1,[2,[3,{}]],[],null,true,false,""]}}'],
  [
    'mapping with numeric value',
    '{"user_group_id":"x","mapping":{"0":"a","40":213,"123456789012345678":"b"}}',
  ],
  ['white space everywhere', ' \n\t{ "user_group_id" :\r\n "x" , "name" : "  spaced  " }\n'],
  ['body over 128 KiB (one argv string)', p({ long: 'y'.repeat(200_000) })],
  [
    '\\u escapes as text (javac reads \\u before lexing)',
    String.raw`{"user_group_id":"u","properties":{"nl":"\u000a\u000d","s":"\\u0022 \\u005c \\\u0041 \u0022","u":"\\u000d\\u000A\\uuuu0041"}}`,
  ],
  [
    'PHP and Ruby syntax: ?>, #{}, heredocs',
    String.raw`{"user_group_id":"?><?php echo 1; ?>","name":"#{1} #@x #$y \\' \\\\'","properties":{"h":"<<~'EOS'\nEOS\n__END__\n?>","p":"<<<'EOT' {$x} $x"}}`,
  ],
  [
    'Go and Java escapes as text',
    String.raw`{"user_group_id":"\\x41 \\101 \\U0001F600","name":"\\a\\v\\e %v %q %%"}`,
  ],
  [
    'a paired surrogate escape beside raw emoji',
    String.raw`{"user_group_id":"\ud83d\ude00","name":"😀\ud800\udc00"}`,
  ],
  [
    'C, C++, C# and Kotlin syntax: trigraphs, a raw string end, templates',
    String.raw`{"user_group_id":"??= ??/ ??' ??( ???!","name":"R\"json(x)json","properties":{"k":"$name ` +
      '${1+1}' +
      String.raw` \\$x","cs":"{0} @\"x\" $\"{x}\" \\x41 \\?"}}`,
  ],
  ['string pieces near 40,000 bytes (Java joins them)', p({ a: 'é'.repeat(19_999) + '😀'.repeat(5_001) })],
];

// Base URLs other than the plain origin, each tried with every client on a few bodies.
const URL_CASES = [
  { name: 'path prefix /v2', host: '127.0.0.1', prefix: '/v2' },
  { name: 'path prefix with a trailing slash /v2/', host: '127.0.0.1', prefix: '/v2/' },
  {
    name: "path prefix with sh and URL characters /v2'$x!(*);=:@",
    host: '127.0.0.1',
    prefix: "/v2'$x!(*);=:@",
  },
  { name: 'IPv6 [::1]', host: '::1', prefix: '' },
  { name: 'IPv6 [::1] with /v2', host: '::1', prefix: '/v2' },
];
const URL_BODIES = ['reference page example', 'raw non-ASCII é 中文 emoji'];

// Base URLs that some clients rewrite before sending: the core refuses them (base_url.format).
const URL_EDGE_CASES = [
  { name: 'dot segments /a/../v2', prefix: '/a/../v2' },
  { name: 'percent-encoded dot segment /%2e%2e/v2', prefix: '/%2e%2e/v2' },
  { name: 'percent-encoded unreserved /%7Euser%41', prefix: '/%7Euser%41' },
];

const TOKENS = [
  ['quotes, $, backtick, backslash, !', 'a\'b"c$d`e\\f!g'],
  ["sh's own escape", "'\\''"],
  ['command substitution', `$(touch\${IFS}${pwned.token})\`touch\${IFS}${pwned.token}\``],
  ['variables', '$HOME${HOME}$0$$'],
  ['format and template syntax', '%s%d%n{{x}}{{$processEnv}}${x}'],
  ['curl option look-alikes', '--data-raw=@/etc/passwd'],
  ['literal escapes', '\\u0041\\x41\\n\\N{BULLET}\\'],
  ['</script>', '</script><!--'],
  [
    'every visible ASCII character',
    Array.from({ length: 0x7e - 0x21 + 1 }, (_, i) => String.fromCharCode(0x21 + i)).join(''),
  ],
  [
    '4096 characters',
    Array.from({ length: 4096 }, (_, i) => String.fromCharCode(0x21 + ((i * 37) % 94))).join(''),
  ],
];
const TOKEN_BODY = '{"user_group_id":"x","name":"y"}';

before(async () => {
  assert.ok(fs.existsSync(CLI), `no userapi CLI at ${CLI_PATH}: run scripts/build or set USERAPI_CLI`);
  const clients = [CURL_SHELL, '/usr/bin/curl', '/usr/bin/http', '/usr/bin/wget', '/usr/bin/sed'];
  const compilers = [
    '/usr/bin/gcc',
    '/usr/bin/g++',
    '/usr/bin/mcs',
    '/usr/bin/mono',
    '/usr/bin/kotlinc',
    TSC,
  ];
  const libraries = ['/usr/include/httplib.h', KOTLIN_STDLIB]; // and curl/curl.h: the C compile says
  const axios = path.join(repoRoot, 'node_modules', 'axios', 'package.json');
  for (const exe of [
    ...clients,
    ...compilers,
    ...libraries,
    axios,
    ...Object.values(SCRIPT_RUNNERS).map(([e]) => e),
  ])
    assert.ok(fs.existsSync(exe), `${exe} is missing (scripts/setup installs the snippet clients)`);
  for (const module of ['requests', 'httpx']) {
    const r = await run(PYTHON, ['-c', `import ${module}`]);
    assert.equal(r.code, 0, `python3-${module} is missing (scripts/setup installs it)`);
  }
  // axios snippets import "axios": node finds it from the snippet files' folder.
  fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(tmp, 'node_modules'));
});

let ipv6 = true;
try {
  const probe = await startEchoServer({ host: '::1' });
  await probe.close();
} catch {
  ipv6 = false;
}

// Every case that runs snippets, declared with the tests: its echo server is started, its request
// built and its batched languages' snippets rendered and compiled before any test runs.
const CASES = [];
function declareCase(spec) {
  const c = { host: '127.0.0.1', prefix: '', token: DEFAULT_TOKEN, runs: RUNS, ...spec };
  CASES.push(c);
  return c;
}

async function prepareCase(c) {
  c.compiled = new Map();
  c.server = await startEchoServer({ host: c.host });
  c.baseUrl = c.server.url + c.prefix;
  c.expected = await builtRequest(c.body, c.baseUrl, c.token);
  for (const [language, tokenMode] of c.runs) {
    if (!BATCHED_RUNNERS[language]) continue;
    const bytes = await snippet(c.body, c.baseUrl, c.token, language, tokenMode);
    c.compiled.set(`${language} ${tokenMode}`, { language, bytes });
  }
}

// The precompiled httplib.h for the C++ snippets; without it they still compile, only slower.
const PCH_DIR = path.join(tmp, 'pch');
async function precompileHttplib() {
  fs.mkdirSync(PCH_DIR);
  const out = path.join(PCH_DIR, 'httplib.h.gch');
  const args = [...CPP_FLAGS, ...HTTPLIB_FLAGS.filter((f) => f.startsWith('-D')), '-x', 'c++-header'];
  await run('/usr/bin/g++', [...args, '/usr/include/httplib.h', '-o', out], { timeout: 300000 });
}

// Run once, by the first case that starts (every case waits for it).
let preparing;
function prepareCases() {
  preparing ??= (async () => {
    if (RUNS.some(([language]) => language === 'cpp')) await precompileHttplib();
    const ready = CASES.filter((c) => !c.skip);
    const prepare = (c) =>
      prepareCase(c).catch((error) => {
        c.error = error; // this case's test fails with it, the others go on
      });
    for (let i = 0; i < ready.length; i += 8) await Promise.all(ready.slice(i, i + 8).map(prepare));
    const entries = ready.flatMap((c) => [...c.compiled.values()]);
    for (const [language, compile] of Object.entries(BATCHED_RUNNERS))
      await compile(entries.filter((entry) => entry.language === language));
  })();
  return preparing;
}
after(() => Promise.all(CASES.filter((c) => c.server).map((c) => c.server.close())));

// All runs of one case share its echo server and go one after the other.
async function caseRuns(t, c) {
  await prepareCases();
  if (c.error) throw c.error;
  const { server, body, baseUrl, token, expected } = c;
  for (const [language, tokenMode] of c.runs) {
    const compiled = c.compiled.get(`${language} ${tokenMode}`);
    await t.test(`${language} ${tokenMode}`, () =>
      checkDelivery({ server, body, baseUrl, token, language, tokenMode, expected, compiled }),
    );
  }
}

describe('each snippet delivers the built request', { concurrency: CASE_CONCURRENCY }, () => {
  for (const [name, body] of BODIES) {
    const c = declareCase({ body, runs: ENV_BODIES.has(name) ? RUNS : INLINE_RUNS });
    test(name, (t) => caseRuns(t, c));
  }
});

describe('base URLs', { concurrency: CASE_CONCURRENCY }, () => {
  for (const u of URL_CASES) {
    for (const bodyName of URL_BODIES) {
      const body = BODIES.find(([n]) => n === bodyName)[1];
      const skip = u.host.includes(':') && !ipv6 ? 'no IPv6 loopback here' : false;
      const c = declareCase({ host: u.host, prefix: u.prefix, body, skip });
      test(`${u.name}: ${bodyName}`, { skip }, (t) => caseRuns(t, c));
    }
  }
});

describe('base URLs that clients normalize are refused', () => {
  for (const u of URL_EDGE_CASES) {
    test(u.name, async () => {
      const r = await userapi(
        TOKEN_BODY,
        `http://127.0.0.1:8080${u.prefix}`,
        DEFAULT_TOKEN,
        'json',
        'inline',
      );
      const report = JSON.parse(r.stdout.toString('utf8'));
      assert.equal(report.request, undefined);
      assert.deepEqual(
        report.violations.map((v) => `${v.location} ${v.code}`),
        ['base_url base_url.format'],
      );
    });
  }
});

test('the suite runs every language the CLI offers', async () => {
  assert.equal(ONLY, undefined, 'USERAPI_SNIPPET_LANGUAGES is set: some languages did not run');
  const r = await userapi(TOKEN_BODY, 'http://127.0.0.1:8080', DEFAULT_TOKEN, 'no-such-language', 'redact');
  assert.equal(r.code, 2);
  // CLI11: "--format: no-such-language not in {json,curl,...}"
  const offered = /not in \{json,([a-z,-]+)\}/.exec(r.stderr)?.[1].split(',');
  assert.deepEqual(offered?.toSorted(), [...LANGUAGES].sort(), r.stderr);
});

// JSON text, but not Unicode: the core refuses it (json.encoding), so no snippet ever holds it.
test('lone surrogate escapes are refused before any snippet', async () => {
  for (const body of [
    String.raw`{"user_group_id":"x","properties":{"v":"\udc00"}}`,
    String.raw`{"user_group_id":"\ud800x"}`,
  ]) {
    const r = await userapi(body, 'http://127.0.0.1:8080', DEFAULT_TOKEN, 'go', 'inline');
    assert.equal(r.code, 1, body);
    assert.equal(r.stdout.length, 0, `a snippet for ${body}`);
    assert.match(r.stderr, /json\.encoding/);
  }
});

test('Go snippets are as gofmt writes them', async () => {
  for (const mode of ['redact', 'inline', `env:${ENV_NAME}`]) {
    const file = tempFile(
      '.go',
      await snippet(TOKEN_BODY, 'http://127.0.0.1:8080', DEFAULT_TOKEN, 'go', mode),
    );
    const r = await run('/usr/bin/gofmt', ['-d', file]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.toString('utf8'), '', `gofmt would change the ${mode} snippet`);
  }
});

test('env names the shell sets itself are refused', async () => {
  for (const name of ['PWD', 'PATH', 'IFS', 'OPTIND', 'PPID']) {
    const r = await userapi(TOKEN_BODY, 'http://127.0.0.1:8080', DEFAULT_TOKEN, 'curl', `env:${name}`);
    assert.equal(r.code, 2, `env:${name} should be a usage error`);
  }
});

describe('hostile tokens', { concurrency: CASE_CONCURRENCY }, () => {
  for (const [name, token] of TOKENS) {
    const c = declareCase({ body: TOKEN_BODY, token });
    test(name, (t) => caseRuns(t, c));
  }
});

describe('the token stays out of redacted and env snippets', { concurrency: CASE_CONCURRENCY }, () => {
  for (const [name, token] of [['default', DEFAULT_TOKEN], ...TOKENS]) {
    test(name, async () => {
      const baseUrl = 'http://127.0.0.1:8080/v2';
      for (const language of [...LANGUAGES, 'json']) {
        const redacted = (await userapi(TOKEN_BODY, baseUrl, token, language, 'redact')).stdout.toString(
          'utf8',
        );
        assertNoToken(redacted, token, `${language} redact`);
        assert.ok(redacted.includes('<token>'), `${language} redact output has no <token>: ${redacted}`);
        const env = (await userapi(TOKEN_BODY, baseUrl, token, language, `env:${ENV_NAME}`)).stdout.toString(
          'utf8',
        );
        assertNoToken(env, token, `${language} env`);
        assert.ok(env.includes(ENV_NAME), `${language} env output does not name ${ENV_NAME}: ${env}`);
      }
    });
  }
});
