// The endpoint's documentation, beside the form: every member's description, type, rules and
// codes, and every answer with its example. All of it comes from the core (api.contract), the
// same source as docs/contract.md and docs/openapi.yaml, so the three cannot drift.
import { h } from './dom.js';

export function docsPanel(contract) {
  const { auth } = contract;
  const codes = new Map(contract.codes.map((c) => [c.id, c]));
  return [
    h('h2', { id: 'docs-heading' }, 'Documentation'),
    h(
      'p',
      {},
      h('span', { class: 'method' }, contract.method),
      ' ',
      h('code', {}, `{base}${contract.path}`),
      ' · ',
      h('code', {}, `${auth.header}: ${auth.scheme} ${auth.redacted}`),
      ' · ',
      h('code', {}, `Content-Type: ${contract.contentType}`),
    ),
    h(
      'details',
      { open: true },
      h('summary', {}, 'Body members'),
      h(
        'dl',
        { class: 'members' },
        contract.members.flatMap((m) => [
          h(
            'dt',
            {},
            h('code', {}, m.name),
            ' ',
            h('span', { class: 'type' }, m.type),
            ' ',
            h('span', { class: m.required ? 'required' : 'optional' }, m.required ? 'required' : 'optional'),
          ),
          h(
            'dd',
            {},
            h('p', {}, m.description),
            h(
              'ul',
              { class: 'rules' },
              m.rules.filter((r) => !/^(Required|Optional)\.$/.test(r)).map((r) => h('li', {}, r)),
            ),
            h(
              'p',
              { class: 'codes' },
              'Codes: ',
              m.codes.flatMap((id, i) => [
                i ? ', ' : '',
                h('code', { title: codes.get(id)?.when ?? '' }, id),
              ]),
            ),
          ),
        ]),
      ),
    ),
    h(
      'details',
      {},
      h('summary', {}, 'Responses'),
      contract.responses.map((r) =>
        h(
          'div',
          { class: 'answer' },
          h('p', {}, h('strong', {}, String(r.status)), ' ', r.description),
          h(
            'pre',
            { tabindex: '0', 'aria-label': `Example ${r.status} response` },
            JSON.stringify(r.example, null, 2),
          ),
        ),
      ),
    ),
    h(
      'details',
      {},
      h('summary', {}, 'Every code'),
      h(
        'dl',
        { class: 'all-codes' },
        contract.codes.flatMap((c) => [
          h('dt', {}, h('code', {}, c.id), ' ', h('span', { class: `badge ${c.severity}` }, c.severity)),
          h('dd', {}, c.when),
        ]),
      ),
    ),
  ];
}
