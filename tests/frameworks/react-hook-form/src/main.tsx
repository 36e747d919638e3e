// An admin console's own form (React + react-hook-form, strict TypeScript) checked by the core
// through userapi/react-hook-form: fixed fields for two mapping entries (mapping.40,
// mapping.134) and a field array of properties rows. Messages in the page's language, or in
// ?locale=; each error under its field.
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { useFieldArray, useForm, type FieldError } from 'react-hook-form';
import { userapiResolver } from 'userapi/react-hook-form';

interface Values {
  user_group_id: string;
  name: string;
  mapping: Record<string, string>;
  properties: { key: string; value: string }[];
}

const locale = new URLSearchParams(location.search).get('locale') ?? document.documentElement.lang;
const resolver = userapiResolver<Values>({ locale });
const idOf = (field: string) => `error-${field.replaceAll('.', '-')}`;

function Problem({ field, error }: { field: string; error?: FieldError }) {
  return error ? (
    <p className="error" id={idOf(field)} data-code={error.type} role="alert">
      {error.message}
    </p>
  ) : null;
}

function GroupForm() {
  const [saved, setSaved] = useState('');
  const { register, control, handleSubmit, formState } = useForm<Values>({
    resolver,
    defaultValues: {
      user_group_id: 'example_1',
      name: 'Example 1',
      mapping: { 40: '213', 134: '386' },
      properties: [{ key: 'filterValue', value: 'value' }],
    },
  });
  const properties = useFieldArray({ control, name: 'properties' });
  const errors = formState.errors;
  const field = (name: Parameters<typeof register>[0], label: string, error?: FieldError) => (
    <label>
      {label}
      <input {...register(name)} id={name} aria-describedby={idOf(name)} aria-invalid={!!error} />
      <Problem field={name} error={error} />
    </label>
  );
  return (
    <form onSubmit={handleSubmit((values) => setSaved(JSON.stringify(values)))}>
      {field('user_group_id', 'user_group_id', errors.user_group_id)}
      {field('name', 'name', errors.name)}
      <fieldset>
        <legend>mapping</legend>
        {field('mapping.40', 'Schema 40', errors.mapping?.['40'])}
        {field('mapping.134', 'Schema 134', errors.mapping?.['134'])}
      </fieldset>
      <fieldset>
        <legend>properties</legend>
        {properties.fields.map((row, i) => (
          <div key={row.id}>
            {field(`properties.${i}.key`, 'key', errors.properties?.[i]?.key)}
            {field(`properties.${i}.value`, 'value', errors.properties?.[i]?.value)}
          </div>
        ))}
        <button type="button" id="add-property" onClick={() => properties.append({ key: '', value: '' })}>
          +
        </button>
      </fieldset>
      <button type="submit" id="save">
        Save
      </button>
      <output id="saved">{saved}</output>
    </form>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <GroupForm />
  </StrictMode>,
);
