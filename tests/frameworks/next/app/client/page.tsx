import { ClientPlayground } from './playground';

export default async function Page({ searchParams }: { searchParams: Promise<{ base?: string }> }) {
  const { base } = await searchParams;
  return <ClientPlayground base={base} />;
}
