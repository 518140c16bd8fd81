import { describe, expect, it } from 'vitest';
import { costOf, exactMoney, formatMoney, formatMoneyAmount, sumMoney } from '../../../shared/text/money';
import { translator } from '../../../shared/i18n/translator';

describe('money', () => {
  it('adds and multiplies without float drift', () => {
    expect(sumMoney(Array.from({ length: 10 }, () => 0.1))).toBe(1);
    expect(sumMoney([0.1, 0.2])).toBe(0.3);
    expect(costOf(0.0672, 5)).toBe(0.336);
    expect(costOf(0.1, 3)).toBe(0.3);
    expect(exactMoney(99.60000000000002)).toBe(99.6);
  });

  it.each([
    [99.60000000000002, '$99.60'],
    [0.39999999999999997, '$0.40'],
    [1.05, '$1.05'],
    [0.08, '$0.08'],
    [0.0672, '$0.0672'],
    [0.0003, '$0.0003'],
    [0.0000123, '$0.000012'],
    [0, '$0.00'],
    [1234.5, '$1,234.50'],
  ])('shows %d as %s', (amount, shown) => {
    expect(formatMoney(amount)).toBe(shown);
  });

  it('speaks the reader’s language', () => {
    expect(formatMoney(1.05, 'de')).toMatch(/^1,05\s\$$/);
  });

  it('gives the window the same digits, for messages that hold the sign', () => {
    expect(formatMoneyAmount(99.60000000000002)).toBe('99.60');
    expect(formatMoneyAmount(0.0672)).toBe('0.0672');
    expect(translator('ko').money(1234.5)).toBe('1,234.50');
    expect(translator('en').money(0.0003)).toBe('0.0003');
  });
});
