// The Debian package as an operator and a C++ developer meet it: what `dpkg-deb -c` lists, its
// Depends, lintian (no errors; every warning is one docs/native.md lists), and the package
// unpacked into a scratch root (`dpkg -x`): the command runs from there, with nothing of the build
// tree, serves the playground at / with no --web, and a consumer builds against its library by
// find_package and by pkg-config.
//
//   scripts/package && node --test tests/package/
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

import { repoRoot, run, tmp } from '../sandbox/server.mjs';

const dir = path.join(repoRoot, 'build/package');
const debs = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => /^userapi_.*\.deb$/.test(f)) : [];
const version = /project\(userapi VERSION (\S+)/.exec(
  fs.readFileSync(path.join(repoRoot, 'CMakeLists.txt'), 'utf8'),
)[1];
const deb = path.join(dir, debs[0] ?? 'missing.deb');
const root = path.join(tmp, 'root');
const userapi = path.join(root, 'usr/bin/userapi');
let multiarch;

before(async () => {
  assert.equal(debs.length, 1, `expected one .deb in ${dir} (run scripts/package): ${debs}`);
  const unpacked = await run('dpkg', ['-x', deb, root]);
  assert.equal(unpacked.code, 0, unpacked.stderr);
  multiarch = (await run('dpkg-architecture', ['-qDEB_HOST_MULTIARCH'])).stdout.trim();
});

/** Runs the unpacked command in the scratch root, far from the build tree. */
const inRoot = (args, options) => run(userapi, args, { ...options, cwd: root });

describe('the .deb', () => {
  test(`is named userapi_${version}_<arch>.deb and lists what an operator and a developer need`, async () => {
    const arch = (await run('dpkg', ['--print-architecture'])).stdout.trim();
    assert.equal(debs[0], `userapi_${version}_${arch}.deb`);
    const listing = await run('dpkg-deb', ['-c', deb]);
    assert.equal(listing.code, 0, listing.stderr);
    const files = listing.stdout.split('\n').map((l) => l.split(/\s+/).at(5));
    for (const file of [
      './usr/bin/userapi',
      `./usr/lib/${multiarch}/libuserapi.a`,
      './usr/include/userapi/validate.h',
      './usr/include/userapi/contract.h',
      `./usr/lib/${multiarch}/cmake/userapi/userapiConfig.cmake`,
      `./usr/lib/${multiarch}/cmake/userapi/userapiConfigVersion.cmake`,
      `./usr/lib/${multiarch}/cmake/userapi/userapiTargets.cmake`,
      `./usr/lib/${multiarch}/pkgconfig/userapi.pc`,
      './usr/share/man/man1/userapi.1.gz',
      './usr/share/doc/userapi/copyright',
      './usr/share/doc/userapi/changelog.gz',
      './usr/share/doc/userapi/README.md',
      './usr/share/doc/userapi/native.md',
      './usr/share/doc/userapi/examples/update-user.json',
      './lib/systemd/system/userapi-sandbox.service',
      './etc/userapi/sandbox.env',
    ])
      assert.ok(files.includes(file), `dpkg-deb -c does not list ${file}`);
    assert.ok(!files.some((f) => /\.map$|\/build\/|\/work\//.test(f)), 'build files in the package');
  });

  test('Depends names the libraries the command links (from dpkg-shlibdeps)', async () => {
    const depends = (await run('dpkg-deb', ['-f', deb, 'Depends'])).stdout;
    // Boost.Beast and Asio are header-only: nothing of Boost at run time.
    assert.doesNotMatch(depends, /boost|httplib/, `Depends: ${depends}`);
    for (const lib of ['libc6', 'libstdc++6', 'libcurl4', 'libsqlite3-0', 'libssl3'])
      assert.match(
        depends,
        new RegExp(`(^|, )${lib.replace(/[.+]/g, '\\$&')} \\(>= `),
        `Depends: ${depends}`,
      );
  });
});

describe('the .deb: lintian and relocatable config files', () => {
  test('lintian reports no errors, and docs/native.md lists every warning', async () => {
    const r = await run('lintian', ['--tag-display-limit', '0', deb], { timeout: 120000 });
    const lines = r.stdout.split('\n').filter(Boolean);
    assert.deepEqual(
      lines.filter((l) => l.startsWith('E:')),
      [],
    );
    const documented = fs.readFileSync(path.join(repoRoot, 'docs/native.md'), 'utf8');
    for (const line of lines.filter((l) => l.startsWith('W:'))) {
      const tag = line.split(' ')[2];
      assert.ok(documented.includes(`\`${tag}\``), `lintian warning ${tag} is not in docs/native.md`);
    }
  });

  // CMake's own "/usr move" fallback (a /lib -> /usr/lib link) is the one absolute path it writes;
  // every path a consumer uses is relative to the file's own place (proved below by building
  // against the scratch root, where /usr/include/userapi does not exist).
  test('the CMake and pkg-config files locate the prefix from where they lie', () => {
    const lib = path.join(root, 'usr/lib', multiarch);
    const targets = fs.readFileSync(path.join(lib, 'cmake/userapi/userapiTargets.cmake'), 'utf8');
    const release = fs.readFileSync(path.join(lib, 'cmake/userapi/userapiTargets-release.cmake'), 'utf8');
    const uses = [
      ...`${targets}\n${release}`.matchAll(/^\s*(INTERFACE_\w+|IMPORTED_LOCATION\w*) "([^"]*)"/gm),
    ];
    assert.ok(uses.length >= 2, 'no include or location property found');
    for (const [, property, value] of uses)
      assert.doesNotMatch(value, /(^|;)\//, `${property} is absolute: ${value}`);
    const pc = fs.readFileSync(path.join(lib, 'pkgconfig/userapi.pc'), 'utf8');
    assert.match(pc, /^prefix=\$\{pcfiledir\}\/\.\.\/\.\.\/\.\.$/m);
    assert.doesNotMatch(pc, /\/usr|\/work|\/home/);
  });
});

describe('unpacked into a scratch root (dpkg -x)', () => {
  test('userapi --version and validate run', async () => {
    const v = await inRoot(['--version']);
    assert.equal(v.stdout, `userapi ${version}\n`);
    const example = path.join(root, 'usr/share/doc/userapi/examples/update-user.json');
    assert.equal((await inRoot(['validate', example])).code, 0);
    const bad = await inRoot(['validate', '-'], { input: '{"userGroupId":"x"}' });
    assert.equal(bad.code, 1);
    assert.match(bad.stdout, /\[unknown_field\]/);
  });

  test('the man page renders and documents every command', async () => {
    const r = await run('man', ['-l', '-P', 'cat', path.join(root, 'usr/share/man/man1/userapi.1.gz')], {
      env: { ...process.env, MANWIDTH: '100' },
    });
    assert.equal(r.code, 0, r.stderr);
    for (const command of ['validate', 'build', 'send', 'check-response', 'serve'])
      assert.match(r.stdout, new RegExp(`Usage: userapi ${command} `));
  });
});

describe('unpacked: userapi serve with no --web', () => {
  let server;
  let origin;
  let log = '';
  before(async () => {
    server = spawn(userapi, ['serve', '--port', '0', '--db', path.join(tmp, 'deb.db')], { cwd: root });
    server.stderr.on('data', (c) => (log += c));
    origin = await new Promise((resolve, reject) => {
      let out = '';
      server.stdout.on('data', (c) => {
        out += c;
        const m = /userapi sandbox on (http:\/\/[^/]+)\//.exec(out);
        if (m) resolve(m[1]);
      });
      server.on('exit', (code) => reject(new Error(`serve exited ${code}: ${log}`)));
    });
  });
  after(() => server?.kill('SIGTERM'));

  const get = (target, headers = {}) =>
    new Promise((resolve, reject) => {
      http
        .get(`${origin}${target}`, { headers }, (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }),
          );
        })
        .on('error', reject);
    });

  test('/ is the playground page, with its bundle and the wasm core', async () => {
    const page = await get('/');
    assert.equal(page.status, 200);
    assert.match(page.headers['content-type'], /^text\/html/);
    assert.match(page.body.toString(), /<title>Update User playground/);
    const js = await get('/playground.js');
    assert.equal(js.status, 200);
    assert.match(js.headers['content-type'], /^text\/javascript/);
    const wasm = await get('/userapi-core.wasm');
    assert.equal(wasm.headers['content-type'], 'application/wasm');
    assert.deepEqual([...wasm.body.subarray(0, 4)], [0, 0x61, 0x73, 0x6d]);
    assert.ok(!/no playground/.test(log), log);
  });

  test('static files carry an ETag and Cache-Control, answer 304, and come gzipped when asked', async () => {
    const plain = await get('/playground.js');
    const etag = plain.headers.etag;
    assert.match(etag, /^"[0-9a-f]{20}"$/);
    assert.equal(plain.headers['cache-control'], 'no-cache');
    assert.equal((await get('/playground.js', { 'If-None-Match': etag })).status, 304);
    const gz = await get('/playground.js', { 'Accept-Encoding': 'gzip' });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.ok(gz.body.length < plain.body.length / 2);
    const { gunzipSync } = await import('node:zlib');
    assert.deepEqual(gunzipSync(gz.body), plain.body);
    const refused = await get('/playground.js', { 'Accept-Encoding': 'gzip;q=0' });
    assert.equal(refused.headers['content-encoding'], undefined);
  });
});

