package io.vfbridge.virtfusion;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the test that proves a client method calls its VirtFusion operation correctly
 * (method, path, query, body, bearer token, parsed answer).
 * {@code VirtFusionCoverageTests} requires one per operation.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@interface CoversOperation {

	VirtFusionOperation value();

}
