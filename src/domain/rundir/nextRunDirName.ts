/**
 * The name of the next run directory given the names already under run_dir: one more than the
 * highest all-digit name, zero-padded to three digits. The first run is "000".
 */
export const nextRunDirName = (existing: readonly string[]): string => {
  let highest = -1;
  for (const name of existing) {
    if (/^\d+$/.test(name)) highest = Math.max(highest, Number(name));
  }
  return String(highest + 1).padStart(3, '0');
};
