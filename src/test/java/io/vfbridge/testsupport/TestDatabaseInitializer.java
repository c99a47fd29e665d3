package io.vfbridge.testsupport;

import java.util.HashMap;
import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a test's application context at a fresh database of its own on the
 * {@link TestDatabase} server.
 */
public class TestDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		TestDatabase.Connection database = TestDatabase.freshDatabase();
		Map<String, Object> properties = new HashMap<>();
		properties.put("spring.datasource.url", database.jdbcUrl());
		properties.put("spring.datasource.username", database.username());
		if (database.password() != null) {
			properties.put("spring.datasource.password", database.password());
		}
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("vfbridge-test-database", properties));
	}

}
