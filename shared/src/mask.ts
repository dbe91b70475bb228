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
