/**
 * Intake of billing events: signature checks, validation, deduplication, recording and
 * enqueueing; never calls VirtFusion.
 */
package io.vfbridge.billing;
