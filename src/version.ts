/** The parsl-ts version. Parsl: parsl.__version__ */
export const VERSION = '0.1.0';
