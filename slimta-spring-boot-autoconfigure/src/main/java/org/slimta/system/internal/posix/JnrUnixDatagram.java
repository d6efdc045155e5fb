package org.slimta.system.internal.posix;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.util.Arrays;

import jnr.unixsocket.UnixDatagramChannel;
import jnr.unixsocket.UnixSocketAddress;

/**
 * {@link UnixDatagram} through jnr-unixsocket's channel, for JDK 17 to 21 or wherever
 * {@code -Dorg.slimta.system.native=jnr} asks for it.
 */
final class JnrUnixDatagram implements UnixDatagram {

	private final UnixDatagramChannel channel;

	JnrUnixDatagram() throws IOException {
		this.channel = UnixDatagramChannel.open();
	}

	@Override
	public void bind(String path) throws IOException {
		this.channel.bind(new UnixSocketAddress(path));
	}

	@Override
	public int send(String path, byte[] message) throws IOException {
		return this.channel.send(ByteBuffer.wrap(message), new UnixSocketAddress(path));
	}

	@Override
	public byte[] receive(int maximum) throws IOException {
		ByteBuffer buffer = ByteBuffer.allocate(maximum);
		this.channel.receive(buffer);
		if (!this.channel.isOpen()) {
			// jnr's close shuts the socket down, and the receive it woke returns nothing
			throw new AsynchronousCloseException();
		}
		buffer.flip();
		return Arrays.copyOf(buffer.array(), buffer.limit());
	}

	@Override
	public void close() throws IOException {
		this.channel.close();
	}

}
