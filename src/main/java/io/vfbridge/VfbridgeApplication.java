package io.vfbridge;

import java.util.Arrays;

import io.vfbridge.simulator.StandaloneSimulator;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Entry point of vfbridge, the bridge between billing systems and VirtFusion. With the
 * {@code simulator} profile the same jar is a standalone fake VirtFusion panel instead
 * (no database), for docker-compose and benchmarks; the launcher is the one place that
 * knows of it.
 */
@SpringBootApplication
public class VfbridgeApplication {

	/** The profile that turns the jar into the standalone simulator. */
	static final String SIMULATOR_PROFILE = "simulator";

	public static void main(String[] args) {
		Class<?> application = isStandaloneSimulator(args) ? StandaloneSimulator.class : VfbridgeApplication.class;
		SpringApplication.run(application, args);
	}

	static boolean isStandaloneSimulator(String[] args) {
		String fromArgs = Arrays.stream(args)
			.filter((arg) -> arg.startsWith("--spring.profiles.active="))
			.map((arg) -> arg.substring("--spring.profiles.active=".length()))
			.reduce((first, last) -> last)
			.orElse(null);
		String profiles = (fromArgs != null) ? fromArgs
				: System.getProperty("spring.profiles.active", System.getenv("SPRING_PROFILES_ACTIVE"));
		return profiles != null
				&& Arrays.stream(profiles.split(",")).map(String::trim).anyMatch(SIMULATOR_PROFILE::equals);
	}

}
