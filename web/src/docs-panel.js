// The endpoint's documentation, beside the form: every member's description, type, rules and
// codes, and every answer with its example. All of it comes from the core (api.contract), the
// same source as docs/contract.md and docs/openapi.yaml, so the three cannot drift. The panel's
// own words follow the page's locale (`t`, texts.js); the contract's descriptions are the core's
// English, marked lang="en".
import { h } from './dom.js';

/** The panel's content for `contract` (api.contract) in the language of `t`. */
export function docsPanel(contract, t) {
  const { auth } = contract;
  return [
    h('h2', { id: 'docs-heading' }, t('docs.heading')),
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
    h('details', { open: true }, h('summary', {}, t('docs.members')), membersList(contract, t)),
    h(
      'details',
      {},
      h('summary', {}, t('docs.responses')),
      contract.responses.map((r) => answer(r, t)),
    ),
    h('details', {}, h('summary', {}, t('docs.allCodes')), codesList(contract.codes, t)),
  ];
}

function membersList(contract, t) {
  const codes = new Map(contract.codes.map((c) => [c.id, c]));
  const codeList = (ids) =>
    ids.flatMap((id, i) => [i ? ', ' : '', h('code', { title: codes.get(id)?.when ?? '' }, id)]);
  return h(
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
        h(
          'span',
          { class: m.required ? 'required' : 'optional' },
          t(m.required ? 'docs.required' : 'docs.optional'),
        ),
      ),
      h(
        'dd',
        { lang: 'en' },
        h('p', {}, m.description),
        h(
          'ul',
          { class: 'rules' },
          m.rules.filter((r) => !/^(Required|Optional)\.$/.test(r)).map((r) => h('li', {}, r)),
        ),
        h('p', { class: 'codes', lang: t.tag }, t('docs.codes'), ' ', codeList(m.codes)),
      ),
    ]),
  );
}

function answer(r, t) {
  return h(
    'div',
    { class: 'answer' },
    h('p', {}, h('strong', {}, String(r.status)), ' ', h('span', { lang: 'en' }, r.description)),
    h(
      'pre',
      { translate: 'no', tabindex: '0', 'aria-label': t('docs.example', { status: String(r.status) }) },
      JSON.stringify(r.example, null, 2),
    ),
  );
}

function codesList(codes, t) {
  return h(
    'dl',
    { class: 'all-codes' },
    codes.flatMap((c) => [
      h(
        'dt',
        {},
        h('code', {}, c.id),
        ' ',
        h('span', { class: `badge ${c.severity}` }, t(`severity.${c.severity}`)),
      ),
      h('dd', { lang: 'en' }, c.when),
    ]),
  );
}