// The service an operator enables with `systemctl enable --now userapi-sandbox`: checked by
// systemd's own tools on the unit as packaged (ExecStart pointed at the unpacked command).
describe('the systemd unit', () => {
  const unit = () => path.join(root, 'lib/systemd/system/userapi-sandbox.service');
  const checked = () => {
    const file = path.join(tmp, 'unit', 'userapi-sandbox.service');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, fs.readFileSync(unit(), 'utf8').replace('/usr/bin/userapi', userapi));
    return file;
  };

  test('/etc/userapi/sandbox.env is a conffile, and the unit runs serve --public with an absolute --db', async () => {
    const conffiles = await run('dpkg-deb', ['-I', deb, 'conffiles']);
    assert.equal(conffiles.stdout.trim(), '/etc/userapi/sandbox.env');
    const text = fs.readFileSync(unit(), 'utf8');
    assert.match(
      text,
      /^ExecStart=\/usr\/bin\/userapi serve --public --db \/var\/lib\/userapi-sandbox\/sandbox\.db /m,
    );
    for (const line of [
      'DynamicUser=yes',
      'StateDirectory=userapi-sandbox',
      'ProtectSystem=strict',
      'NoNewPrivileges=yes',
    ])
      assert.ok(text.split('\n').includes(line), `no ${line}`);
  });

  test('systemd-analyze verify finds nothing', async () => {
    // It also checks that the Documentation= man page exists: the package's own.
    const r = await run('systemd-analyze', ['verify', checked()], {
      env: { ...process.env, MANPATH: path.join(root, 'usr/share/man') },
    });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal((r.stdout + r.stderr).trim(), '', r.stdout + r.stderr);
  });

  test('systemd-analyze security rates it OK or better (printed)', async () => {
    const r = await run('systemd-analyze', ['security', '--offline=true', '--no-pager', checked()]);
    const m = /Overall exposure level for \S+: (\d+\.\d+) (\w+)/.exec(r.stdout);
    assert.ok(m, r.stdout + r.stderr);
    console.log(`systemd-analyze security: ${m[1]} ${m[2]}`);
    assert.ok(
      ['PERFECT', 'SAFE', 'OK'].includes(m[2]),
      r.stdout
        .split('\n')
        .filter((l) => /✗/.test(l))
        .join('\n'),
    );
  });
});

