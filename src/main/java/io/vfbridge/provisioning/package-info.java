/**
 * The ordered job queue, its workers, the job handlers and the retry policy.
 */
package io.vfbridge.provisioning;
