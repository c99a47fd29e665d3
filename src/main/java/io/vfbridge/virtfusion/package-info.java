/**
 * The typed VirtFusion Global API client: one method per operation, resilient,
 * observable; depends on nothing else in the application.
 */
package io.vfbridge.virtfusion;
