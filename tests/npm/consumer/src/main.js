// What a docs site or an admin console writes: one import defines <update-user-playground>.
import 'userapi/playground';

// The test page points the element at a sandbox given in the query (?base=...), through the
// element's baseUrl property.
const base = new URLSearchParams(location.search).get('base');
if (base) document.querySelector('update-user-playground').baseUrl = base;
