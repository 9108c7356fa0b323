import Link from 'next/link';
import { buttonClass } from '@/components/ui/button';
import { Field, inputClass } from '@/components/ui/field';
import { NO_USER } from '@/lib/validation/audit-filters';

type Values = Partial<Record<'user' | 'entityType' | 'entityId' | 'action' | 'from' | 'to', string>>;

/**
 * The audit log's filters: a GET form, so it works without JavaScript and
 * every filtered view is a link. Refused values stay in their fields, with the
 * reason beside them.
 */
export function AuditFilters({
  values,
  errors,
  users,
  entityTypes,
  actions,
  exportHref,
}: {
  values: Values;
  errors: Record<string, string[]>;
  users: { id: string; name: string; email: string }[];
  entityTypes: string[];
  actions: string[];
  exportHref: string | null;
}) {
  const withCurrent = (list: string[], value: string | undefined) =>
    value && !list.includes(value) ? [...list, value] : list;
  return (
    <form method="get" action="/admin/audit" aria-label="Filters" className="border-rule rounded-md border p-4">
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <Field id="audit-user" label="User" error={errors.user}>
          {(props) => (
            <select {...props} name="user" defaultValue={values.user ?? ''} className={inputClass}>
              <option value="">Anyone</option>
              <option value={NO_USER}>No account (seed, command line)</option>
              {users.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name} ({u.email})
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="audit-entity-type" label="Entity type" error={errors.entityType}>
          {(props) => (
            <select {...props} name="entityType" defaultValue={values.entityType ?? ''} className={inputClass}>
              <option value="">Any</option>
              {withCurrent(entityTypes, values.entityType).map((t) => (
                <option key={t} value={t}>
                  {t.replace(/_/g, ' ')}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="audit-entity-id" label="Entity id" error={errors.entityId}>
          {(props) => (
            <input
              {...props}
              name="entityId"
              defaultValue={values.entityId ?? ''}
              spellCheck={false}
              className={inputClass}
            />
          )}
        </Field>
        <Field id="audit-action" label="Action" error={errors.action}>
          {(props) => (
            <select {...props} name="action" defaultValue={values.action ?? ''} className={inputClass}>
              <option value="">Any</option>
              {withCurrent(actions, values.action).map((a) => (
                <option key={a} value={a}>
                  {a}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="audit-from" label="From" hint="UTC day, included" error={errors.from}>
          {(props) => (
            <input {...props} type="date" name="from" defaultValue={values.from ?? ''} className={inputClass} />
          )}
        </Field>
        <Field id="audit-to" label="To" hint="UTC day, included" error={errors.to}>
          {(props) => <input {...props} type="date" name="to" defaultValue={values.to ?? ''} className={inputClass} />}
        </Field>
      </div>
      <div className="mt-4 flex flex-wrap items-center gap-x-4 gap-y-2">
        <button type="submit" className={buttonClass.primary}>
          Apply filters
        </button>
        <Link href="/admin/audit" className="text-sm">
          Clear
        </Link>
        {exportHref && (
          <a href={exportHref} className="text-sm" download>
            Download these entries as CSV
          </a>
        )}
      </div>
    </form>
  );
}
