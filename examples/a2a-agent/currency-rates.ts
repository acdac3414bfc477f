/** Units of each currency per 1 USD: a fixed table, so the example needs no network and answers the same every time. */
export const RATES_PER_USD: Readonly<Record<string, number>> = {
  USD: 1,
  EUR: 0.92,
  GBP: 0.79,
  JPY: 151.2,
  CHF: 0.9,
  CAD: 1.36,
};

export const CURRENCIES = Object.keys(RATES_PER_USD);

/** A conversion as asked: any part may be missing (the agent then asks for it or refuses). */
export interface ConversionRequest {
  amount?: number;
  from?: string;
  to?: string;
}

export interface Conversion {
  amount: number;
  from: string;
  to: string;
  rate: number;
  converted: number;
}

const CODE = /\b([A-Za-z]{3})\b/g;
const AMOUNT = /(\d+(?:\.\d+)?)/;

/** Reads "convert 100 USD to EUR", "100 usd in gbp", "how much is 5 EUR" (the first known codes are from, then to). */
export function parseConversionText(text: string): ConversionRequest {
  const amount = AMOUNT.exec(text);
  const codes = [...text.matchAll(CODE)].map((match) => match[1].toUpperCase()).filter((code) => code in RATES_PER_USD);
  return { amount: amount ? Number(amount[1]) : undefined, from: codes[0], to: codes[1] };
}

/** The data a caller sent (`{ amount, from, to }`), read leniently: wrong types count as missing. */
export function parseConversionData(value: unknown): ConversionRequest {
  if (typeof value !== 'object' || value === null) return {};
  const { amount, from, to } = value as Record<string, unknown>;
  return {
    amount: typeof amount === 'number' && Number.isFinite(amount) ? amount : undefined,
    from: typeof from === 'string' ? from.toUpperCase() : undefined,
    to: typeof to === 'string' ? to.toUpperCase() : undefined,
  };
}

/** Later parts fill what earlier ones left out. */
export function mergeRequests(...requests: ConversionRequest[]): ConversionRequest {
  const merged: ConversionRequest = {};
  for (const request of requests) {
    merged.amount ??= request.amount;
    merged.from ??= request.from;
    merged.to ??= request.to;
  }
  return merged;
}

/** Throws naming an unknown currency code. */
export function convert(amount: number, from: string, to: string): Conversion {
  for (const code of [from, to]) {
    if (!(code in RATES_PER_USD)) throw new RangeError(`unknown currency ${code}: this agent knows ${CURRENCIES.join(', ')}`);
  }
  const rate = RATES_PER_USD[to] / RATES_PER_USD[from];
  return { amount, from, to, rate: Math.round(rate * 1e6) / 1e6, converted: Math.round(amount * rate * 100) / 100 };
}
