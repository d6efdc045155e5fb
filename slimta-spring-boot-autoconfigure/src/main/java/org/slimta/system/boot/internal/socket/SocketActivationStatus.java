package org.slimta.system.boot.internal.socket;

import org.slimta.system.internal.FeatureStatus;
import org.slimta.system.internal.socket.InheritedSockets;

/**
 * The {@code sockets} health detail: {@code inherited (n)}, the number of sockets systemd passed
 * that the web servers serve on.
 */
public final class SocketActivationStatus implements FeatureStatus {

	private final InheritedSockets sockets;

	/**
	 * Create the status.
	 * @param sockets the sockets it shows
	 */
	public SocketActivationStatus(InheritedSockets sockets) {
		this.sockets = sockets;
	}

	@Override
	public String detail() {
		return "sockets";
	}

	@Override
	public Object value() {
		return "inherited (" + this.sockets.taken().size() + ")";
	}

	@Override
	public boolean failed() {
		return false;
	}

}
