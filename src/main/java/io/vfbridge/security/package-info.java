/**
 * API keys and roles: who may call which endpoint of vfbridge.
 */
package io.vfbridge.security;
