/**
 * A stateful fake VirtFusion panel with fault injection, for tests, the local default run
 * and benchmarks; off unless enabled.
 */
package io.vfbridge.simulator;
