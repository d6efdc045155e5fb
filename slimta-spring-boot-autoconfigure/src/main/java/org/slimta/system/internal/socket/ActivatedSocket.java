package org.slimta.system.internal.socket;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;

/**
 * A socket systemd passed, ready for a web server: a JDK {@link ServerSocketChannel} whose
 * descriptor is the inherited listening socket, and the address that socket listens on.
 * <p>
 * The channel's own {@link ServerSocketChannel#getLocalAddress()} is not that address: the JDK
 * remembers the loopback address the channel was bound to before the inherited socket took its
 * descriptor. A server reports {@link #localAddress()} instead.
 *
 * @param socket the inherited socket
 * @param channel the channel to accept on
 * @param localAddress the address the inherited socket listens on
 */
public record ActivatedSocket(InheritedSocket socket, ServerSocketChannel channel, InetSocketAddress localAddress) {

	/**
	 * The port it listens on.
	 * @return the port
	 */
	public int port() {
		return this.localAddress.getPort();
	}

	/**
	 * Close the channel, and so the inherited socket.
	 * @throws IOException if closing fails
	 */
	public void close() throws IOException {
		this.channel.close();
	}

}
