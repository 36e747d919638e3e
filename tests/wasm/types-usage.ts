// Compiled with `tsc --noEmit` in the test run: the hand-written types must describe real usage.
import { createUserApi, type BatchReport, type Report, type SendResult, type Violation } from 'userapi';

const api = await createUserApi();
const report: Report = api.validate('{"user_group_id":"a"}');
const first: Violation | undefined = report.violations[0];
if (first?.from !== undefined && first.to !== undefined) console.log(first.code, first.from, first.to);

const built = api.buildRequest(
  { user_group_id: 'a', name: 'b' },
  { baseUrl: 'http://localhost:8787', token: 't' },
);
if (built.request) {
  const curl: string = api.snippet(built.request, 'curl', { token: { env: 'USERAPI_TOKEN' } });
  console.log(curl, api.checkResponse(200, '{"success":1}', built.request).outcome);
}

const result: SendResult = await api.send('{}', {
  token: 't',
  timeoutMs: 1000,
  signal: AbortSignal.timeout(5000),
});
if (result.ok) console.log(result.status, result.check.valid);
else if (result.kind === 'invalid') console.log(result.violations.length);
else console.log(result.kind, result.message);
console.log(api.version, api.limits.maxBytes, api.memory().inUse);

const batch = await api.parseBatch('user_group_id,name\na,A\n', { format: 'csv' });
console.log(batch.summary, batch.rows[0]?.problem, batch.violations.length);
const batchReport: BatchReport = await api.sendBatch(batch, {
  token: 't',
  concurrency: 2,
  onProgress: ({ done, total, etaMs }) => console.log(done, total, etaMs ?? '-'),
  retry: { maxAttempts: 3 },
});
console.log(batchReport.summary.succeeded, await api.batchReport(batchReport, 'csv'));