describe('a C++ consumer against the unpacked package', () => {
  test('pkg-config userapi', async () => {
    const r = await run('sh', [
      path.join(repoRoot, 'tests/install/pkg-config.sh'),
      root,
      path.join(tmp, 'pc'),
      version,
    ]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /userapi consumer: ok/);
  });

  test('find_package(userapi 0.1 REQUIRED)', async () => {
    const out = path.join(tmp, 'fp');
    const configure = await run(
      'cmake',
      [
        '-S',
        path.join(repoRoot, 'tests/install/find-package'),
        '-B',
        out,
        `-DCMAKE_PREFIX_PATH=${path.join(root, 'usr')}`,
      ],
      { timeout: 120000 },
    );
    assert.equal(configure.code, 0, configure.stdout + configure.stderr);
    const build = await run('cmake', ['--build', out], { timeout: 120000 });
    assert.equal(build.code, 0, build.stdout + build.stderr);
    const r = await run(path.join(out, 'consumer'), []);
    assert.equal(r.code, 0);
  });
});

// The README's `cmake --install build/native --prefix P` after scripts/package (which configures
// build/native for /usr while it packages): from a tree configured as a plain build is (prefix
// /usr/local, libdir lib), packaging must leave it so, and the install must work for both
// consumers. The tree's own settings are put back afterwards.
const native = path.join(repoRoot, 'build/native');
const cached = (name) =>
  new RegExp(`^${name}:PATH=(.*)$`, 'm').exec(
    fs.readFileSync(path.join(native, 'CMakeCache.txt'), 'utf8'),
  )?.[1];
