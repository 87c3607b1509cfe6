/**
 * Passwords every local stack, image README or lab guide uses (`postgres`, `root`, `admin`, `test`):
 * committed credentials still, but for a local or throwaway service, so findings about them are low.
 */
export const DEFAULT_PASSWORD =
  /^(?:postgres|postgresql|mysql|mariadb|root|admin|administrator|guest|test|testing|tester|dev|development|local|default|docker|sa|user|username|demo|letmein|qwerty|123456\d*|12345678|password123|secret123|mongo|mongodb|redis|rabbitmq|keycloak|sonar|airflow|superset|airbyte|app|db|database)$/i;
