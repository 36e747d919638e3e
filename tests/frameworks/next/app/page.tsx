// A server component: the playground through userapi/react (a client component), and the import a
// page's author writes first, which must not break the server build.
import 'userapi/playground';
import { UpdateUserPlayground } from 'userapi/react';

export default async function Page({ searchParams }: { searchParams: Promise<{ base?: string }> }) {
  const { base } = await searchParams;
  return (
    <>
      <h1>Update a user group</h1>
      <UpdateUserPlayground baseUrl={base} />
      <p id="after">Below the playground: it must not move once the element draws itself.</p>
    </>
  );
}
