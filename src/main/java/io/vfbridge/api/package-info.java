/**
 * REST endpoints for the storefront and operators, with RFC 9457 problem details.
 */
package io.vfbridge.api;
