/**
 * Which values the form masks. A schema's `format: password` says so outright; otherwise a
 * string whose key names a password, token, key material or a secret value. Keys that name
 * *where* a secret is (`existingSecret`, `secretName`, `passwordKey`, `extraEnvVarsSecret`,
 * `tlsSecret`) are not secrets.
 */
export function looksLikeSecretKey(key: string): boolean {
  const k = key.toLowerCase();
  if (/^(existing|use|create|enable|auto)/.test(k)) return false;
  if (/(name|ref|file|path|enabled|mount|keys)$/.test(k)) return false;
  if (/(apikey|api_key|accesskey|access_key|privatekey|private_key|secretkey|secret_key|signingkey|encryptionkey)$/.test(k)) return true;
  // `…Secret` is mostly the name of a Secret object; only these prefixes mean a secret value
  if (k.endsWith('secret')) return k === 'secret' || /(client|jwt|session|webhook|cookie|shared|oauth|signing|encryption|hmac|auth)_?secret$/.test(k);
  return /(password|passwd|passphrase|token|credential|credentials|erlangcookie)$/.test(k);
}
