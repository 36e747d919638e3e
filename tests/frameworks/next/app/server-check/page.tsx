// A server component that checks a body with the core on the server, at request time.
import { createUserApi } from 'userapi';

export const dynamic = 'force-dynamic';

export default async function Page() {
  const api = await createUserApi();
  const verdict = api.validate('{"userGroupId":"x"}');
  return <pre id="verdict">{JSON.stringify(verdict)}</pre>;
}
