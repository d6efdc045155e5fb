package org.slimta.system.boot.internal.socket;

import java.nio.channels.ServerSocketChannel;

import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slimta.system.internal.socket.ActivatedSocket;

/**
 * Jetty's server connector accepting on a socket systemd passed instead of binding one, with the
 * connection factories, executor, scheduler, buffer pool, acceptors, selectors and idle timeout
 * of the connector it replaces. Internal usage only.
 */
public class ActivatedServerConnector extends ServerConnector {

	private final ActivatedSocket socket;

	/**
	 * Create a connector in the place of another.
	 * @param server the server
	 * @param replaced the connector Spring Boot made for the port
	 * @param socket the socket to serve on
	 */
	public ActivatedServerConnector(Server server, ServerConnector replaced, ActivatedSocket socket) {
		super(server, replaced.getExecutor(), replaced.getScheduler(), replaced.getByteBufferPool(),
				replaced.getAcceptors(), replaced.getSelectorManager().getSelectorCount(),
				replaced.getConnectionFactories().toArray(ConnectionFactory[]::new));
		this.socket = socket;
		setIdleTimeout(replaced.getIdleTimeout());
		setName(replaced.getName());
		setHost(socket.localAddress().getAddress().getHostAddress());
		setPort(socket.port());
	}

	@Override
	protected ServerSocketChannel openAcceptChannel() {
		return this.socket.channel();
	}

	@Override
	public int getLocalPort() {
		return isOpen() ? this.socket.port() : super.getLocalPort();
	}

	/**
	 * Replace the server's first server connector by one that serves on a socket.
	 * @param server the server
	 * @param socket the socket
	 */
	public static void replaceIn(Server server, ActivatedSocket socket) {
		for (var connector : server.getConnectors()) {
			if (connector instanceof ServerConnector replaced && !(connector instanceof ActivatedServerConnector)) {
				server.removeConnector(replaced);
				server.addConnector(new ActivatedServerConnector(server, replaced, socket));
				return;
			}
		}
		throw new IllegalStateException("The Jetty server has no server connector to serve on " + socket.socket());
	}

}
