package io.vfbridge.local;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Tells a newcomer how to send a first event, once the local default run is ready. */
@Component
class LocalRunBanner implements ApplicationListener<ApplicationReadyEvent> {

	private static final Logger log = LoggerFactory.getLogger(LocalRunBanner.class);

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		Environment environment = event.getApplicationContext().getEnvironment();
		String credentials = environment.getProperty(DevelopmentCredentials.ACTIVE);
		if (credentials == null || !(event.getApplicationContext() instanceof WebServerApplicationContext web)) {
			return;
		}
		int port = web.getWebServer().getPort();
		log.info("""

				  vfbridge is ready (local default run, built-in VirtFusion simulator).
				  Send a first event — a signed service.create — and watch it provision a server:

				      scripts/send-sample-event.sh {}

				  The webhook secret and an operator API key are in {} (not for production).
				  Simulator state (its harness takes the simulator's token, vfbridge.simulator.token):
				      curl -H 'Authorization: Bearer local-simulator-token' http://127.0.0.1:{}/simulator/_admin/stats
				""", port, credentials, port);
	}

}
