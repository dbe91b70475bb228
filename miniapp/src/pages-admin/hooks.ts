import { useState } from 'react';
import Taro from '@tarojs/taro';
import { toApiError } from '../services/api.ts';
import { LOGIN_URL } from '../pages-staff/session.ts';

/** Runs one admin action at a time, keeping its error (and field errors) for the form; a lost session goes to sign-in. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const run = async <T,>(action: () => Promise<T>): Promise<T | undefined> => {
    if (busy) return undefined;
    setBusy(true);
    setError('');
    setFields({});
    try {
      return await action();
    } catch (err) {
      const e = toApiError(err);
      if (e.status === 401) void Taro.redirectTo({ url: LOGIN_URL });
      setError(e.message);
      setFields(e.fieldMap());
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, fields, run, setError };
}
