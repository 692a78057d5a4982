const HMS = /^(\d+):([0-5]?\d):([0-5]?\d)$/;

/**
 * Parses a Parsl duration "HH:MM:SS" (hours may exceed 24) into seconds.
 * @throws {RangeError} naming the bad text and the expected form
 */
export const parseWalltime = (text: string): number => {
  const match = HMS.exec(text.trim());
  if (match === null) {
    throw new RangeError(`"${text}" is not a duration of the form HH:MM:SS (e.g. "01:30:00")`);
  }
  const [, h, m, s] = match;
  return Number(h) * 3600 + Number(m) * 60 + Number(s);
};

/** Formats seconds as "HH:MM:SS", the form schedulers take. */
export const formatWalltime = (seconds: number): string => {
  const total = Math.max(0, Math.floor(seconds));
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(Math.floor(total / 3600))}:${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`;
};
