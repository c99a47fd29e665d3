package io.vfbridge.simulator;

import java.io.IOException;

import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;

/**
 * Closes the connection of a request the simulator marked, without a byte of response.
 * The Servlet API cannot abort a connection; Tomcat's own mechanism for it (the one its
 * error handling uses on a broken response) is the coyote {@code CLOSE_NOW} action, which
 * only a valve can reach. Suspending the response first keeps Tomcat from writing the
 * status line on the way out.
 */
final class ConnectionDropValve extends ValveBase {

	static final String DROP_ATTRIBUTE = ConnectionDropValve.class.getName() + ".drop";

	ConnectionDropValve() {
		super(true);
	}

	@Override
	public void invoke(Request request, Response response) throws IOException, ServletException {
		getNext().invoke(request, response);
		if (request.getAttribute(DROP_ATTRIBUTE) != null && !response.isCommitted()) {
			response.setSuspended(true);
			response.getCoyoteResponse().action(ActionCode.CLOSE_NOW, null);
		}
	}

}
