package org.slimta.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.slimta.system.posix.UnixDatagramSocket;

/**
 * A real datagram socket in systemd's place: what a child process sends to the path it was given
 * in {@code NOTIFY_SOCKET} is received here, one message at a time.
 */
final class NotifySocket implements AutoCloseable {

	private final Path path;

	private final UnixDatagramSocket socket;

	private NotifySocket(Path path, UnixDatagramSocket socket) {
		this.path = path;
		this.socket = socket;
	}

	static NotifySocket bind(Path path) throws IOException {
		return new NotifySocket(path, UnixDatagramSocket.bind(path.toString()));
	}

	/** The value of {@code NOTIFY_SOCKET} for the child. */
	String path() {
		return this.path.toString();
	}

	/** The next message, waiting at most a minute for it. */
	String receive() throws Exception {
		return CompletableFuture.supplyAsync(() -> {
			try {
				return new String(this.socket.receive(), StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}).get(60, TimeUnit.SECONDS);
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
		Files.deleteIfExists(this.path);
	}

}
