import { SchedulerMissingArgs } from '../../../domain/errors/ProviderErrors.js';

const PLACEHOLDER = /\$(?:(\$)|\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g;

/**
 * Fills a submit-script template the way Python's string.Template.substitute does: `${name}` and
 * `$name` are replaced, `$$` is a literal `$`.
 * @throws {SchedulerMissingArgs} listing every placeholder without a value
 */
export const renderTemplate = (
  template: string,
  values: Readonly<Record<string, string | number>>,
  sitename: string,
): string => {
  const missing = new Set<string>();
  const text = template.replace(
    PLACEHOLDER,
    (_match, dollar?: string, braced?: string, bare?: string) => {
      if (dollar !== undefined) return '$';
      const name = braced ?? bare ?? '';
      const value = values[name];
      if (value === undefined) {
        missing.add(name);
        return '';
      }
      return String(value);
    },
  );
  if (missing.size > 0) throw new SchedulerMissingArgs([...missing], sitename);
  return text;
};
