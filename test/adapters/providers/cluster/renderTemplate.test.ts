// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the templates under test use ${name} placeholders
import { describe, expect, it } from 'vitest';
import { renderTemplate } from '../../../../src/adapters/providers/cluster/renderTemplate.js';
import { SchedulerMissingArgs } from '../../../../src/domain/errors/ProviderErrors.js';

describe(renderTemplate.name, () => {
  it('fills ${name} and $name and keeps $$ as $', () => {
    expect(renderTemplate('a=${a} b=$b cost=$$5 ${a}x', { a: 1, b: 'two' }, 'p')).toBe(
      'a=1 b=two cost=$5 1x',
    );
  });

  it('throws SchedulerMissingArgs listing every missing key', () => {
    let error: unknown;
    try {
      renderTemplate('${x} $y ${x}', {}, 'SlurmProvider[htex]');
    } catch (e: unknown) {
      error = e;
    }
    expect(error).toBeInstanceOf(SchedulerMissingArgs);
    expect((error as SchedulerMissingArgs).missingKeywords).toEqual(['x', 'y']);
    expect(String(error)).toContain('SlurmProvider[htex]');
  });
});
