/**
 * Money, one way everywhere (the window, the CLI, the MCP answers): amounts are added and multiplied as whole
 * micro-units (a millionth of the currency), so ten charges of 0.1 make exactly 1, and shown through
 * `Intl.NumberFormat` with the currency. APIMart's prices are in US dollars.
 */
const MICROS = 1_000_000;

/** An amount as whole micro-units. */
const toMicros = (amount: number): number => Math.round(amount * MICROS);

/** The exact sum of amounts (no `0.30000000000000004`). */
export function sumMoney(amounts: Iterable<number>): number {
  let micros = 0;
  for (const amount of amounts) micros += toMicros(amount);
  return micros / MICROS;
}

/** What `seconds` cost at `perSecond`, to the micro-unit. */
export function costOf(perSecond: number, seconds: number): number {
  return Math.round(perSecond * MICROS * seconds) / MICROS;
}

/** An amount with what it could not be rounded to without drifting: 99.60000000000002 is 99.6. */
export const exactMoney = (amount: number): number => toMicros(amount) / MICROS;

/**
 * `$1.05`, `$99.60`, a price per second `$0.0672`, a chat request `$0.0003`: two decimals from a dollar up, up to
 * four below it, and two significant digits below a hundredth of a cent rather than `$0.00`.
 */
export function formatMoney(amount: number, language = 'en', currency = 'USD'): string {
  return new Intl.NumberFormat(language, { style: 'currency', currency, ...moneyDigits(amount) }).format(
    exactMoney(amount),
  );
}

/** The digits an amount is shown with, everywhere: the window's messages put the currency sign around them. */
export function moneyDigits(amount: number): Intl.NumberFormatOptions {
  const size = Math.abs(amount);
  if (size === 0 || size >= 1) return { minimumFractionDigits: 2, maximumFractionDigits: 2 };
  if (size >= 0.0001) return { minimumFractionDigits: 2, maximumFractionDigits: 4 };
  return { maximumSignificantDigits: 2 };
}

/** An amount's digits without the sign (`1.05`, `0.0672`), for messages that hold the currency sign themselves. */
export function formatMoneyAmount(amount: number, language = 'en'): string {
  return new Intl.NumberFormat(language, moneyDigits(amount)).format(exactMoney(amount));
}
