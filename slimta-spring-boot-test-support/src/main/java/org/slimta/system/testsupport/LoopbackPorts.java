package org.slimta.system.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports on {@code 127.0.0.1} for a child to listen on, and whether one is listened on: the only
 * address the tests send traffic to.
 */
public final class LoopbackPorts {

	private LoopbackPorts() {
	}

	/**
	 * A port free now on {@code 127.0.0.1}, chosen by the kernel.
	 * @return the port
	 * @throws IOException if no socket can be bound
	 */
	public static int free() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	/**
	 * A port from 600 to 999 free now on {@code 127.0.0.1}: below 1024, only root may bind it.
	 * @return the port
	 * @throws IOException if every one is taken, or this process may not bind them
	 */
	public static int freePrivileged() throws IOException {
		int start = ThreadLocalRandom.current().nextInt(600, 1000);
		for (int i = 0; i < 400; i++) {
			int port = 600 + (start - 600 + i) % 400;
			try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
				return port;
			}
			catch (IOException busy) {
				// taken: try the next one
			}
		}
		throw new IOException("no free port from 600 to 999 on 127.0.0.1");
	}

	/**
	 * Whether something accepts connections on a port of {@code 127.0.0.1}.
	 * @param port the port
	 * @return {@code true} if a connection succeeds
	 */
	public static boolean isListening(int port) {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
