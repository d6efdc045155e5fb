package org.slimta.system.boot.internal.socket;

import org.apache.catalina.connector.Connector;
import org.apache.coyote.http11.Http11NioProtocol;
import org.slimta.system.internal.socket.ActivatedSocket;

/**
 * Tomcat's HTTP/1.1 NIO protocol on an {@link ActivatedNioEndpoint}: the protocol a connector
 * serving on a socket systemd passed is made with (by class name, as
 * {@code Connector(String protocol)} makes it). Internal usage only.
 */
public class ActivatedHttp11NioProtocol extends Http11NioProtocol {

	/**
	 * Create the protocol; {@link #serveOn(Connector, ActivatedSocket)} gives it its socket.
	 */
	public ActivatedHttp11NioProtocol() {
		super(new ActivatedNioEndpoint());
	}

	/**
	 * Give a connector made with this protocol the socket it serves on, before it starts.
	 * @param connector the connector
	 * @param socket the socket
	 */
	public static void serveOn(Connector connector, ActivatedSocket socket) {
		if (!(connector.getProtocolHandler() instanceof ActivatedHttp11NioProtocol protocol)) {
			throw new IllegalStateException("The connector of port " + connector.getPort() + " uses "
					+ connector.getProtocolHandler().getClass().getName() + ", not "
					+ ActivatedHttp11NioProtocol.class.getName());
		}
		((ActivatedNioEndpoint) protocol.getEndpoint()).serveOn(socket);
	}

}
