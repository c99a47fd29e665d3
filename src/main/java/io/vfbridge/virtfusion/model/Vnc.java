package io.vfbridge.virtfusion.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A server's VNC console endpoint. The server object carries only ip, port and enabled;
 * the VNC toggle adds the password and the websocket.
 *
 * @param ip the hypervisor address the console listens on
 * @param hostname the hypervisor host name, if any
 * @param port the VNC port
 * @param password the VNC password, in clear (toggle answer only)
 * @param wss the websocket access (toggle answer only)
 * @param enabled whether VNC is on (VirtFusion sends a bool or 0/1)
 * @param exposeDetails whether the details may be shown to the owner (user server list
 * only)
 */
public record Vnc(String ip, String hostname, Integer port, String password, Wss wss, Boolean enabled,
		@JsonProperty("expose_details") Boolean exposeDetails) {

	/** Masks the password and the websocket token so the endpoint can be logged. */
	@Override
	public String toString() {
		return "Vnc[ip=" + this.ip + ", hostname=" + this.hostname + ", port=" + this.port + ", password="
				+ ((this.password != null) ? "******" : null) + ", wss=" + this.wss + ", enabled=" + this.enabled + "]";
	}

	/**
	 * Websocket access to the console.
	 *
	 * @param token the one-time token
	 * @param url the relative URL ({@code /vnc/?token=...}) under the panel's host
	 */
	public record Wss(String token, String url) {

		/** Masks the token (it is also in the URL). */
		@Override
		public String toString() {
			return "Wss[token=******]";
		}

	}

}
