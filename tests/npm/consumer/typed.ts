// Compiled with tsc --noEmit against the installed package: the module, the worker and the element are typed.
import { createUserApi, type Code } from 'userapi';
import type { UpdateUserPlayground } from 'userapi/playground';
import { createUserApiWorker } from 'userapi/worker';

const api = await createUserApi({ wasmUrl: new URL('https://cdn.example.com/userapi-core.wasm') });
const code: Code | undefined = api.validate('{"userGroupId":"x"}').violations[0]?.code;
const tokenLimit: number = api.contract.limits.maxTokenLength;

// document.createElement knows the tag (HTMLElementTagNameMap).
const el: UpdateUserPlayground = document.createElement('update-user-playground');
el.baseUrl = api.contract.defaultBaseUrl;
const text: string = el.body;
el.addEventListener('userapi-validate', (event) => {
  const valid: boolean = event.detail.valid;
  console.log(valid, event.detail.violations.length);
});
el.addEventListener('userapi-send', (event) => event.preventDefault());
el.addEventListener('userapi-response', (event) => {
  if (event.detail.ok) console.log(event.detail.status, event.detail.check.outcome);
});
// @ts-expect-error: the element has no such property
el.sendNow();

const worker = await createUserApiWorker();
const report = await worker.validate({ user_group_id: 'a', name: 'b' });
console.log(code, tokenLimit, text, report.valid);
worker.terminate();
