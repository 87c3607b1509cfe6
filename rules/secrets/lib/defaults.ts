/**
 * Passwords every local stack, image README or lab guide uses (`postgres`, `root`, `admin`, `test`,
 * and the top of every common-password list: `qwerty`, `abc123`, `123456`):
 * committed credentials still, but for a local or throwaway service, so findings about them are low.
 */
export const DEFAULT_PASSWORD =
  /^(?:postgres|postgresql|mysql|mariadb|root|admin|administrator|guest|test|testing|tester|dev|development|local|default|docker|sa|user|username|demo|letmein|qwerty|abc123|abcd1234|123456\d*|12345678|password123|secret123|mongo|mongodb|redis|rabbitmq|keycloak|sonar|airflow|superset|airbyte|app|db|database)$/i;

/**
 * A lower-case words-only value that spells its variable's own name or last words (`clientsecret`
 * under API_CLIENT_SECRET, `session-secret` under SESSION_SECRET): a stand-in saying what belongs
 * there, as local and test configuration sets, not a kept secret.
 */
export function namesItsVariable(name: string, value: string): boolean {
  if (!/^[a-z]+(?:[-_][a-z]+)*$/.test(value)) return false;
  const bare = value.replace(/[-_]/g, '');
  return bare.length >= 4 && name.toLowerCase().replace(/[^a-z]/g, '').endsWith(bare);
}
