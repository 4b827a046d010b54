/**
 * Which values the form masks. A schema's `format: password` says so outright; otherwise a
 * string whose key names a password, secret, token or key material. Keys that name *where*
 * a secret is (`existingSecret`, `secretName`, `passwordKey`, `tokenSecretRef`) are not secrets.
 */
export function looksLikeSecretKey(key: string): boolean {
  const k = key.toLowerCase();
  if (/^(existing|use|create|enable|auto)/.test(k)) return false;
  if (/(name|ref|file|path|enabled|mount|keys)$/.test(k)) return false;
  if (/(apikey|api_key|accesskey|access_key|privatekey|private_key|secretkey|secret_key|signingkey|encryptionkey)$/.test(k)) return true;
  return /(password|passwd|passphrase|secret|token|credential|credentials|erlangcookie)$/.test(k);
}
