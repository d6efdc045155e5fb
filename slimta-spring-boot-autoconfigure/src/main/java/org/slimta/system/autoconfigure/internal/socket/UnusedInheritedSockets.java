package org.slimta.system.autoconfigure.internal.socket;

import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.slimta.system.internal.socket.ActivatedSocket;
import org.slimta.system.internal.socket.InheritedSocket;
import org.slimta.system.internal.socket.InheritedSockets;

import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Once every server listens: one line for the sockets the servers serve on, and the sockets no
 * server took closed, with a warning that names them.
 */
public class UnusedInheritedSockets implements ApplicationListener<ApplicationStartedEvent> {

	private static final Log logger = LogFactory.getLog(UnusedInheritedSockets.class);

	@Override
	public void onApplicationEvent(ApplicationStartedEvent event) {
		if (event.getApplicationContext().getParent() != null) {
			return;
		}
		InheritedSockets sockets = InheritedSockets.current();
		List<ActivatedSocket> taken = sockets.taken();
		if (!taken.isEmpty()) {
			logger.info("Serving on " + taken.size() + " socket(s) passed by systemd: " + taken.stream()
				.map((socket) -> socket.socket().name() + " " + socket.localAddress().getAddress().getHostAddress() + ":"
						+ socket.port())
				.toList());
		}
		List<InheritedSocket> closed = sockets.closeRemaining();
		if (!closed.isEmpty()) {
			logger.warn("Closed socket(s) passed by systemd that no server serves: " + closed + "; name them '"
					+ InheritedSockets.APPLICATION + "' or '" + InheritedSockets.MANAGEMENT
					+ "', or take them out of the service's Sockets=");
		}
	}

}
