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

/**
 * Masks every phone-like number inside free text (7 or more digits, spaces or dashes
 * allowed between them): "联系我138 9311 2345" → "联系我138****". For text one resident
 * wrote that another resident reads (the "me too" detail).
 */
export function maskNumbersInText(text: string): string {
  return text.replace(/\d(?:[\s-]?\d){6,}/g, (run) => `${run.replace(/\D/g, '').slice(0, 3)}****`);
}
