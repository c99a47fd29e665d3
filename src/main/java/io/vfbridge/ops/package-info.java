/**
 * Health, metrics, reconciliation, the operator page and housekeeping.
 */
package io.vfbridge.ops;