const configureNative = (installPrefix, libdir) =>
  run(
    'cmake',
    [
      '-S',
      repoRoot,
      '-B',
      native,
      `-DCMAKE_INSTALL_PREFIX=${installPrefix}`,
      `-DCMAKE_INSTALL_LIBDIR=${libdir}`,
    ],
    { timeout: 120000 },
  );

describe('a plain install after packaging', () => {
  const prefix = path.join(tmp, 'P');
  let saved;
  before(async () => {
    saved = [cached('CMAKE_INSTALL_PREFIX'), cached('CMAKE_INSTALL_LIBDIR')];
    assert.equal((await configureNative('/usr/local', 'lib')).code, 0);
    const packaged = await run(path.join(repoRoot, 'scripts/package'), ['--no-build'], { timeout: 600000 });
    assert.equal(packaged.code, 0, packaged.stdout + packaged.stderr);
    const r = await run('cmake', ['--install', native, '--prefix', prefix], { timeout: 120000 });
    assert.equal(r.code, 0, r.stdout + r.stderr);
  });
  after(async () => {
    if (saved?.[0]) await configureNative(saved[0], saved[1] ?? 'lib');
  });

  test('packaging left the tree configured as it was, and P has lib/libuserapi.a and lib/pkgconfig/userapi.pc', () => {
    assert.equal(cached('CMAKE_INSTALL_PREFIX'), '/usr/local');
    assert.equal(cached('CMAKE_INSTALL_LIBDIR'), 'lib');
    assert.ok(fs.existsSync(path.join(prefix, 'lib/libuserapi.a')), 'no P/lib/libuserapi.a');
    const pc = fs.readFileSync(path.join(prefix, 'lib/pkgconfig/userapi.pc'), 'utf8');
    assert.match(pc, /^prefix=\$\{pcfiledir\}\/\.\.\/\.\.$/m);
    assert.match(pc, /^libdir=\$\{prefix\}\/lib$/m);
  });
  test('pkg-config userapi against P', async () => {
    const r = await run('sh', [
      path.join(repoRoot, 'tests/install/pkg-config.sh'),
      prefix,
      path.join(tmp, 'pc-plain'),
      version,
    ]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /userapi consumer: ok/);
  });

  test('find_package(userapi) against P', async () => {
    const out = path.join(tmp, 'fp-plain');
    const configure = await run(
      'cmake',
      ['-S', path.join(repoRoot, 'tests/install/find-package'), '-B', out, `-DCMAKE_PREFIX_PATH=${prefix}`],
      { timeout: 120000 },
    );
    assert.equal(configure.code, 0, configure.stdout + configure.stderr);
    const build = await run('cmake', ['--build', out], { timeout: 120000 });
    assert.equal(build.code, 0, build.stdout + build.stderr);
    assert.equal((await run(path.join(out, 'consumer'), [])).code, 0);
  });
});
