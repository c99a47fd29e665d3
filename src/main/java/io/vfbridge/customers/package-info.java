/**
 * Billing customers and services mapped to VirtFusion users and servers.
 */
package io.vfbridge.customers;
