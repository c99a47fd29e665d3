/**
 * The local default run: an embedded PostgreSQL for a zero-configuration start, never for
 * production.
 */
package io.vfbridge.local;
