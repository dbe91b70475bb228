/**
 * Masks a phone number for everyone but the resident and the handler working
 * the request: 13812341234 → 138****1234, 0931-8881234 → 0931-****1234.
 */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 7) return '****';
  const tail = digits.slice(-4);
  if (phone.startsWith('1')) return `${digits.slice(0, 3)}****${tail}`;
  const dash = phone.indexOf('-');
  const area = dash > 0 ? phone.slice(0, dash + 1) : digits.slice(0, 3);
  return `${area}****${tail}`;
}

/** Mainland mobile numbers (optionally +86, spaced or dashed) and landlines with an area code, inside free text. */
const PHONE_IN_TEXT = /(?<![\d])(?:(?:\+|00)?86[\s-]?)?(?:1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}|0\d{2,3}[\s-]?\d{7,8})(?![\d])/g;

/**
 * Masks every phone-like number in free text (a description, a reply) before it leaves
 * for another system: "电话13812341234" → "电话138****1234".
 */
export function maskPhonesInText(text: string): string {
  return text.replace(PHONE_IN_TEXT, (m) => maskPhone(m.replace(/^(?:\+|00)?86[\s-]?(?=1)/, '').replace(/\s/g, '')));
}

/**
 * Replaces every phone-like number in free text (any spelling: spaced, dashed, +86) with
 * `replacement`, e.g. for personal-data erasure (shared/src/erasure.ts): "电话13812341234" → "电话[已删除]".
 */
export function replacePhonesInText(text: string, replacement: string | ((match: string) => string)): string {
  return typeof replacement === 'string' ? text.replace(PHONE_IN_TEXT, replacement) : text.replace(PHONE_IN_TEXT, (m) => replacement(m));
}
