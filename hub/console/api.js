// JSON from the hub with the session's bearer token; a refusal becomes an Error carrying the hub's code and field.
export class HubError extends Error {
  constructor(status, body) {
    super(body?.message || `HTTP ${status}`);
    this.status = status;
    this.code = body?.error || 'network';
    this.field = body?.field || '';
    this.body = body;
  }
}

export async function hub(path, { token, method = 'GET', body, raw = false } = {}) {
  let res;
  try {
    res = await fetch(path, {
      method,
      headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
  } catch {
    throw new HubError(0, { error: 'network' });
  }
  if (!res.ok) throw new HubError(res.status, await res.json().catch(() => null));
  return raw ? res.text() : res.json();
}
