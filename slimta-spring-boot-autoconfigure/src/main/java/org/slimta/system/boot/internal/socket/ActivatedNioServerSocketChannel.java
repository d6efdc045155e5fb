package org.slimta.system.boot.internal.socket;

import java.net.SocketAddress;

import io.netty.channel.socket.nio.NioServerSocketChannel;
import org.slimta.system.internal.socket.ActivatedSocket;

/**
 * Netty's NIO server channel on a socket systemd passed: binding does nothing (the socket listens
 * already), and its local address is the inherited socket's. Internal usage only.
 */
class ActivatedNioServerSocketChannel extends NioServerSocketChannel {

	private final ActivatedSocket socket;

	/**
	 * Create a channel.
	 * @param socket the socket to serve on
	 */
	public ActivatedNioServerSocketChannel(ActivatedSocket socket) {
		super(socket.channel());
		this.socket = socket;
	}

	@Override
	protected void doBind(SocketAddress localAddress) {
		// Listening already, on the address systemd chose.
	}

	@Override
	protected SocketAddress localAddress0() {
		return this.socket.localAddress();
	}

}
