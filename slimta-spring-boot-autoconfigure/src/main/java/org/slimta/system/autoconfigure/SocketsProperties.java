package org.slimta.system.autoconfigure;

/**
 * {@code slimta.system.sockets.*}: socket activation of the web servers.
 *
 * @since 0.1.0
 */
public class SocketsProperties {

	/**
	 * Whether the web servers serve on the listening sockets systemd passed to this process
	 * (LISTEN_PID, LISTEN_FDS, LISTEN_FDNAMES) instead of binding their ports.
	 */
	private boolean activation = true;

	public boolean isActivation() {
		return this.activation;
	}

	public void setActivation(boolean activation) {
		this.activation = activation;
	}

}
