/**
 * Request and response records of the VirtFusion Global API, read leniently.
 */
package io.vfbridge.virtfusion.model;
