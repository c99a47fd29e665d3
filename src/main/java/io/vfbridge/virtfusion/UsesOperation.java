package io.vfbridge.virtfusion;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares which VirtFusion operations a vfbridge endpoint (a controller method) or an
 * event type (an {@code EventType} constant or its handler) calls.
 * {@code VirtFusionCoverageTests} reads these declarations to fill the "used by" column
 * of {@code docs/virtfusion-coverage.md} and fails when a seed operation is used by
 * nothing.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE, ElementType.FIELD })
public @interface UsesOperation {

	/**
	 * The operations called.
	 * @return the operations, at least one
	 */
	VirtFusionOperation[] value();

}
