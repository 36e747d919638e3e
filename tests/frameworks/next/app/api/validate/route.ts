// A route handler: the body a client posts, checked by the same core as the browser's.
import { createUserApi } from 'userapi';

const api = createUserApi();

export async function POST(request: Request) {
  const { valid, violations } = (await api).validate(await request.text());
  return Response.json({ valid, violations }, { status: valid ? 200 : 422 });
}
