package io.vfbridge.contract;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.vfbridge.virtfusion.VirtFusionOperation;

/**
 * Marks a contract test with the operations it drives through the real client against the
 * simulator. {@link ClientSimulatorContractTests} checks after each test that every
 * operation named here had at least one successful call during it, and that the markers
 * of the class name all operations.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@interface Exercises {

	VirtFusionOperation[] value();

}
