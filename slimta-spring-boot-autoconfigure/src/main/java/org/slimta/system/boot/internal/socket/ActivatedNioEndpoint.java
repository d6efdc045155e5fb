package org.slimta.system.boot.internal.socket;

import java.io.IOException;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.nio.channels.NetworkChannel;
import java.nio.channels.SocketChannel;
import java.util.Set;

import org.apache.tomcat.util.net.NioEndpoint;
import org.jspecify.annotations.Nullable;
import org.slimta.system.internal.socket.ActivatedSocket;

/**
 * Tomcat's NIO endpoint accepting on a socket systemd passed instead of binding one. Internal
 * usage only.
 */
class ActivatedNioEndpoint extends NioEndpoint {

	private @Nullable ActivatedSocket socket;

	void serveOn(ActivatedSocket socket) {
		this.socket = socket;
	}

	private ActivatedSocket socket() {
		if (this.socket == null) {
			throw new IllegalStateException("No inherited socket was given to this endpoint");
		}
		return this.socket;
	}

	@Override
	protected void initServerSocket() throws Exception {
		socket().channel().configureBlocking(true);
	}

	@Override
	protected NetworkChannel getServerSocket() {
		return new Reported(socket());
	}

	@Override
	protected SocketChannel serverSocketAccept() throws Exception {
		return socket().channel().accept();
	}

	@Override
	protected void doCloseServerSocket() throws IOException {
		if (this.socket != null) {
			this.socket.close();
		}
	}

	// The channel as Tomcat asks it for its address: the inherited socket's, not the one the JDK remembers.
	private record Reported(ActivatedSocket socket) implements NetworkChannel {

		@Override
		public NetworkChannel bind(@Nullable SocketAddress local) throws IOException {
			throw new UnsupportedOperationException("An inherited socket is bound already");
		}

		@Override
		public <T> NetworkChannel setOption(SocketOption<T> name, T value) throws IOException {
			this.socket.channel().setOption(name, value);
			return this;
		}

		@Override
		public SocketAddress getLocalAddress() {
			return this.socket.localAddress();
		}

		@Override
		public <T> T getOption(SocketOption<T> name) throws IOException {
			return this.socket.channel().getOption(name);
		}

		@Override
		public Set<SocketOption<?>> supportedOptions() {
			return this.socket.channel().supportedOptions();
		}

		@Override
		public boolean isOpen() {
			return this.socket.channel().isOpen();
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
		}

	}

}
